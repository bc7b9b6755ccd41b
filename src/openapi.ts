import * as z from 'zod';
import * as S from './api-schemas';
import type { Role } from './domain/vocabulary';

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with.
 * A test checks that every /api/v1 route of the app is listed here.
 */

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  role: Role | 'anyone';
  body?: z.ZodType;
  query?: z.ZodObject;
  ok: number;
  versioned?: boolean;
}

const ops: Operation[] = [
  { method: 'post', path: '/auth/login', summary: 'Sign in; sets the session cookie and answers {user}', tag: 'auth', role: 'anyone', body: S.Login, ok: 200 },
  { method: 'post', path: '/auth/logout', summary: 'Sign out; ends the session', tag: 'auth', role: 'anyone', ok: 204 },
  { method: 'get', path: '/me', summary: 'Who am I', tag: 'auth', role: 'checker', ok: 200 },
  { method: 'get', path: '/articles', summary: 'List articles, newest first, with claim counts by status', tag: 'articles', role: 'checker', query: S.ListQuery, ok: 200 },
  { method: 'post', path: '/articles', summary: 'Create an article (text normalised) and store the extractor\u2019s candidates', tag: 'articles', role: 'editor', body: S.CreateArticle, ok: 201 },
  { method: 'get', path: '/articles/{id}', summary: 'Get an article with its text (id or slug)', tag: 'articles', role: 'checker', ok: 200 },
  { method: 'patch', path: '/articles/{id}', summary: 'Update article metadata', tag: 'articles', role: 'editor', body: S.UpdateArticle, ok: 200, versioned: true },
  { method: 'delete', path: '/articles/{id}', summary: 'Delete an article while none of its claims is published', tag: 'articles', role: 'editor', ok: 204, versioned: true },
  { method: 'post', path: '/articles/{id}/extract', summary: 'Run the extractor again; stores new candidates only', tag: 'articles', role: 'checker', ok: 200 },
  { method: 'post', path: '/articles/{id}/claims', summary: 'Create a claim on a quote of the article', tag: 'claims', role: 'checker', body: S.CreateClaim, ok: 201 },
  { method: 'get', path: '/claims', summary: 'List claims by filters, keyset-paginated', tag: 'claims', role: 'checker', query: S.ClaimListQuery, ok: 200 },
  { method: 'get', path: '/claims/{id}', summary: 'Get a claim with its sources, verdict history and flags', tag: 'claims', role: 'checker', ok: 200 },
  { method: 'patch', path: '/claims/{id}', summary: 'Update kind, value, subject, speaker, assignee', tag: 'claims', role: 'checker', body: S.UpdateClaim, ok: 200, versioned: true },
  { method: 'get', path: '/claims/{id}/history', summary: 'The claim\u2019s audit trail, oldest first', tag: 'claims', role: 'checker', ok: 200 },
  { method: 'post', path: '/claims/{id}/accept', summary: 'Accept a machine suggestion', tag: 'claims', role: 'checker', body: S.VersionOnly, ok: 200, versioned: true },
  { method: 'post', path: '/claims/{id}/sources', summary: 'Add a source (http/https only)', tag: 'sources', role: 'checker', body: S.CreateSource, ok: 201, versioned: true },
  { method: 'patch', path: '/sources/{id}', summary: 'Edit a source (version = the claim\u2019s)', tag: 'sources', role: 'checker', body: S.UpdateSource, ok: 200, versioned: true },
  { method: 'delete', path: '/sources/{id}', summary: 'Remove a source (version = the claim\u2019s)', tag: 'sources', role: 'checker', ok: 204, versioned: true },
  { method: 'post', path: '/claims/{id}/verdicts', summary: 'Propose a verdict', tag: 'verdicts', role: 'checker', body: S.CreateVerdict, ok: 201, versioned: true },
  { method: 'post', path: '/claims/{id}/flag', summary: 'Flag to the editors with a reason', tag: 'workflow', role: 'checker', body: S.FlagClaim, ok: 200, versioned: true },
  { method: 'post', path: '/claims/{id}/publish', summary: 'Publish the latest verdict', tag: 'workflow', role: 'editor', body: S.VersionOnly, ok: 200, versioned: true },
  { method: 'post', path: '/claims/{id}/return', summary: 'Return to the fact-checkers with a note', tag: 'workflow', role: 'editor', body: S.ReturnClaim, ok: 200, versioned: true },
  { method: 'post', path: '/claims/{id}/dismiss', summary: 'Dismiss (checker: open claims; editor: flagged ones too)', tag: 'workflow', role: 'checker', body: S.NoteOptional, ok: 200, versioned: true },
  { method: 'post', path: '/claims/{id}/unpublish', summary: 'Withdraw a public claim', tag: 'workflow', role: 'editor', body: S.NoteOptional, ok: 200, versioned: true },
  { method: 'post', path: '/claims/{id}/reopen', summary: 'Reopen a dismissed claim', tag: 'workflow', role: 'checker', body: S.VersionOnly, ok: 200, versioned: true },
  { method: 'get', path: '/queue', summary: 'The editors\u2019 queue of flagged claims', tag: 'workflow', role: 'editor', ok: 200 },
  { method: 'get', path: '/users', summary: 'List accounts', tag: 'accounts', role: 'checker', ok: 200 },
  { method: 'post', path: '/users', summary: 'Create an account', tag: 'accounts', role: 'admin', body: S.CreateUser, ok: 201 },
  { method: 'patch', path: '/users/{id}', summary: 'Change name, role, password or disable an account', tag: 'accounts', role: 'admin', body: S.UpdateUser, ok: 200, versioned: true },
  { method: 'get', path: '/tokens', summary: 'List API tokens', tag: 'accounts', role: 'admin', ok: 200 },
  { method: 'post', path: '/tokens', summary: 'Create an API token (the secret is shown once)', tag: 'accounts', role: 'admin', body: S.CreateToken, ok: 201 },
  { method: 'delete', path: '/tokens/{id}', summary: 'Revoke an API token', tag: 'accounts', role: 'admin', ok: 204 },
  { method: 'post', path: '/extract', summary: 'Extract candidate claims from any text (stateless)', tag: 'extract', role: 'checker', body: S.Extract, ok: 200 },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'docs', role: 'anyone', ok: 200 },
  { method: 'get', path: '/docs', summary: 'This document as a page', tag: 'docs', role: 'anyone', ok: 200 },
  { method: 'get', path: '/problems', summary: 'What each problem type means', tag: 'docs', role: 'anyone', ok: 200 },
];

