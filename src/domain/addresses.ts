/**
 * Where an outbound request may go: a pure classifier of hosts (IP literals in every spelling
 * a URL parser or a resolver may hand us, and the few names that mean "this machine" or "the
 * cloud's metadata service"), and the rule that says which classes a fetch may reach.
 * No I/O: the fetch module (`src/services/outbound-fetch.ts`) resolves names and calls this
 * for every address at every hop.
 */

/** What an address is, as far as reaching it from a server goes. `public` is the only safe one. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'unique-local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved';

/** A host name that is not an IP literal: it must be resolved before it can be classified. */
export type HostKind = { kind: 'ip'; version: 4 | 6; address: string; class: AddressClass } | { kind: 'name'; name: string; class: AddressClass | null };

/**
 * Parses an IPv4 address the way the WHATWG URL parser does: one to four parts, each decimal,
 * octal (leading 0) or hexadecimal (0x), the last part filling the remaining bytes — so
 * `2130706433`, `0177.0.0.1`, `0x7f.1` and `127.1` are all 127.0.0.1. Returns the address as
 * an unsigned 32-bit number, or null when it is not an IPv4 address.
 *
 * @example parseIPv4('0x7f.1') // 2130706433
 */
export function parseIPv4(input: string): number | null {
  let s = input;
  if (s.endsWith('.')) s = s.slice(0, -1); // one trailing dot is allowed ("127.0.0.1.")
  const parts = s.split('.');
  if (parts.length === 0 || parts.length > 4 || parts.some((p) => p === '')) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]+$/.test(p)) n = parseInt(p.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(p)) n = Number(p);
    else return null;
    if (!Number.isFinite(n)) return null;
    nums.push(n);
  }
  const last = nums.pop() as number;
  if (nums.some((n) => n > 255)) return null;
  if (last >= 256 ** (4 - nums.length)) return null;
  let value = last;
  nums.forEach((n, i) => (value += n * 256 ** (3 - i)));
  return value >>> 0;
}

/** Dotted form of a 32-bit IPv4 number. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * Parses an IPv6 address (with or without brackets, `::` compression, an embedded dotted IPv4
 * tail such as `::ffff:127.0.0.1`, a zone id `%eth0`, which is dropped) into eight 16-bit
 * groups, or null.
 */
