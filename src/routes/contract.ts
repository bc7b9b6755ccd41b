import type { Context, Hono, MiddlewareHandler } from 'hono';
import type * as z from 'zod';
import type { PermissionName } from '../domain/policy';
import type { AppEnv } from '../env';
import { requirePermission } from '../middleware/auth';
import { validate } from '../validation';

/**
 * Route contracts: each /api/v1 operation says once what it is — method, path, summary,
 * tag, the policy permission it needs, its body/query/path schemas, its success status,
 * whether it is versioned, what it answers — and both the Hono route (guard + validation +
 * handler) and the OpenAPI document (`src/openapi.ts`) are built from that declaration.
 *
 * @example
 * export const claimRoutes = [
 *   defineRoute(
 *     { method: 'post', path: '/claims/{id}/publish', summary: 'Publish the latest verdict', tag: 'workflow',
 *       permission: 'claim.publish', body: S.VersionOnly, ok: 200, versioned: true },
 *     async (c, { params, body }) => withEtag(c, serialiseClaim(recordWrite(c, await publishClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version))))),
 *   ),
 * ];
 */

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

type Schema = z.ZodType;
type ObjectSchema = z.ZodObject;

/** What an operation answers on success: a description, and optionally a schema and an example for the reference. */
export interface ResponseContract {
  description?: string;
  /** The body's schema (zod; turned into JSON Schema in the document). */
  schema?: Schema;
  example?: unknown;
  /** Defaults to application/json. */
  mediaType?: string;
}

export interface RouteContract<B extends Schema | undefined = Schema | undefined, Q extends ObjectSchema | undefined = ObjectSchema | undefined, P extends ObjectSchema | undefined = ObjectSchema | undefined> {
  method: HttpMethod;
  /** OpenAPI style, relative to /api/v1: `/claims/{id}/publish`. */
  path: string;
  summary: string;
  /** Longer text for the reference (Markdown), before the sentence on who may call it. */
  description?: string;
  tag: string;
  /** The domain policy's permission the caller needs (401 anonymous, 403 below its role), or `anyone`. */
  permission: PermissionName | 'anyone';
  /** The JSON body (415 when not JSON, 422 naming each invalid field). */
  body?: B;
  /** The query string (422 naming each invalid or unknown parameter). */
  query?: Q;
  /** The path parameters, when they need more than "a string". */
  params?: P;
  /** The success status. */
  ok: 200 | 201 | 202 | 204;
  /** A write based on a version (If-Match or `version`): 409 stale, 428 missing. */
  versioned?: boolean;
  response?: ResponseContract;
  /** An example request body for the reference. */
  requestExample?: unknown;
}

type Out<S> = S extends Schema ? z.output<S> : undefined;

/** What a handler receives, validated: the path parameters, the query and the body. */
export interface RouteInput<B, Q, P> {
  params: P extends ObjectSchema ? z.output<P> : Record<string, string>;
  query: Out<Q>;
  body: Out<B>;
}

export type RouteHandler<B, Q, P> = (c: Context<AppEnv>, input: RouteInput<B, Q, P>) => Response | Promise<Response>;

export interface ApiRoute {
  contract: RouteContract;
  handler: RouteHandler<Schema | undefined, ObjectSchema | undefined, ObjectSchema | undefined>;
}

/** Declares an operation: its contract and its handler. Mount the list with `mountRoutes`. */
export function defineRoute<const C extends RouteContract>(contract: C, handler: RouteHandler<C['body'], C['query'], C['params']>): ApiRoute {
  return { contract, handler: handler as ApiRoute['handler'] };
}

/** `/claims/{id}` → `/claims/:id`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** The middleware a contract implies, in the order they run: guard, then validation. */
function middlewareOf(contract: RouteContract): MiddlewareHandler<AppEnv>[] {
  const out: MiddlewareHandler<AppEnv>[] = [];
  if (contract.permission !== 'anyone') out.push(requirePermission(contract.permission));
  if (contract.params) out.push(validate('param', contract.params) as unknown as MiddlewareHandler<AppEnv>);
  if (contract.query) out.push(validate('query', contract.query) as unknown as MiddlewareHandler<AppEnv>);
  if (contract.body) out.push(validate('json', contract.body) as unknown as MiddlewareHandler<AppEnv>);
  return out;
}

/** Registers each route on a Hono app (the API router), guard and validation first. */
export function mountRoutes(app: Hono<AppEnv>, routes: readonly ApiRoute[]): void {
  // Hono's typed overloads want literal handler lists; a contract's list is built at run time.
  const on = app.on.bind(app) as unknown as (method: string, path: string, ...handlers: MiddlewareHandler<AppEnv>[]) => void;
  for (const { contract, handler } of routes) {
    const run: MiddlewareHandler<AppEnv> = async (c) =>
      handler(c, {
        params: contract.params ? c.req.valid('param' as never) : c.req.param(),
        query: contract.query ? c.req.valid('query' as never) : undefined,
        body: contract.body ? c.req.valid('json' as never) : undefined,
      } as never);
    on(contract.method.toUpperCase(), honoPath(contract.path), ...middlewareOf(contract), run);
  }
}