export const documentedOperations = ops.map((o) => ({ method: o.method.toUpperCase(), path: o.path, role: o.role }));

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const parameters: unknown[] = [];
    for (const name of op.path.match(/\{(\w+)\}/g) ?? []) parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } });
    if (op.query) {
      const shape = jsonSchema(op.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(shape.properties ?? {})) parameters.push({ name, in: 'query', required: shape.required?.includes(name) ?? false, schema });
    }
    if (op.versioned) parameters.push({ name: 'If-Match', in: 'header', required: false, description: 'The version the change is based on, as the ETag "<version>"; or send `version` in the body (or `?version=` on DELETE).', schema: { type: 'string' } });
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^a-zA-Z0-9]+(.)/g, (_, ch: string) => ch.toUpperCase())}`,
      description: op.role === 'anyone' ? 'No sign-in needed.' : `Needs a signed-in ${op.role} (or above), by session cookie or API token.`,
      ...(op.role === 'anyone' ? { security: [] } : {}),
      parameters,
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      responses: {
        [op.ok]: { description: op.ok === 204 ? 'Done, no content' : 'Success' },
        ...(op.body ? { 400: problem, 413: problem, 415: problem, 422: problem } : {}),
        ...(op.role === 'anyone' ? {} : { 401: problem, 403: problem }),
        ...(op.path.includes('{id}') ? { 404: problem } : {}),
        ...(op.versioned ? { 409: problem, 428: problem } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Factmark API',
      version: '1',
      description: 'Fact-check annotation: articles, claims, sources, verdicts and the editors\u2019 review. Errors are application/problem+json (RFC 9457). Request bodies over 2 MiB get 413. Every write on a claim carries the version it is based on.',
    },
    servers: [{ url: serverUrl }],
    security: [{ session: [] }, { token: [] }],
    tags: [...new Set(ops.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'fm_session' },
        token: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, instance: { type: 'string' }, requestId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] } },
          },
        },
      },
    },
  };
}