export function parseIPv6(input: string): number[] | null {
  let s = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  s = s.replace(/%.*$/, '');
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return null;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    // A dotted IPv4 tail (only the strict dotted quad, RFC 4291) becomes two hex groups.
    const v4 = s.slice(lastColon + 1);
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(v4)) return null;
    const n = v4.split('.').map(Number);
    if (n.some((x) => x > 255)) return null;
    s = `${s.slice(0, lastColon + 1)}${((n[0] << 8) | n[1]).toString(16)}:${((n[2] << 8) | n[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  for (const g of [...head, ...rest]) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
  const known = head.length + rest.length;
  if (halves.length === 1 && known !== 8) return null;
  if (halves.length === 2 && known > 7) return null;
  const zeros = halves.length === 2 ? 8 - known : 0;
  return [...head.map((g) => parseInt(g, 16)), ...new Array(zeros).fill(0), ...rest.map((g) => parseInt(g, 16))];
}

const inV4 = (n: number, base: string, bits: number) => {
  const b = parseIPv4(base) as number;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((b & mask) >>> 0);
};

/** Cloud metadata services reachable from inside a provider's network (AWS, GCP, Azure, Alibaba, ECS, Oracle). */
const METADATA_V4 = ['169.254.169.254', '169.254.170.2', '169.254.169.253', '100.100.100.200', '192.0.0.192'];

/** Classifies an IPv4 address (a 32-bit number). */
export function classifyIPv4(n: number): AddressClass {
  if (METADATA_V4.some((m) => parseIPv4(m) === n)) return 'metadata';
  if (n === 0xffffffff) return 'broadcast';
  if (inV4(n, '0.0.0.0', 8)) return 'unspecified';
  if (inV4(n, '127.0.0.0', 8)) return 'loopback';
  if (inV4(n, '10.0.0.0', 8) || inV4(n, '172.16.0.0', 12) || inV4(n, '192.168.0.0', 16)) return 'private';
  if (inV4(n, '100.64.0.0', 10)) return 'cgnat';
  if (inV4(n, '169.254.0.0', 16)) return 'link-local';
  if (inV4(n, '224.0.0.0', 4)) return 'multicast';
  // IETF protocol assignments, documentation nets, benchmarking, 6to4 relay anycast, class E.
  if (
    inV4(n, '192.0.0.0', 24) || inV4(n, '192.0.2.0', 24) || inV4(n, '198.51.100.0', 24) || inV4(n, '203.0.113.0', 24) ||
    inV4(n, '198.18.0.0', 15) || inV4(n, '192.88.99.0', 24) || inV4(n, '240.0.0.0', 4)
  )
    return 'reserved';
  return 'public';
}

/** Classifies an IPv6 address (eight groups); addresses that carry an IPv4 one are classified by it. */
export function classifyIPv6(g: number[]): AddressClass {
  const zeroUpTo = (k: number) => g.slice(0, k).every((x) => x === 0);
  const v4 = (hi: number, lo: number) => ((hi << 16) | lo) >>> 0;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // fd00:ec2::254, the AWS metadata service over IPv6.
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return 'metadata';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d):
  // the stack may connect to the IPv4 address itself.
  if (zeroUpTo(5) && g[5] === 0xffff) return classifyIPv4(v4(g[6], g[7]));
  if (zeroUpTo(4) && g[4] === 0xffff && g[5] === 0) return classifyIPv4(v4(g[6], g[7]));
  if (zeroUpTo(6)) return classifyIPv4(v4(g[6], g[7]));
  // NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48) reaches the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyIPv4(v4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'reserved';
  // 6to4 (2002::/16) embeds an IPv4 address in bits 16..47.
  if (g[0] === 0x2002) return classifyIPv4(v4(g[1], g[2]));
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  // Teredo (2001::/32), ORCHID, documentation (2001:db8::/32), discard (100::/64), and
  // everything outside 2000::/3 (not allocated for global unicast).
  if (g[0] === 0x2001 && (g[1] === 0 || g[1] === 0x0db8 || (g[1] & 0xfff0) === 0x0010 || (g[1] & 0xfff0) === 0x0020)) return 'reserved';
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'reserved';
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  return 'public';
}

/** Names that mean this machine, the local network or a cloud's metadata service without any DNS. */
function classifyName(name: string): AddressClass | null {
  const h = name.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'localhost.localdomain') return 'loopback';
  if (h === 'metadata' || h === 'metadata.google.internal' || h === 'instance-data' || h.endsWith('.metadata.google.internal')) return 'metadata';
  // mDNS and names only meaningful inside a private network.
  if (h.endsWith('.local') || h.endsWith('.internal') || h.endsWith('.lan') || h.endsWith('.home.arpa') || h.endsWith('.intranet') || !h.includes('.')) return 'private';
  return null;
}

/**
 * What a URL's host is: an IP literal with its class, or a name (with a class when the name
 * alone settles it, e.g. `localhost`; null when it must be resolved).
 *
 * @example classifyHost('[::ffff:7f00:1]') // { kind: 'ip', version: 6, address: '::ffff:7f00:1', class: 'loopback' }
 */
export function classifyHost(host: string): HostKind {
  const h = host.trim();
  const v6 = parseIPv6(h);
  if (v6) return { kind: 'ip', version: 6, address: h.replace(/^\[|\]$/g, ''), class: classifyIPv6(v6) };
  // A name whose last label is numeric is an IPv4 address to the URL parser (or invalid).
  const v4 = parseIPv4(h);
  if (v4 !== null) return { kind: 'ip', version: 4, address: formatIPv4(v4), class: classifyIPv4(v4) };
  return { kind: 'name', name: h.toLowerCase(), class: classifyName(h) };
}

/** Classifies one resolved address (an A or AAAA answer); null when it is not an address. */
export function classifyAddress(address: string): AddressClass | null {
  const k = classifyHost(address);
  return k.kind === 'ip' ? k.class : null;
}

export interface DestinationRule {
  /** Loopback (127/8, ::1, localhost) is reachable: development and tests, for local publisher pages and receivers. */
  allowLoopback: boolean;
  /** Any port is reachable; otherwise only the scheme's default (80 for http, 443 for https). */
  allowAnyPort: boolean;
}

/** Production: public addresses on default ports only. */
export const PRODUCTION_RULE: DestinationRule = { allowLoopback: false, allowAnyPort: false };
/** Development and tests: production's rule plus loopback on any port. */
export const LOCAL_RULE: DestinationRule = { allowLoopback: true, allowAnyPort: false };

/** The rule for a Worker's `ENVIRONMENT` ("production" when unset or unknown). */
export function ruleFor(environment: string | undefined): DestinationRule {
  return environment === 'development' || environment === 'test' ? LOCAL_RULE : PRODUCTION_RULE;
}

/** Whether a class of address may be reached under a rule. */
export function classAllowed(c: AddressClass, rule: DestinationRule): boolean {
  return c === 'public' || (c === 'loopback' && rule.allowLoopback);
}

export type UrlVerdict =
  | { ok: true; url: URL; host: HostKind }
  | { ok: false; reason: 'invalid-url' | 'scheme' | 'credentials' | 'port' | 'blocked-address'; detail: string; addressClass?: AddressClass };

/**
 * The checks on a URL before any DNS: http or https, no user:password, the port, and the host
 * when it is an IP literal or a name that needs no resolving. A name that does need resolving
 * passes here with `host.class === null`; the caller resolves it and checks each address with
 * `classAllowed`. Non-default ports are refused unless the rule allows any port, or the host is
 * loopback and the rule allows loopback (a local publisher on :8080).
 */
export function checkUrl(raw: string | URL, rule: DestinationRule): UrlVerdict {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    return { ok: false, reason: 'invalid-url', detail: 'is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme', detail: `uses ${url.protocol.replace(/:$/, '')}: only http and https are fetched` };
  if (url.username || url.password) return { ok: false, reason: 'credentials', detail: 'carries a user name or password' };
  const host = classifyHost(url.hostname);
  if (host.class && !classAllowed(host.class, rule)) return { ok: false, reason: 'blocked-address', detail: `points to a ${host.class} address`, addressClass: host.class };
  const loopbackOk = host.class === 'loopback' && rule.allowLoopback;
  if (url.port !== '' && !rule.allowAnyPort && !loopbackOk) return { ok: false, reason: 'port', detail: `uses port ${url.port}: only ${url.protocol === 'https:' ? 443 : 80} is fetched` };
  return { ok: true, url, host };
}
