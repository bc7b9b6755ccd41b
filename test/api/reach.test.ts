import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { d1ReachStore } from '../../src/services/reach';
import { MAX_OPENS_PER_VIEW } from '../../src/routes/reach';
import { readResponse } from '../read-response';
import { ORIGIN, call, createArticle, createClaim, editorForFile } from './helpers';

const { editor, publish } = editorForFile();

async function publicArticle(publisher = 'Reach Daily') {
  const article = await createArticle(editor, { publisher, url: `https://news.example/${crypto.randomUUID()}`, slug: undefined });
  const claim = await createClaim(editor, article.id);
  await publish(claim, { rating: 'true', summary: 'Right.' });
  return article as { id: string; slug: string; url: string };
}

const beacon = (path: string, body = '', headers: Record<string, string> = {}) => call(path, { method: 'POST', body, headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers } });
const today = () => new Date().toISOString().slice(0, 10);
const report = (publisher?: string) => d1ReachStore(createDb(env.DB)).report({ from: today(), to: today(), publisher });

describe('the reach beacon (POST /reach)', () => {
  it('counts one view and the popovers opened for a public article, and answers 204 with nothing to keep', async () => {
    const article = await publicArticle('Beacon Post');
    const res = await beacon(`/reach/${article.slug}`, '3', { Cookie: 'fm_session=whatever', Origin: 'https://publisher.example' });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await beacon(`/reach/${article.slug}`, '')).toMatchObject({ status: 204 });
    const r = await report('Beacon Post');
    expect(r.perDay).toEqual([{ day: today(), views: 2, opens: 3 }]);
    expect(r.perArticle).toEqual([{ articleId: article.id, views: 2, opens: 3 }]);
  });

  it('finds the article by its canonical URL too, as the embed does without data-article', async () => {
    const article = await publicArticle('Beacon By URL');
    const res = await beacon(`/reach?url=${encodeURIComponent(article.url + '/')}`, '1');
    expect(res.status).toBe(204);
    expect((await report('Beacon By URL')).perArticle).toEqual([{ articleId: article.id, views: 1, opens: 1 }]);
  });

  it('caps the popovers one view can count', async () => {
    const article = await publicArticle('Beacon Cap');
    expect((await beacon(`/reach/${article.slug}`, '999999')).status).toBe(204);
    expect((await report('Beacon Cap')).perDay[0].opens).toBe(MAX_OPENS_PER_VIEW);
  });

  it('answers a draft exactly like an unknown article, and counts nothing', async () => {
    const draft = await createArticle(editor, { publisher: 'Beacon Draft', url: 'https://news.example/draft-reach' });
    await createClaim(editor, draft.id);
    const a = await beacon(`/reach/${draft.slug}`, '1');
    const b = await beacon('/reach/no-such-article', '1');
    expect([a.status, b.status]).toEqual([404, 404]);
    expect(a.json.detail).toBe(b.json.detail);
    expect((await report('Beacon Draft')).perDay).toEqual([]);
  });

  it('refuses a body that is not a number of popovers, a long body and a missing url (problem+json)', async () => {
    const article = await publicArticle('Beacon Bad');
    const bad = await beacon(`/reach/${article.slug}`, '{"opens":1}');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.json).toMatchObject({ status: 422, errors: [{ field: '(body)' }] });
    expect((await beacon(`/reach/${article.slug}`, '1'.repeat(40))).status).toBe(413);
    expect((await beacon('/reach', '1')).json).toMatchObject({ status: 422, errors: [{ field: 'url' }] });
    expect((await report('Beacon Bad')).perDay).toEqual([]);
  });

  it('refuses a long body sent without Content-Length as soon as it passes the limit, without reading the rest', async () => {
    const article = await publicArticle('Beacon Chunked');
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulled > 64) return controller.close();
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x31)); // 64 MiB of "1" in all
      },
    });
    const res = await readResponse(await exports.default.fetch(new Request(`${ORIGIN}/reach/${article.slug}`, { method: 'POST', body, headers: { 'Content-Type': 'text/plain' }, duplex: 'half' } as RequestInit)));
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ status: 413, type: '/api/v1/problems#body-too-large' });
    expect(pulled).toBeLessThan(4); // MiB read (the stream is pulled a little ahead)
    expect((await report('Beacon Chunked')).perDay).toEqual([]);
  });

  it('answers a CORS preflight, for clients that send JSON', async () => {
    const res = await call('/reach/anything', { method: 'OPTIONS', headers: { Origin: 'https://publisher.example', 'Access-Control-Request-Method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });
});
