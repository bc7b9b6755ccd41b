import { env } from 'cloudflare:test';
import { beforeAll, expect } from 'vitest';
import { exports } from 'cloudflare:workers';
import { users } from '../../schema/tables';
import { newPasswordRecord } from '../../src/auth/crypto';
import { createDb } from '../../src/db';
import { newId } from '../../src/domain/ids';
import type { Role } from '../../src/domain/vocabulary';
import { PROBLEM_TYPES } from '../../src/problem';
import { readResponse } from '../read-response';

export const ORIGIN = 'https://factmark.test';
export const PASSWORD = 'correct horse battery staple';

type Init = Omit<RequestInit, 'body'> & { body?: unknown; headers?: Record<string, string> };

type Res = Awaited<ReturnType<typeof readResponse>>;

/**
 * RFC 9457: a problem body's `status` is the HTTP status. Every API call of every test is
 * checked (through `call`), so no route can answer a problem whose status says otherwise.
 */
export function assertProblemStatus(res: Pick<Res, 'status' | 'headers' | 'json'>, what = 'a response'): void {
  if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? '')) return;
  if (res.json?.status !== res.status) throw new Error(`${what}: problem body has status ${JSON.stringify(res.json?.status)}, the response ${res.status}`);
}

/** A problem+json answer with this status (and code): its members, no stack trace, a catalogued type. Returns the body. */
export function expectProblem(res: Res, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), type: expect.any(String) });
  expect(res.text).not.toMatch(/at \w+ \(|\.ts:\d+/); // no stack trace
  // The type resolves to its explanation in the catalogue.
  const [path, typeCode] = String(res.json.type).split('#');
  expect(path).toBe('/api/v1/problems');
  expect(Object.keys(PROBLEM_TYPES)).toContain(typeCode);
  if (code) expect(typeCode).toBe(code);
  return res.json;
}

