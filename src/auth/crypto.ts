/**
 * Password hashing and secret tokens on WebCrypto only, so the same code runs in workerd
 * and in the Node seed script.
 */
const encoder = new TextEncoder();

/** workerd caps PBKDF2 at 100 000 iterations; we use the cap. Stored per user so it can rise later. */
export const PBKDF2_ITERATIONS = 100_000;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

export async function hashPassword(password: string, salt: Uint8Array<ArrayBuffer>, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return toBase64Url(new Uint8Array(bits));
}

/** A fresh salt and hash, in the shape the users table stores. */
export async function newPasswordRecord(password: string) {
  const salt = randomBytes(16);
  return {
    passwordHash: await hashPassword(password, salt),
    passwordSalt: toBase64Url(salt),
    passwordIterations: PBKDF2_ITERATIONS,
  };
}

/** Compares in time independent of where the strings first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(
  password: string,
  record: { passwordHash: string; passwordSalt: string; passwordIterations: number },
): Promise<boolean> {
  const hash = await hashPassword(password, fromBase64Url(record.passwordSalt), record.passwordIterations);
  return constantTimeEqual(hash, record.passwordHash);
}

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return toBase64Url(new Uint8Array(digest));
}

/** Hex SHA-256, used for the article text hash (easy to compare by eye). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A secret with a readable prefix, e.g. `fm_live_…`; 32 random bytes. */
export function newSecret(prefix: string): string {
  return `${prefix}${toBase64Url(randomBytes(32))}`;
}
