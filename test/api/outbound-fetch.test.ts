/**
 * The outbound fetch module inside workerd, against the fixture publisher on 127.0.0.1 (the
 * only address these tests ever send traffic to). Refusals are checked before any connection,
 * so the refused destinations below are never contacted.
 */
import { describe, expect, inject, it } from 'vitest';
import { LOCAL_RULE, PRODUCTION_RULE } from '../../src/domain/addresses';
import { OutboundError, assertDestination, outboundFetch, type Resolver } from '../../src/services/outbound-fetch';

const origin = () => inject('publisherOrigin');

async function failure(p: Promise<unknown>): Promise<OutboundError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof OutboundError) return error;
    throw error;
  }
  throw new Error('expected an OutboundError');
}

async function putPage(path: string, page: Record<string, unknown>) {
  const res = await fetch(`${origin()}/__pages${path}`, { method: 'PUT', body: JSON.stringify(page) });
  expect(res.status).toBe(204);
}

describe('outboundFetch on loopback (ENVIRONMENT=test)', () => {
  it('fetches a page and says what it is', async () => {
    const res = await outboundFetch(`${origin()}/fixtures/wordpress`, { environment: 'test', accept: ['text/html'] });
    expect(res.status).toBe(200);
    expect(res.mediaType).toBe('text/html');
    expect(res.charset).toBe('utf-8');
    expect(new TextDecoder().decode(res.body)).toContain('Harbour board fines ferry operator');
    expect(res.hops).toEqual([`${origin()}/fixtures/wordpress`]);
  });

  it('follows redirects, checking each hop, up to the limit', async () => {
    const res = await outboundFetch(`${origin()}/fault/chain/3`, { environment: 'test' });
    expect(res.status).toBe(200);
    expect(res.hops).toHaveLength(4);
    expect(res.url).toBe(`${origin()}/fault/chain/0`);
    const tooMany = await failure(outboundFetch(`${origin()}/fault/chain/6`, { environment: 'test', maxRedirects: 5 }));
    expect(tooMany.code).toBe('too-many-redirects');
  });

  it('stops a redirect loop', async () => {
    const e = await failure(outboundFetch(`${origin()}/fault/loop/a`, { environment: 'test' }));
    expect(e.code).toBe('redirect-loop');
  });

  it('refuses a redirect to a blocked address before connecting to it', async () => {
    // 0.0.0.0 ("this host") is refused in every environment; the check comes before the fetch.
    const e = await failure(outboundFetch(`${origin()}/fault/redirect?to=${encodeURIComponent(`http://0.0.0.0:${new URL(origin()).port}/fixtures/wordpress`)}`, { environment: 'test' }));
    expect(e.code).toBe('blocked-address');
    expect(e.addressClass).toBe('unspecified');
    const scheme = await failure(outboundFetch(`${origin()}/fault/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, { environment: 'test' }));
    expect(scheme.code).toBe('invalid-url');
  });

  it('returns a 3xx as it is when redirects are off (webhooks)', async () => {
    const res = await outboundFetch(`${origin()}/fault/loop/a`, { environment: 'test', maxRedirects: 0 });
    expect(res.status).toBe(302);
  });

  it('times out a server that never answers, and one that trickles', async () => {
    const t0 = Date.now();
    const never = await failure(outboundFetch(`${origin()}/fault/never`, { environment: 'test', timeoutMs: 300 }));
    expect(never.code).toBe('timeout');
    const trickle = await failure(outboundFetch(`${origin()}/fault/trickle`, { environment: 'test', timeoutMs: 1500 }));
    expect(trickle.code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const declared = await failure(outboundFetch(`${origin()}/fault/huge`, { environment: 'test' }));
    expect(declared.code).toBe('too-large');
    const t0 = Date.now();
    const streamed = await failure(outboundFetch(`${origin()}/fault/huge-chunked`, { environment: 'test', maxBytes: 1024 * 1024 }));
    expect(streamed.code).toBe('too-large');
    expect(Date.now() - t0).toBeLessThan(5000); // it stopped reading at the cap, not at 50 MB
  });

  it('keeps the first bytes of a long body when asked to truncate (webhook answers), declared or streamed', async () => {
    for (const path of ['/fault/huge', '/fault/huge-chunked']) {
      const t0 = Date.now();
      const res = await outboundFetch(`${origin()}${path}`, { environment: 'test', maxBytes: 4096, overflow: 'truncate' });
      expect(res.status, path).toBe(200);
      expect(res.body.byteLength, path).toBe(4096);
      expect(Date.now() - t0, path).toBeLessThan(5000);
    }
  });

  it('checks the content type of a success only', async () => {
    const pdf = await failure(outboundFetch(`${origin()}/fault/pdf`, { environment: 'test', accept: ['text/html'] }));
    expect(pdf.code).toBe('unsupported-type');
    expect(pdf.message).toContain('application/pdf');
    const error = await outboundFetch(`${origin()}/fault/500`, { environment: 'test', accept: ['application/json'] });
    expect(error.status).toBe(500);
  });

  it('sends a method, a body and headers (webhook deliveries)', async () => {
    const path = `/receiver-${crypto.randomUUID()}`;
    await putPage(path, { status: 202, type: 'text/plain', body: 'ok' });
    const res = await outboundFetch(`${origin()}${path}`, { environment: 'test', method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', 'x-factmark-signature': 'v1=abc' } });
    expect(res.status).toBe(202);
    const log = await (await fetch(`${origin()}/__log${path}`)).json<{ count: number; requests: { method: string; headers: Record<string, string> }[] }>();
    expect(log.count).toBe(1);
    expect(log.requests[0].method).toBe('POST');
    expect(log.requests[0].headers['x-factmark-signature']).toBe('v1=abc');
    expect(log.requests[0].headers['user-agent']).toMatch(/^Factmark\//);
  });

  it('says when nothing listens', async () => {
    // A port on loopback that was just closed: connection refused, never another address.
    const e = await failure(outboundFetch('http://127.0.0.1:9/', { environment: 'test', timeoutMs: 3000 }));
    expect(['unreachable', 'timeout']).toContain(e.code);
  });
});

describe('production rule', () => {
  it('refuses loopback itself, in any spelling, before connecting', async () => {
    for (const url of [`${origin()}/fixtures/wordpress`, 'http://localhost/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/']) {
      const e = await failure(outboundFetch(url, { environment: 'production' }));
      expect(e.code, url).toBe('blocked-address');
    }
  });

  it('refuses a name that resolves to a private or metadata address (resolver injected: no DNS traffic)', async () => {
    const resolver: Resolver = async (name) => ({ 'intranet-alias.example': ['93.184.216.34', '10.0.0.8'], 'meta.example': ['fd00:ec2::254'], 'rebind.example': ['::ffff:127.0.0.1'] })[name] ?? [];
    for (const [name, cls] of [['intranet-alias.example', 'private'], ['meta.example', 'metadata'], ['rebind.example', 'loopback']]) {
      const e = await failure(assertDestination(`https://${name}/story`, PRODUCTION_RULE, resolver));
      expect(e.code).toBe('blocked-address');
      expect(e.addressClass).toBe(cls);
    }
    await expect(assertDestination('https://news.example/story', PRODUCTION_RULE, async () => ['93.184.216.34', '2606:2800:220:1::1'])).resolves.toBeInstanceOf(URL);
    const dnsDown = await failure(assertDestination('https://news.example/', PRODUCTION_RULE, async () => { throw new Error('SERVFAIL'); }));
    expect(dnsDown.code).toBe('unresolvable');
  });

  it('the local rule still refuses private names that resolve there', async () => {
    const e = await failure(assertDestination('http://pages.example/', LOCAL_RULE, async () => ['192.168.1.20']));
    expect(e.addressClass).toBe('private');
  });
});
