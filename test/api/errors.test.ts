import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/env';
import { PROBLEM_TYPES, problemResponse } from '../../src/problem';
import { call, createArticle, createClaim, expectProblem, signedIn } from './helpers';

describe('one error path: problem+json', () => {
  it('400 for malformed JSON', async () => {
    const editor = await signedIn('editor');
    const res = await editor.call('/api/v1/articles', { method: 'POST', body: '{"title": "x",', headers: { 'Content-Type': 'application/json' } });
    const p = expectProblem(res, 400);
    expect(p.errors[0].field).toBe('(body)');
  });

  it('401 for an anonymous write and for an unknown bearer token', async () => {
    expectProblem(await call('/api/v1/articles', { method: 'POST', body: {} }), 401);
    expectProblem(await call('/api/v1/me', { headers: { Authorization: 'Bearer fmk_nope' } }), 401);
  });

  it('403 for a role below the rule, naming it', async () => {
    const checker = await signedIn('checker');
    const p = expectProblem(await checker.call('/api/v1/users', { method: 'POST', body: { email: 'a@b.test', name: 'A', role: 'admin', password: 'long enough password' } }), 403);
    expect(p.detail).toMatch(/admin/);
  });

  it('403 for a cookie write from another origin (CSRF)', async () => {
    const editor = await signedIn('editor');
    const res = await editor.call('/api/v1/articles', { method: 'POST', body: { title: 'x' }, headers: { Origin: 'https://evil.example' } });
    expect(expectProblem(res, 403).type).toMatch(/csrf/);
  });

  it('404 for unknown ids and unknown paths', async () => {
    const checker = await signedIn('checker');
    expectProblem(await checker.call('/api/v1/claims/clm_doesnotexist'), 404);
    expectProblem(await checker.call('/api/v1/nothing-here'), 404);
  });

  it('409 for a stale version, with the versions in the body', async () => {
    const editor = await signedIn('editor');
    const a = await createArticle(editor);
    const c = await createClaim(editor, a.id);
    await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { subject: 'fine', version: 1 } });
    const p = expectProblem(await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { subject: 'bail', version: 1 } }), 409);
    expect(p.sentVersion).toBe(1);
  });

  it('413 for a body over the stated limit', async () => {
    const editor = await signedIn('editor');
    const big = JSON.stringify({ title: 'x', text: 'a'.repeat(2 * 1024 * 1024 + 10) });
    expectProblem(await editor.call('/api/v1/articles', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } }), 413);
  });

  it('415 for a body that is not JSON', async () => {
    const editor = await signedIn('editor');
    expectProblem(await editor.call('/api/v1/articles', { method: 'POST', body: 'title=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
  });

  it('422 naming each invalid field', async () => {
    const editor = await signedIn('editor');
    const p = expectProblem(await editor.call('/api/v1/articles', { method: 'POST', body: { title: 5, url: 'javascript:alert(1)', publisher: '', publishedAt: '2017-13', text: 'x' } }), 422);
    const fields = p.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['publishedAt', 'publisher', 'title', 'url']);
  });

  it('422 for a claim value that does not fit its kind', async () => {
    const checker = await signedIn('checker');
    const editor = await signedIn('editor');
    const a = await createArticle(editor);
    const p = expectProblem(await checker.call(`/api/v1/articles/${a.id}/claims`, { method: 'POST', body: { quote: '$80,000', kind: 'money', value: { amount: -5, currency: 'dollars' } } }), 422);
    expect(p.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['value.amount', 'value.currency']));
  });

  it('428 when a write does not say which version it is based on', async () => {
    const editor = await signedIn('editor');
    const a = await createArticle(editor);
    const c = await createClaim(editor, a.id);
    expect(expectProblem(await editor.call(`/api/v1/claims/${c.id}`, { method: 'PATCH', body: { subject: 'fine' } }), 428).errors[0].field).toBe('version');
  });

  it('500 for an internal failure: problem+json with the request id, no internals', async () => {
    const editor = await signedIn('editor');
    const a = await createArticle(editor);
    const c = await createClaim(editor, a.id);
    // Break the database under the Worker (this file's D1 only): a real failure, not a mock.
    await env.DB.exec('DROP TABLE flags');
    const res = await editor.call(`/api/v1/claims/${c.id}`, { headers: { 'X-Request-Id': 'trace-123' } });
    const p = expectProblem(res, 500);
    expect(p.requestId).toBe('trace-123');
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.text).not.toMatch(/flags|SQLITE|D1_/);
  });

  it('serves the problem type catalogue', async () => {
    const res = await call('/api/v1/problems');
    expect(res.status).toBe(200);
    for (const code of Object.keys(PROBLEM_TYPES)) expect(res.text).toContain(`id="${code}"`);
  });

  it('security headers on every response', async () => {
    const res = await call('/api/v1/openapi.json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('referrer-policy')).toBeTruthy();
  });

  it('answers 409, not 500, when a write fails on a foreign key (its parent was deleted meanwhile)', async () => {
    // The race itself cannot be timed from outside (read, then batch); the failure it ends in
    // can: a real D1 foreign-key error, through the app's one error path.
    const app = new Hono<AppEnv>();
    app.use('*', async (c, next) => {
      c.set('requestId', 'test');
      await next();
    });
    app.get('/', async () => {
      await env.DB.prepare("INSERT INTO sources (id, claim_id, url, title, created_by) VALUES ('src_orphan', 'clm_gone', 'https://a.example/', 'A', 'usr_gone')").run();
      return new Response('unreachable');
    });
    app.onError((error, c) => problemResponse(error, c));
    const res = await app.request('/');
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json<{ detail: string }>()).detail).toContain('deleted by another request');
  });
});
