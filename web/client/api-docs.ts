/**
 * The API reference at /api/v1/docs, rendered in the browser from /api/v1/openapi.json (the
 * document the route contracts build from the same zod schemas that validate requests).
 * A static asset, so it costs the Worker nothing. For every operation: who may call it, its
 * parameters, its request body field by field, its responses, and an example request and
 * answer (the contract's own, or one made from the schema). Everything from the document is
 * inserted as text, never as HTML.
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | Schema;
  example?: unknown;
  examples?: unknown[];
  $ref?: string;
};

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

interface Media {
  schema?: Schema;
  example?: unknown;
}

interface Operation {
  summary: string;
  description?: string;
  tags?: string[];
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
}

interface Doc {
  info: { title: string; description: string };
  servers?: { url: string }[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const ID_PREFIX: Record<string, string> = { articles: 'art', claims: 'clm', sources: 'src', users: 'usr', tokens: 'tok', webhooks: 'whk', deliveries: 'dlv' };

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK', '201': 'Created', '204': 'No content', '400': 'Malformed JSON', '401': 'Not signed in', '403': 'Role too low',
  '404': 'Not found', '409': 'Stale version or conflict', '413': 'Body too large', '415': 'Not JSON', '422': 'Invalid fields', '428': 'Version required',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}

/** Text with `code` spans (the contracts' descriptions use Markdown backticks), as nodes. */
function prose(text: string): Node[] {
  return text.split(/(`[^`]+`)/).map((part) => (part.startsWith('`') && part.endsWith('`') ? el('code', {}, part.slice(1, -1)) : document.createTextNode(part)));
}

/** The schema without its null alternative: `string | null` reads as "string, or null". */
function nonNull(s: Schema): { schema: Schema; nullable: boolean } {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const rest = alts.filter((a) => a.type !== 'null');
    if (rest.length === 1) return { schema: { ...rest[0], description: s.description ?? rest[0].description }, nullable: rest.length < alts.length };
  }
  return { schema: s, nullable: Array.isArray(s.type) && s.type.includes('null') };
}

/** A schema's type in words: "string (uri)", "one of: open, flagged", "array of string", "integer 1 to 200". */
function typeText(s: Schema): string {
  const { schema, nullable } = nonNull(s);
  let t: string;
  if (schema.enum) t = `one of: ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  else if (schema.const !== undefined) t = JSON.stringify(schema.const);
  else if (schema.anyOf || schema.oneOf) t = (schema.anyOf ?? schema.oneOf ?? []).map(typeText).join(' or ');
  else if (schema.type === 'array') t = `array of ${schema.items ? typeText(schema.items) : 'anything'}`;
  else if (schema.type) {
    t = Array.isArray(schema.type) ? schema.type.filter((x) => x !== 'null').join(' or ') : schema.type;
    if (schema.format) t += ` (${schema.format})`;
    const range = (lo?: number, hi?: number, unit = '') => (lo !== undefined && hi !== undefined ? ` ${lo} to ${hi}${unit}` : lo !== undefined ? ` ≥ ${lo}${unit}` : hi !== undefined ? ` ≤ ${hi}${unit}` : '');
    // JSON Schema's "safe integer" bounds say nothing to a reader.
    const big = (n?: number) => (n !== undefined && Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);
    t += range(big(schema.minimum), big(schema.maximum));
    if (schema.type === 'string') t += range(schema.minLength, schema.maxLength, ' characters').replace(/^ (\d+) to/, ' $1 to').replace(/ ≤ /, ', at most ').replace(/ ≥ /, ', at least ');
  } else t = 'any JSON value';
  return nullable ? `${t}, or null` : t;
}

/** A plausible value for a schema: the example the contract gives, else one made from the types. */
export function exampleOf(s: Schema | undefined, name = '', depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.example !== undefined) return s.example;
  if (s.examples?.length) return s.examples[0];
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return exampleOf(alts.find((a) => a.type !== 'null') ?? alts[0], name, depth + 1);
  if (s.allOf?.length) return exampleOf(s.allOf[0], name, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) if (s.required?.includes(k) || depth === 0) out[k] = exampleOf(v, k, depth + 1);
      return out;
    }
    case 'array':
      return [exampleOf(s.items, name, depth + 1)];
    case 'integer':
    case 'number':
      return name === 'version' ? 3 : (s.minimum ?? 1);
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uri' || /url$/i.test(name)) return 'https://news.example/2017/08/story';
      if (s.format === 'email' || name === 'email') return 'checker@newsroom.example';
      if (s.format === 'date-time') return '2026-11-28T10:00:00.000Z';
      if (/^\^\(?\\d\{4\}/.test(s.pattern ?? '') || /At$/.test(name)) return '2017-08-25';
      return name ? `…${name}…` : '…';
    default:
      return null;
  }
}

