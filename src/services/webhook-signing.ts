/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, "Signature scheme"):
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed with the
 * bytes of the endpoint's secret, which is shown to the admin once as `whsec_<base64>`.
 *
 * HMAC needs the secret itself when signing, so it cannot be stored hashed: it is stored
 * encrypted (AES-256-GCM) under the Worker secret `WEBHOOK_SECRET_KEY`.
 */
import { fromBase64Url, randomBytes, toBase64Url } from '../auth/crypto';

const encoder = new TextEncoder();
export const SECRET_PREFIX = 'whsec_';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** A new signing secret: `whsec_` + base64 of 32 random bytes (the spec asks for 24 to 64). */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + toBase64(randomBytes(32));
}

/** The key bytes of a `whsec_…` secret. */
export function secretBytes(secret: string): Uint8Array<ArrayBuffer> {
  return fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
}

/**
 * The `webhook-signature` value for one message.
 *
 * @example await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
 * // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestamp}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** The three Standard Webhooks headers for one attempt (the timestamp is the attempt's, in seconds). */
export async function webhookHeaders(secret: string, id: string, body: string, now = Date.now()): Promise<Record<string, string>> {
  const timestamp = Math.floor(now / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': await signWebhook(secret, id, timestamp, body) };
}

// ---------------------------------------------------------------------------------------
// Secrets at rest

/**
 * Development and tests encrypt with this fixed key when `WEBHOOK_SECRET_KEY` is unset; a
 * production Worker refuses to store or use a secret without the real one.
 */
const DEVELOPMENT_KEY = 'factmark-development-webhook-key-not-for-production';

export interface SecretKeyEnv {
  WEBHOOK_SECRET_KEY?: string;
  ENVIRONMENT?: string;
}

/** Null when no key is configured (production without the Worker secret). */
export async function secretKeyOf(env: SecretKeyEnv): Promise<CryptoKey | null> {
  let raw: Uint8Array<ArrayBuffer>;
  if (env.WEBHOOK_SECRET_KEY) {
    raw = fromBase64(env.WEBHOOK_SECRET_KEY.trim());
    if (raw.length !== 32) return null;
  } else if (env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test') {
    raw = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(DEVELOPMENT_KEY)));
  } else {
    return null;
  }
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** `v1.<iv>.<ciphertext>` (base64url), AES-256-GCM with a random 96-bit IV. */
export async function sealSecret(key: CryptoKey, secret: string): Promise<string> {
  const iv = randomBytes(12);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, encoder.encode(secret)));
  return `v1.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
}

/** The secret sealed by `sealSecret`; throws when the key is not the one it was sealed with. */
export async function openSecret(key: CryptoKey, sealed: string): Promise<string> {
  const [version, iv, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !data) throw new Error('unknown sealed-secret format');
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64Url(iv) }, key, fromBase64Url(data));
  return new TextDecoder().decode(plain);
}
