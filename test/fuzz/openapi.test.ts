/**
 * Property-based fuzzing of every route of the OpenAPI document the app serves
 * (`/api/v1/openapi.json`, read at run time: routes that others add are fuzzed as soon as they
 * are documented), through the real Worker entry inside workerd, with generated bad and odd
 * input: path parameters, query strings, bodies near and far from their schemas, content
 * types, If-Match, Origin and credentials of every role. Every answer must be:
 * - never a 5xx;
 * - for an error under /api/v1, application/problem+json whose `status` is the HTTP status;
 * - never a stack trace;
 * - and a refused request (4xx) must have written nothing: every table's rows are compared
 *   before and after (tables.ts's throttle and a token's last use excepted, see UNGUARDED).
 *
 * Short form in `npm test` (FUZZ_RUNS per route, a fixed seed, so it is the same run every
 * time); long form with `npm run test:fuzz` (thousands of cases, a new seed each run, printed
 * so a failure can be replayed with FUZZ_SEED).
 */
import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeUser, ORIGIN, PASSWORD } from '../api/helpers';
import { fromSchema, headerSafe, oddJson, oddString, type JsonSchema } from './arbitraries';

const RUNS = Number(env.FUZZ_RUNS || 6);
const LONG = RUNS > 20;
const SEED = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

/**
 * What a refused request may still write, and why: a refused sign-in is counted (that is the
 * throttle), and a token's last use is noted after the answer whatever the answer was.
 */
const UNGUARDED: { tables: string[]; columns: Record<string, string[]> } = {
  tables: ['sign_in_throttle', 'd1_migrations'],
  columns: { api_tokens: ['last_used_at'] },
};

type Operation = { method: string; path: string; schema?: JsonSchema; query: { name: string; schema: JsonSchema }[]; params: string[] };

interface Client {
  name: string;
  headers: Record<string, string>;
}

let operations: Operation[] = [];
const clients: Client[] = [];
let ids: string[] = [];
const blockedFetches: string[] = [];
let stats = { requests: 0, byStatus: new Map<number, number>() };

async function send(req: Request) {
  const res = await exports.default.fetch(req);
  const text = await res.text();
  return { res, text };
}

/** Every guarded table's rows, as one string to compare. */
async function snapshot(): Promise<string> {
  const tables = (await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name").all<{ name: string }>()).results
    .map((r) => r.name)
    .filter((t) => !UNGUARDED.tables.includes(t));
  const dumps = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM "${t}"`)));
  return JSON.stringify(
    tables.map((t, i) => {
      const drop = UNGUARDED.columns[t] ?? [];
      return [t, (dumps[i].results as Record<string, unknown>[]).map((row) => (drop.length ? Object.fromEntries(Object.entries(row).filter(([k]) => !drop.includes(k))) : row))];
    }),
  );
}

async function signIn(role: 'checker' | 'editor' | 'admin', ip: string): Promise<string> {
  const user = await makeUser(role);
  const { res } = await send(new Request(`${ORIGIN}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN, 'CF-Connecting-IP': ip }, body: JSON.stringify({ email: user.email, password: PASSWORD }) }));
  if (res.status !== 200) throw new Error(`sign-in for the fuzz run failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

beforeAll(async () => {
  // Nothing leaves this machine: the Worker runs in this isolate, so its fetch() is this one.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return realFetch(input, init);
    blockedFetches.push(url.href);
    return Promise.reject(new TypeError(`fuzz: no network beyond loopback (${url.host})`));
  });
  const db = env.DB;
  await db.batch(env.TEST_SEED.map((s) => db.prepare(s)));
  const admin = await signIn('admin', '192.0.2.1');
  clients.push(
    { name: 'anonymous', headers: {} },
    { name: 'checker', headers: { Cookie: await signIn('checker', '192.0.2.2') } },
    { name: 'editor', headers: { Cookie: await signIn('editor', '192.0.2.3') } },
    { name: 'admin', headers: { Cookie: admin } },
    { name: 'expired cookie', headers: { Cookie: 'fm_session=not-a-session' } },
    { name: 'bad bearer', headers: { Authorization: 'Bearer fmk_nope' } },
  );
  for (const role of ['checker', 'editor', 'admin'] as const) {
    const { text } = await send(new Request(`${ORIGIN}/api/v1/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: ORIGIN, Cookie: admin }, body: JSON.stringify({ name: `fuzz ${role}`, role }) }));
    clients.push({ name: `${role} token`, headers: { Authorization: `Bearer ${JSON.parse(text).token}` } });
  }
  const { text } = await send(new Request(`${ORIGIN}/api/v1/openapi.json`));
  const doc = JSON.parse(text) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      schema: op.requestBody?.content['application/json']?.schema,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
    })),
  );
  const lists = await db.batch(['SELECT id FROM articles', 'SELECT slug AS id FROM articles', 'SELECT id FROM claims', 'SELECT id FROM sources', 'SELECT id FROM users', 'SELECT id FROM api_tokens', 'SELECT id FROM verdicts'].map((q) => db.prepare(q)));
  ids = lists.flatMap((l) => (l.results as { id: string }[]).map((r) => r.id));
}, 60_000);

