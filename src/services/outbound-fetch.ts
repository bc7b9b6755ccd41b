/**
 * The one way the Worker fetches a URL someone gave it (article import and refresh, webhook
 * delivery): http/https only, the destination rule of `src/domain/addresses.ts` checked on the
 * URL and on every address its name resolves to, again at every redirect hop; a deadline for
 * the whole exchange; a size cap enforced while the body streams in; a redirect limit; an
 * optional content-type check. It throws `OutboundError`, whose `code` says which rule or fault
 * stopped it, and never returns a partial body.
 *
 * DNS: a Worker cannot resolve names itself, and `fetch()` resolves them inside Cloudflare.
 * So before each hop the name is resolved through an injectable `Resolver` — in production
 * DNS-over-HTTPS (A and AAAA, `DOH_URL`, default Cloudflare's resolver) — and every answer must
 * be in an allowed class. Cloudflare also refuses to connect a Worker's subrequest to private
 * and loopback addresses itself; our check makes the refusal explicit, names the reason, and
 * holds for hosts that answer differently later only as far as Cloudflare's own refusal does
 * (DNS rebinding between our lookup and Cloudflare's is not closed by us; see docs/import.md).
 */
import { checkUrl, classAllowed, classifyAddress, ruleFor, type AddressClass, type DestinationRule } from '../domain/addresses';

export type OutboundErrorCode =
  | 'invalid-url'
  | 'blocked-address'
  | 'unresolvable'
  | 'unreachable'
  | 'timeout'
  | 'too-large'
  | 'unsupported-type'
  | 'too-many-redirects'
  | 'redirect-loop';

/** Why an outbound fetch stopped; `detail` is a sentence fit for a problem+json answer. */
export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  readonly url: string;
  readonly addressClass?: AddressClass;
  constructor(code: OutboundErrorCode, url: string, detail: string, addressClass?: AddressClass) {
    super(detail);
    this.name = 'OutboundError';
    this.code = code;
    this.url = url;
    this.addressClass = addressClass;
  }
}

/** Resolves a host name to its addresses (IPv4 and IPv6, as text). An empty list means no such name. */
export type Resolver = (name: string) => Promise<string[]>;

/**
 * DNS-over-HTTPS with the JSON API (`application/dns-json`), A and AAAA in parallel. Used in
 * production; CNAME chains are followed by the resolver, and only address answers are kept.
 */
export function dohResolver(endpoint = 'https://cloudflare-dns.com/dns-query', fetcher: typeof fetch = fetch): Resolver {
  return async (name) => {
    const ask = async (type: 'A' | 'AAAA') => {
      const res = await fetcher(`${endpoint}?name=${encodeURIComponent(name)}&type=${type}`, { headers: { accept: 'application/dns-json' } });
      if (!res.ok) throw new Error(`DNS-over-HTTPS answered ${res.status}`);
      const body = (await res.json()) as { Answer?: { type: number; data: string }[] };
      return (body.Answer ?? []).filter((a) => a.type === 1 || a.type === 28).map((a) => a.data);
    };
    const [a, aaaa] = await Promise.all([ask('A'), ask('AAAA')]);
    return [...a, ...aaaa];
  };
}

/**
 * Development and tests: names that are not loopback are not resolved (tests never send
 * traffic to any other address), so they are treated as public and left to `fetch()`; the
 * tests pass their own resolver where a name's addresses matter.
 */
const passThrough: Resolver = async () => [];

export interface OutboundOptions {
  /** The Worker's `ENVIRONMENT`: development and test allow loopback. */
  environment?: string;
  /** Overrides the rule derived from `environment`. */
  rule?: DestinationRule;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** For the whole exchange: every hop, headers and body. */
  timeoutMs?: number;
  /** The body's size cap in bytes (checked on Content-Length first, then while reading). */
  maxBytes?: number;
  /**
   * What a longer body does: `error` (the default) throws `too-large`; `truncate` keeps the
   * first `maxBytes` and stops reading (a webhook receiver's answer: its status is what counts).
   */
  overflow?: 'error' | 'truncate';
  /** Redirects followed at most (0: a 3xx is returned as it is). */
  maxRedirects?: number;
  /** Media types accepted for a 2xx answer (e.g. text/html); others throw `unsupported-type`. */
  accept?: string[];
  /** Name resolution; default DNS-over-HTTPS in production, none in development and tests. */
  resolver?: Resolver;
  /** Where DNS-over-HTTPS asks (production only), e.g. the `DOH_URL` variable. */
  dohUrl?: string;
}

export interface OutboundResponse {
  /** The URL that answered, after redirects. */
  url: string;
  /** Every URL visited, the first one included. */
  hops: string[];
  status: number;
  headers: Headers;
  /** The whole body (empty for 304 and HEAD-like answers). */
  body: Uint8Array;
  /** The media type without parameters, lower case ('' when absent). */
  mediaType: string;
  /** The charset parameter of Content-Type, lower case, if any. */
  charset: string | null;
}

export const OUTBOUND_DEFAULTS = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 } as const;

/** The User-Agent publishers see in their logs. */
export const USER_AGENT = 'Factmark/1.0 (fact-check annotations; +https://github.com/factmark)';

/**
 * Checks a URL against the rule, resolving its host name when the name alone does not settle
 * it; throws `OutboundError` when the destination is refused.
 */
