import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyStandardWebhook as verifyFromSpec } from '../../webhook-verifier';
import { newWebhookSecret, openSecret, sealSecret, secretKeyOf, signWebhook, webhookHeaders } from '../../../src/services/webhook-signing';

describe('Standard Webhooks signing', () => {
  it('makes secrets of whsec_ and 32 random bytes in base64', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
  });

  it('signs the known example message as the reference libraries do', async () => {
    // The example of the reference implementations' tests; the expected value was computed with node:crypto.
    expect(await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('passes the verifier written from the specification, and the published one', async () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'claim.published', timestamp: '2026-01-01T00:00:00.000Z', data: { quote: 'naïve “12 years” ✓' } });
    const headers = await webhookHeaders(secret, 'msg_abc', body);
    expect(headers['webhook-id']).toBe('msg_abc');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(await verifyFromSpec(secret, headers, body)).toBe(true);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails both verifiers when a byte of the body, the id, the timestamp or the secret differs', async () => {
    const secret = newWebhookSecret();
    const body = '{"type":"claim.flagged"}';
    const headers = await webhookHeaders(secret, 'msg_abc', body);
    expect(await verifyFromSpec(secret, headers, body.replace('flagged', 'flaggeD'))).toBe(false);
    expect(await verifyFromSpec(secret, { ...headers, 'webhook-id': 'msg_abd' }, body)).toBe(false);
    expect(await verifyFromSpec(secret, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }, body)).toBe(false);
    expect(await verifyFromSpec(newWebhookSecret(), headers, body)).toBe(false);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('stamps the attempt time, which a stale replay fails on', async () => {
    const secret = newWebhookSecret();
    const tenMinutesAgo = Date.now() - 600_000;
    const headers = await webhookHeaders(secret, 'msg_old', '{}', tenMinutesAgo);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(tenMinutesAgo / 1000)));
    expect(await verifyFromSpec(secret, headers, '{}')).toBe(false);
    expect(await verifyFromSpec(secret, headers, '{}', Math.floor(tenMinutesAgo / 1000) + 1)).toBe(true);
  });
});

describe('secrets at rest', () => {
  it('seals and opens a secret with the configured key; another key cannot open it', async () => {
    const key = (await secretKeyOf({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }))!;
    const secret = newWebhookSecret();
    const sealed = await sealSecret(key, secret);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(await openSecret(key, sealed)).toBe(secret);
    const other = (await secretKeyOf({ WEBHOOK_SECRET_KEY: Buffer.alloc(32, 8).toString('base64') }))!;
    await expect(openSecret(other, sealed)).rejects.toThrow();
  });

  it('has a development key only in development and tests, and refuses a key of the wrong size', async () => {
    expect(await secretKeyOf({ ENVIRONMENT: 'development' })).not.toBeNull();
    expect(await secretKeyOf({ ENVIRONMENT: 'test' })).not.toBeNull();
    expect(await secretKeyOf({ ENVIRONMENT: 'production' })).toBeNull();
    expect(await secretKeyOf({})).toBeNull();
    expect(await secretKeyOf({ WEBHOOK_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toBeNull();
  });
});