/** Calls the real Worker entry. Objects are sent as JSON; strings are sent as they are. */
export async function call(path: string, init: Init = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    if (typeof init.body === 'string' || init.body instanceof ArrayBuffer || init.body instanceof Uint8Array) body = init.body as BodyInit;
    else body = JSON.stringify(init.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const res = await readResponse(await exports.default.fetch(new Request(new URL(path, ORIGIN), { ...init, headers, body })));
  assertProblemStatus(res, `${init.method ?? 'GET'} ${path}`);
  return res;
}

export interface Client {
  role: Role | 'anonymous';
  userId: string | null;
  call: typeof call;
}

/** A user of the given role, created straight in this file's D1. */
export async function makeUser(role: Role, overrides: { email?: string; password?: string } = {}) {
  const id = newId('usr');
  const email = overrides.email ?? `${role}-${id}@example.test`;
  await createDb(env.DB).insert(users).values({ id, email, name: `Test ${role}`, role, ...(await newPasswordRecord(overrides.password ?? PASSWORD)) });
  return { id, email };
}

/** Signs in through the API and returns a client that sends the cookie (and Origin, as browsers do). */
export async function signedIn(role: Role): Promise<Client> {
  const user = await makeUser(role);
  const res = await call('/api/v1/auth/login', { method: 'POST', body: { email: user.email, password: PASSWORD }, headers: { Origin: ORIGIN } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return {
    role,
    userId: user.id,
    call: (path, init = {}) => call(path, { ...init, headers: { Cookie: cookie, Origin: ORIGIN, ...(init.headers ?? {}) } }),
  };
}

export const anonymous: Client = { role: 'anonymous', userId: null, call };

export const SAMPLE_TEXT =
  'The court in Springfield sentenced the mayor to 12 years in prison on March 3. ' +
  'He must pay a fine of $80,000. Some 250 protesters gathered outside. ' +
  'The court said 12 years was fair.';

export async function createArticle(editor: Client, overrides: Record<string, unknown> = {}) {
  const res = await editor.call('/api/v1/articles', {
    method: 'POST',
    body: { title: 'Mayor sentenced', url: 'https://news.example/mayor', publisher: 'Example News', publishedAt: '2024-03-05', text: SAMPLE_TEXT, extract: false, ...overrides },
  });
  if (res.status !== 201) throw new Error(`create article failed: ${res.status} ${res.text}`);
  return res.json;
}

export async function createClaim(checker: Client, articleId: string, body: Record<string, unknown> = {}) {
  const res = await checker.call(`/api/v1/articles/${articleId}/claims`, { method: 'POST', body: { quote: '$80,000', kind: 'money', value: { amount: 80000, currency: 'USD' }, subject: 'fine', ...body } });
  if (res.status !== 201) throw new Error(`create claim failed: ${res.status} ${res.text}`);
  return res.json;
}

export interface ClaimRef {
  id: string;
  version: number;
}

/** Runs one claim write (`verdicts`, `sources`, `flag`, `publish`…) and returns the new version. */
export async function claimStep(client: Client, claim: ClaimRef, path: string, body: Record<string, unknown> = {}): Promise<ClaimRef> {
  const res = await client.call(`/api/v1/claims/${claim.id}/${path}`, { method: 'POST', body: { ...body, version: claim.version } });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
  return { id: claim.id, version: res.json.version ?? res.json.claimVersion };
}

/** Verdict, (optional) source, flag, publish: the whole path to readers, as an editor. */
export async function publishWith(
  editor: Client,
  claim: ClaimRef,
  verdict: { rating: string; summary: string; explanation?: string; correctValue?: unknown },
  source?: Record<string, unknown>,
): Promise<ClaimRef> {
  let c = await claimStep(editor, claim, 'verdicts', verdict);
  if (source) c = await claimStep(editor, c, 'sources', source);
  c = await claimStep(editor, c, 'flag', { reason: 'Ready for the editors' });
  return claimStep(editor, c, 'publish');
}

/**
 * One editor for a whole test file, signed in before its tests, with the workflow steps bound
 * to them (the public-output tests publish a lot).
 */
export function editorForFile() {
  let inner: Client | undefined;
  beforeAll(async () => {
    inner = await signedIn('editor');
  });
  const signed = () => {
    if (!inner) throw new Error('editorForFile: used before beforeAll ran');
    return inner;
  };
  const editor: Client = { role: 'editor', get userId() { return signed().userId; }, call: (path, init) => signed().call(path, init) };
  return {
    editor,
    step: (claim: ClaimRef, path: string, body: Record<string, unknown> = {}) => claimStep(editor, claim, path, body),
    publish: (claim: ClaimRef, verdict: { rating: string; summary: string; explanation?: string; correctValue?: unknown }, source?: Record<string, unknown>) => publishWith(editor, claim, verdict, source),
  };
}

/** A role in an auth matrix: a signed-in role, or nobody. */
export type MatrixRole = Role | 'anonymous';
/** The request a route's setup hands back for the matrix to make. */
export type MatrixRequest = { method: string; path: string; body?: unknown; headers?: Record<string, string> };

const RANK: Record<MatrixRole, number> = { anonymous: 0, checker: 1, editor: 2, admin: 3 };
const MATRIX_ROLES: MatrixRole[] = ['anonymous', 'checker', 'editor', 'admin'];

/**
 * Every route × every role, each with the status it must get: 401 for nobody, the route's own
 * success status from its least role up, 403 below it.
 */
export function roleMatrix<R extends { least: MatrixRole; ok: number }>(routes: R[]) {
  return routes.flatMap((r) => MATRIX_ROLES.map((role) => ({ ...r, role, expected: role === 'anonymous' ? 401 : RANK[role] >= RANK[r.least] ? r.ok : 403 })));
}

/** Signs in as `role` (none for anonymous), lets the setup build the state as an admin, and makes its request as that role. */
export async function callAs(role: MatrixRole, setup: (admin: Client, caller: Client) => Promise<MatrixRequest>) {
  const admin = await signedIn('admin');
  const client = role === 'anonymous' ? anonymous : role === 'admin' ? admin : await signedIn(role);
  const req = await setup(admin, client);
  return client.call(req.path, { method: req.method, body: req.body, headers: req.headers });
}