/** The fields of an object schema as a table: name, type, required, what it means. */
function fieldsTable(s: Schema, caption: string): HTMLElement | null {
  const props = Object.entries(s.properties ?? {});
  if (!props.length) return el('p', {}, `${caption}: `, typeText(s));
  const body = el('tbody');
  for (const [name, p] of props) {
    const { schema } = nonNull(p);
    body.append(el('tr', {}, el('td', {}, el('code', {}, name)), el('td', {}, typeText(p)), el('td', { class: 'req' }, s.required?.includes(name) ? 'required' : 'optional'), el('td', {}, ...prose(p.description ?? schema.description ?? ''))));
  }
  return el('table', {}, el('caption', {}, caption), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Field'), el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'Meaning'))), body);
}

const json = (v: unknown) => el('pre', {}, el('code', {}, JSON.stringify(v, null, 2)));

function operationSection(path: string, method: string, op: Operation, base: string): HTMLElement {
  const id = op.operationId ?? `${method}-${path}`;
  const sec = el('section', { class: 'op', id, 'aria-labelledby': `${id}-h` });
  sec.append(el('h3', { id: `${id}-h` }, el('code', { class: `method ${method}` }, method.toUpperCase()), ' ', el('code', {}, `/api/v1${path}`)));
  sec.append(el('p', { class: 'op-summary' }, op.summary));
  for (const para of (op.description ?? '').split(/\n\n+/).filter(Boolean)) sec.append(el('p', {}, ...prose(para)));

  const params = op.parameters ?? [];
  if (params.length) {
    const body = el('tbody');
    for (const p of params) body.append(el('tr', {}, el('td', {}, el('code', {}, p.name)), el('td', {}, p.in), el('td', {}, p.schema ? typeText(p.schema) : 'string'), el('td', { class: 'req' }, p.required ? 'required' : 'optional'), el('td', {}, ...prose(p.description ?? p.schema?.description ?? ''))));
    sec.append(el('table', {}, el('caption', {}, 'Parameters'), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'In'), el('th', { scope: 'col' }, 'Type'), el('th', { scope: 'col' }, ''), el('th', { scope: 'col' }, 'Meaning'))), body));
  }

  const media = op.requestBody?.content['application/json'];
  let example: unknown;
  if (media?.schema) {
    sec.append(fieldsTable(media.schema, 'Request body (JSON)') ?? '');
    example = media.example ?? exampleOf(media.schema);
  }
  const query = params.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(String(exampleOf(p.schema, p.name)))}`);
  // An id in the path reads like one of its resource: /articles/art_…, /claims/clm_….
  const url = base + path.replace(/\/(\w+)\/\{(\w+)\}/g, (_, res: string, n: string) => `/${res}/${n === 'id' ? `${ID_PREFIX[res] ?? 'id'}_2k7x0d1q9f8a` : `…${n}…`}`) + (query.length ? `?${query.join('&')}` : '');
  const request = `${method.toUpperCase()} ${url}${example !== undefined ? `\nContent-Type: application/json\n\n${JSON.stringify(example, null, 2)}` : ''}`;
  sec.append(el('details', { class: 'example' }, el('summary', {}, 'Example request'), el('pre', {}, el('code', {}, request))));

  const responses = el('dl', { class: 'responses' });
  for (const [status, r] of Object.entries(op.responses)) {
    const m = r.content ? Object.values(r.content)[0] : undefined;
    const problem = /^[45]/.test(status);
    responses.append(
      el('dt', {}, el('code', {}, status), ' ', STATUS_TEXT[status] ?? ''),
      el('dd', {}, ...prose(problem ? `${r.description}: see the problem types.` : r.description), ...(m && !problem && (m.example !== undefined || m.schema) ? [el('details', { class: 'example' }, el('summary', {}, 'Example answer'), json(m.example ?? exampleOf(m.schema)))] : [])),
    );
  }
  sec.append(el('h4', {}, 'Responses'), responses);
  return sec;
}

async function render(root: HTMLElement) {
  const res = await fetch(root.dataset.spec ?? '/api/v1/openapi.json', { headers: { Accept: 'application/json' } });
  const doc = (await res.json()) as Doc;
  const base = new URL(doc.servers?.[0]?.url ?? '/api/v1', location.href).pathname.replace(/\/$/, '');
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  const tags = doc.tags?.map((t) => t.name) ?? [...new Set(ops.map((o) => o.op.tags?.[0] ?? 'other'))];
  const toc = el('nav', { 'aria-label': 'Operations', class: 'toc' });
  const sections: HTMLElement[] = [];
  for (const tag of tags) {
    const mine = ops.filter((o) => (o.op.tags?.[0] ?? 'other') === tag);
    if (!mine.length) continue;
    const list = el('ul');
    const sec = el('section', { class: 'tag', id: `tag-${tag}`, 'aria-labelledby': `tag-${tag}-h` }, el('h2', { id: `tag-${tag}-h` }, tag));
    for (const { path, method, op } of mine) {
      const s = operationSection(path, method, op, base.replace(/\/api\/v1$/, '') + '/api/v1');
      sec.append(s);
      list.append(el('li', {}, el('a', { href: `#${s.id}` }, el('code', {}, method.toUpperCase()), ' ', path)));
    }
    toc.append(el('h2', {}, el('a', { href: `#tag-${tag}` }, tag)), list);
    sections.push(sec);
  }
  root.replaceChildren(el('p', {}, ...prose(doc.info.description)), toc, ...sections);
  root.setAttribute('aria-busy', 'false');
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

const root = document.getElementById('api-reference');
if (root) {
  render(root).catch(() => {
    root.replaceChildren(el('p', {}, 'The reference could not be loaded. The document itself: ', el('a', { href: '/api/v1/openapi.json' }, '/api/v1/openapi.json')));
  });
}
