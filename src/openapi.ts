import * as z from 'zod';
import { PERMISSIONS } from './domain/policy';
import type { ApiRoute, RouteContract } from './routes/contract';

/**
 * The OpenAPI 3.1 document, built from the routes' contracts (`src/routes/contract.ts`):
 * the same declarations that mount each route, guard it and validate its input.
 */

/** The least role of a contract's permission, or `anyone`. */
export const contractRole = (c: Pick<RouteContract, 'permission'>) => (c.permission === 'anyone' ? 'anyone' : PERMISSIONS[c.permission].role);

/** Method, path and role of each operation (tests compare them with the app's routes and the auth matrix). */
export function documentedOperations(routes: readonly ApiRoute[]) {
  return routes.map(({ contract: o }) => ({ method: o.method.toUpperCase(), path: o.path, role: contractRole(o) }));
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });

const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

/** The operation's success response: its description, and its schema and example when declared. */
function successResponse(op: RouteContract) {
  const r = op.response ?? {};
  const content =
    r.schema || r.example !== undefined
      ? { content: { [r.mediaType ?? 'application/json']: { ...(r.schema ? { schema: jsonSchema(r.schema, 'output') } : {}), ...(r.example !== undefined ? { example: r.example } : {}) } } }
      : {};
  return { description: r.description ?? (op.ok === 204 ? 'Done, no content' : 'Success'), ...content };
}

export function openApiDocument(routes: readonly ApiRoute[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const ops = routes.map((r) => r.contract);
  for (const op of ops) {
    const role = contractRole(op);
    const parameters: unknown[] = [];
    const pathShape = op.params ? ((jsonSchema(op.params) as { properties?: Record<string, unknown> }).properties ?? {}) : {};
    for (const name of op.path.match(/\{(\w+)\}/g) ?? []) parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: pathShape[name.slice(1, -1)] ?? { type: 'string' } });
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
      description: [op.description, role === 'anyone' ? 'No sign-in needed.' : `Needs a signed-in ${role} (or above), by session cookie or API token.`].filter(Boolean).join('\n\n'),
      ...(role === 'anyone' ? { security: [] } : {}),
      parameters,
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body), ...(op.requestExample !== undefined ? { example: op.requestExample } : {}) } } } } : {}),
      responses: {
        [op.ok]: successResponse(op),
        ...(op.body ? { 400: problem, 413: problem, 415: problem, 422: problem } : op.query ? { 422: problem } : {}),
        ...(role === 'anyone' ? {} : { 401: problem, 403: problem }),
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
