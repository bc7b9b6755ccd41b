import { DomainError } from '../domain/errors';
import { fromBase64Url, toBase64Url } from '../auth/crypto';

/** Keyset cursor: the (createdAt, id) of the last row of the previous page, opaque to clients. */
export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify([c.at, c.id])));
}

export function decodeCursor(text: string | undefined): Cursor | null {
  if (!text) return null;
  try {
    const [at, id] = JSON.parse(new TextDecoder().decode(fromBase64Url(text)));
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // fall through to the error below
  }
  throw new DomainError('validation', 'The cursor is not one this API gave out.', { errors: [{ field: 'cursor', message: 'is not a cursor from a previous page' }] });
}
