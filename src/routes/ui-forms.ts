import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { DomainError } from '../domain/errors';
import { problemStatus } from '../problem';

/**
 * The reviewer UI without scripts: its forms post here (same services as the API, same
 * CSRF and after-write steps), and the answer is a redirect back to the page (303) with a
 * one-time message. With scripts, the page sends the same writes to /api/v1 and updates in
 * place; these routes are the fallback that keeps every common action working.
 */

const FLASH = 'fm_flash';

export interface Flash {
  kind: 'done' | 'error';
  text: string;
}

/** Leaves a message for the next page this browser loads (a short-lived cookie, read once). */
export function setFlash(c: Context<AppEnv>, flash: Flash) {
  // hono encodes the value (and getCookie decodes it).
  setCookie(c, FLASH, JSON.stringify({ kind: flash.kind, text: flash.text.slice(0, 500) }), {
    path: '/app',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: 60,
  });
}

/** The message left for this page, if any (and forgets it). */
export function takeFlash(c: Context<AppEnv>): Flash | null {
  const raw = getCookie(c, FLASH);
  if (!raw) return null;
  deleteCookie(c, FLASH, { path: '/app' });
  try {
    const parsed = JSON.parse(raw) as Flash;
    return parsed && (parsed.kind === 'done' || parsed.kind === 'error') && typeof parsed.text === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** A path of this UI to go back to (from the form's `back` field, or the Referer), never another site. */
export function backTo(c: Context<AppEnv>, form: Record<string, unknown>, fallback: string): string {
  const candidates = [form.back, c.req.header('referer')];
  for (const raw of candidates) {
    if (typeof raw !== 'string' || !raw) continue;
    let path = raw;
    try {
      const url = new URL(raw, c.req.url);
      if (url.origin !== new URL(c.req.url).origin) continue;
      path = url.pathname + url.search + url.hash;
    } catch {
      continue;
    }
    if (/^\/app(?:[/?#]|$)/.test(path) && !/[\s\x00-\x1f\x7f]/.test(path)) return path;
  }
  return fallback;
}

/** The form's fields: repeated names become lists (checkboxes), the rest strings. */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string | string[]>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export const field = (form: Record<string, string | string[]>, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};
export const fields = (form: Record<string, string | string[]>, name: string): string[] => {
  const v = form[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};

/**
 * Runs a form's write: on success a redirect back with `done`, on a rule's refusal a
 * redirect back with the refusal said in words (the form's input is not kept without
 * scripts; with them the page never posts here). Other errors go to the error page.
 */
export async function formWrite(c: Context<AppEnv>, back: string, run: () => Promise<string>) {
  try {
    const done = await run();
    setFlash(c, { kind: 'done', text: done });
  } catch (error) {
    if (!(error instanceof DomainError) || problemStatus(error) >= 500 || problemStatus(error) === 401) throw error;
    const fieldsSaid = error.errors.map((e) => `${e.field} ${e.message}`).join('; ');
    setFlash(c, { kind: 'error', text: `Not saved: ${error.message}${fieldsSaid && !error.message.includes(fieldsSaid) ? ` (${fieldsSaid})` : ''}` });
  }
  return c.redirect(back, 303);
}
