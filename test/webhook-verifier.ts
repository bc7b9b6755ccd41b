/**
 * A receiver's check of a webhook, written from the Standard Webhooks specification
 * (spec/standard-webhooks.md: "Signature scheme", "Webhook headers", "Verifying signatures")
 * and independent of our signer: the key is the base64-decoded part of `whsec_…`; the signed
 * content is `{webhook-id}.{webhook-timestamp}.{body}`; `webhook-signature` is a space-separated
 * list of `v1,<base64 HMAC-SHA256>`; the timestamp must be within 5 minutes of now. WebCrypto
 * only, so the unit tests (Node) and the API tests (workerd) share it.
 */
export async function verifyStandardWebhook(secret: string, headers: Record<string, string | undefined>, body: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<boolean> {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const keyBytes = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const content = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  for (const entry of signatures.split(' ')) {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) continue;
    let given: Uint8Array<ArrayBuffer>;
    try {
      given = Uint8Array.from(atob(signature), (c) => c.charCodeAt(0));
    } catch {
      continue;
    }
    // crypto.subtle.verify compares in constant time, as the specification asks.
    if (await crypto.subtle.verify('HMAC', key, given, content)) return true;
  }
  return false;
}
