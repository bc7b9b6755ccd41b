/**
 * Calls to the JSON API from the reviewer UI. Same origin, so the session cookie and the
 * Origin header go along; answers come back as data or as the problem+json body.
 */

import { jsonOrNull } from './_json';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  status: number;
  title: string;
  detail: string;
  code: string;
  errors: FieldProblem[];
  currentVersion?: number;
  sentVersion?: number;
  [key: string]: unknown;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: Problem };

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, problem: { status: 0, title: 'Network error', detail: 'The server could not be reached. Check your connection; nothing was saved.', code: 'network', errors: [] } };
  }
  const parsed = jsonOrNull(await res.text());
  if (res.ok) return { ok: true, status: res.status, data: parsed as T };
  const p = (parsed ?? {}) as Partial<Problem> & { type?: string };
  return {
    ok: false,
    status: res.status,
    problem: {
      ...p,
      status: res.status,
      title: p.title ?? res.statusText,
      detail: p.detail ?? `The server answered ${res.status}.`,
      code: (p.type ?? '').split('#')[1] ?? '',
      errors: Array.isArray(p.errors) ? p.errors : [],
    },
  };
}

/** A stale-version answer: someone else changed the record since this page read it. */
export const isStale = (p: Problem) => p.status === 409 && p.code === 'stale-version';