export async function assertDestination(raw: string, rule: DestinationRule, resolver: Resolver): Promise<URL> {
  const verdict = checkUrl(raw, rule);
  if (!verdict.ok) throw new OutboundError(verdict.reason === 'blocked-address' || verdict.reason === 'port' ? 'blocked-address' : 'invalid-url', raw, `The URL ${verdict.detail}.`, verdict.addressClass);
  const { url, host } = verdict;
  if (host.kind === 'name' && host.class === null) {
    let addresses: string[];
    try {
      addresses = await resolver(host.name);
    } catch (error) {
      throw new OutboundError('unresolvable', raw, `The name ${host.name} could not be resolved (${String((error as Error).message ?? error)}).`);
    }
    for (const a of addresses) {
      const c = classifyAddress(a);
      if (c && !classAllowed(c, rule)) throw new OutboundError('blocked-address', raw, `The name ${host.name} resolves to a ${c} address.`, c);
    }
  }
  return url;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Splits Content-Type into its media type and charset. */
export function parseContentType(value: string | null): { mediaType: string; charset: string | null } {
  if (!value) return { mediaType: '', charset: null };
  const [type, ...params] = value.split(';');
  const cs = params.map((p) => p.trim().match(/^charset\s*=\s*"?([^";\s]+)"?$/i)).find(Boolean);
  return { mediaType: type.trim().toLowerCase(), charset: cs ? cs[1].toLowerCase() : null };
}

/** Reads a body stream into one buffer, refusing it (or, with `truncate`, cutting it) as soon as it passes `max` bytes. */
async function readCapped(res: Response, max: number, url: string, truncate = false): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      await reader.cancel().catch(() => {});
      if (!truncate) throw new OutboundError('too-large', url, `The answer is larger than ${max} bytes.`);
      chunks.push(value.subarray(0, max - size));
      size = max;
      break;
    }
    size += value.byteLength;
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Fetches `raw` under the destination rule. A 3xx is followed (up to `maxRedirects`, each
 * Location checked like the first URL; 303, and 301/302 after a POST, continue as GET); other
 * statuses are returned with their body for the caller to judge, so a webhook can record a 500
 * and an importer can call it an error.
 *
 * @example
 * const page = await outboundFetch('https://news.example/story', { environment: env.ENVIRONMENT, accept: ['text/html'] });
 */
export async function outboundFetch(raw: string, options: OutboundOptions = {}): Promise<OutboundResponse> {
  const rule = options.rule ?? ruleFor(options.environment);
  const local = rule.allowLoopback;
  const resolver = options.resolver ?? (local ? passThrough : dohResolver(options.dohUrl));
  const timeoutMs = options.timeoutMs ?? OUTBOUND_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? OUTBOUND_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? OUTBOUND_DEFAULTS.maxRedirects;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const hops: string[] = [];
  let method = options.method ?? 'GET';
  let body = options.body;
  let current = raw;
  try {
    for (;;) {
      const url = await assertDestination(current, rule, resolver);
      if (hops.includes(url.href)) throw new OutboundError('redirect-loop', raw, `The page redirects in a loop (back to ${url.href}).`);
      hops.push(url.href);
      let res: Response;
      try {
        res = await fetch(url.href, {
          method,
          body: method === 'GET' ? undefined : body,
          headers: { 'user-agent': USER_AGENT, ...options.headers },
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (error) {
        if (timedOut) throw new OutboundError('timeout', raw, `No complete answer within ${timeoutMs / 1000} s.`);
        throw new OutboundError('unreachable', raw, `The server could not be reached (${String((error as Error).message ?? error)}).`);
      }
      if (REDIRECTS.has(res.status) && maxRedirects > 0) {
        const location = res.headers.get('location');
        await res.body?.cancel().catch(() => {});
        if (!location) throw new OutboundError('unreachable', raw, `The server answered ${res.status} without a Location.`);
        if (hops.length > maxRedirects) throw new OutboundError('too-many-redirects', raw, `More than ${maxRedirects} redirects.`);
        current = new URL(location, url).href;
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      const { mediaType, charset } = parseContentType(res.headers.get('content-type'));
      if (options.accept && res.status >= 200 && res.status < 300 && !options.accept.includes(mediaType)) {
        await res.body?.cancel().catch(() => {});
        throw new OutboundError('unsupported-type', raw, `The answer is ${mediaType || 'of no stated type'}, not ${options.accept.join(' or ')}.`);
      }
      const truncate = options.overflow === 'truncate';
      const declared = Number(res.headers.get('content-length'));
      if (declared > maxBytes && !truncate) {
        await res.body?.cancel().catch(() => {});
        throw new OutboundError('too-large', raw, `The answer is ${declared} bytes, over the limit of ${maxBytes}.`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(res, maxBytes, raw, truncate);
      } catch (error) {
        if (error instanceof OutboundError) throw error;
        if (timedOut) throw new OutboundError('timeout', raw, `No complete answer within ${timeoutMs / 1000} s.`);
        throw new OutboundError('unreachable', raw, `The answer broke off (${String((error as Error).message ?? error)}).`);
      }
      return { url: url.href, hops, status: res.status, headers: res.headers, body: bytes, mediaType, charset };
    }
  } finally {
    clearTimeout(timer);
  }
}