afterAll(() => {
  vi.unstubAllGlobals();
  const byStatus = [...stats.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`fuzz: ${stats.requests} requests over ${operations.length} documented operations, seed ${SEED}; statuses ${byStatus}; outbound fetches refused: ${blockedFetches.length}`);
});

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '', 'application/json; charset=utf-16', 'APPLICATION/JSON'];
const RAW_BODIES = ['{', '{"a":', '[]', 'null', '"x"', '1', 'true', '{"__proto__":{"admin":true}}', 'a=b&c=d', '<x/>', '\u0000', '['.repeat(5000) + ']'.repeat(5000), '{"text":"' + '\\ud800'.repeat(100) + '"}'];
const HUGE = JSON.stringify({ text: 'x'.repeat(2.2 * 1024 * 1024) });

function requestFor(op: Operation) {
  const param = fc.oneof({ arbitrary: fc.constantFrom(...(ids.length ? ids : ['x'])), weight: 3 }, { arbitrary: oddString, weight: 2 });
  const query = fc.record(Object.fromEntries(op.query.map((q) => [q.name, fromSchema(q.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))])), { requiredKeys: [] });
  const body = fc.oneof(
    { arbitrary: fromSchema(op.schema ?? {}).map((v) => ({ text: JSON.stringify(v) ?? 'null', json: true })), weight: 6 },
    { arbitrary: oddJson.map((v) => ({ text: JSON.stringify(v) ?? 'null', json: true })), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_BODIES).map((text) => ({ text, json: false })), weight: 1 },
    { arbitrary: fc.constant({ text: HUGE, json: true }), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
  return fc.record({
    client: fc.constantFrom(...clients),
    params: fc.tuple(...op.params.map(() => param), fc.constant(null)),
    rawParams: fc.boolean(),
    query,
    extraQuery: fc.option(fc.tuple(oddString, oddString), { freq: 4 }),
    body,
    contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 6 }, { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 }),
    ifMatch: fc.option(fc.oneof(fc.integer({ min: 0, max: 6 }).map((n) => `"${n}"`), fc.constantFrom('*', 'W/"1"', '"abc"', '1', '""', '"1", "2"', '"99999999999999999999"'), oddString), { freq: 2 }),
    origin: fc.constantFrom<string | null>(ORIGIN, ORIGIN, ORIGIN, null, 'https://evil.example', 'null'),
    method: fc.oneof({ arbitrary: fc.constant(op.method), weight: 12 }, { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), weight: 1 }),
    accept: fc.constantFrom(undefined, 'application/json', 'text/html', '*/*', 'application/ld+json'),
  });
}

type Case = ReturnType<typeof requestFor> extends fc.Arbitrary<infer T> ? T : never;

function build(op: Operation, c: Case): Request {
  let i = 0;
  const path = op.path.replace(/\{\w+\}/g, () => {
    // A lone surrogate cannot be in a URL (encodeURIComponent throws): send what a client could.
    const v = Array.from(c.params[i++] ?? 'x', (ch) => (/^[\uD800-\uDFFF]$/.test(ch) ? '\uFFFD' : ch)).join('');
    return c.rawParams ? v.replace(/[#?]/g, '') : encodeURIComponent(v);
  });
  const url = new URL(`${ORIGIN}/api/v1${path}`);
  for (const [k, v] of Object.entries(c.query)) url.searchParams.set(k, String(v));
  if (c.extraQuery) url.searchParams.set(c.extraQuery[0] || 'x', c.extraQuery[1]);
  const headers: Record<string, string> = { ...c.client.headers, 'CF-Connecting-IP': '198.51.100.250' };
  if (c.origin) headers.Origin = c.origin;
  if (c.ifMatch !== null) headers['If-Match'] = headerSafe(c.ifMatch);
  if (c.accept) headers.Accept = c.accept;
  const withBody = c.body && !['GET', 'HEAD'].includes(c.method);
  if (withBody && c.contentType) headers['Content-Type'] = c.contentType;
  return new Request(url, { method: c.method, headers, body: withBody ? c.body!.text : undefined });
}

/** What every answer must be; `before` is the snapshot taken just before the request. */
async function check(op: Operation, req: Request, before: string) {
  const { res, text } = await send(req);
  stats.requests++;
  stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
  const where = `${req.method} ${new URL(req.url).pathname}${new URL(req.url).search.slice(0, 80)} → ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBeLessThan(500);
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(text, where).not.toMatch(/\bat [^\n]*\.(ts|js):\d+:\d+/);
  if (res.status >= 400 && req.method !== 'HEAD') {
    expect(res.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text);
    expect(problem.status, where).toBe(res.status);
    expect(typeof problem.type, where).toBe('string');
    expect(typeof problem.title, where).toBe('string');
  }
  if (res.status >= 400) expect(await snapshot(), `${where}\nA refused request changed the database`).toBe(before);
}

describe('every documented route, fuzzed', () => {
  it('reads the OpenAPI document and has clients of every kind', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(clients.length).toBe(9);
  });

  // One property per operation, so a failure names the route. Listed at collection time
  // from the static document would need a second source of truth; the document is read in
  // beforeAll, so the operations run inside one test each, in turn.
  it('no route answers 5xx, a problem with another status, a stack trace, or writes when it refuses', async () => {
    for (const op of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (c) => {
          const before = await snapshot();
          await check(op, build(op, c), before);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: !LONG, verbose: 1 },
      );
    }
    expect(blockedFetches, 'outbound fetches the Worker tried (refused)').toEqual(expect.any(Array));
  }, LONG ? 3_600_000 : 120_000);
});
