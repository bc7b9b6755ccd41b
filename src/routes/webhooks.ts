import * as S from '../api-schemas';
import { WEBHOOK_EVENTS } from '../domain/webhooks';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { createWebhook, deleteWebhook, deliveryCounts, getDelivery, getWebhookRow, listDeliveries, listWebhooks, redeliver, serialiseEndpoint, updateWebhook } from '../services/webhooks';
import { defineRoute } from './contract';
import { dbOf, versionFrom, withEtag } from './helpers';

/** Webhook endpoints, their deliveries and attempts: admins only (docs/connections.md). */
export const webhookRoutes = [
  defineRoute({ method: 'get', path: '/webhooks', summary: 'List webhook endpoints with delivery counts by status', tag: 'webhooks', permission: 'webhook.list', ok: 200 }, async (c) => {
    const db = dbOf(c);
    const [items, counts] = await Promise.all([listWebhooks(db), deliveryCounts(db)]);
    return c.json({ events: WEBHOOK_EVENTS, items: items.map((e) => ({ ...e, deliveries: counts[e.id] ?? {} })) });
  }),
  defineRoute(
    {
      method: 'post', path: '/webhooks', summary: 'Register a webhook endpoint (the signing secret is in this answer only)', tag: 'webhooks', permission: 'webhook.create', body: S.CreateWebhook, ok: 201,
      description: 'Events are POSTed as `{type, timestamp, data}` and signed as Standard Webhooks says (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,…`), through a queue, retried for about a day.',
      requestExample: { url: 'https://cms.example/hooks/factmark', events: ['claim.published', 'claim.unpublished'], kind: 'standard', description: 'Newsroom CMS' },
    },
    async (c, { body }) => withEtag(c, recordWrite(c, await createWebhook(dbOf(c), c.env, requireActor(c), body)), 201),
  ),
  defineRoute({ method: 'get', path: '/webhooks/{id}', summary: 'Get a webhook endpoint (never its secret)', tag: 'webhooks', permission: 'webhook.read', ok: 200 }, async (c, { params }) => {
    const db = dbOf(c);
    const row = await getWebhookRow(db, params.id);
    return withEtag(c, { ...serialiseEndpoint(row), deliveries: (await deliveryCounts(db))[row.id] ?? {} });
  }),
  defineRoute({ method: 'patch', path: '/webhooks/{id}', summary: 'Change URL, events, description, enable or disable, or rotate the secret', tag: 'webhooks', permission: 'webhook.update', body: S.UpdateWebhook, ok: 200, versioned: true }, async (c, { params, body }) => {
    const { version, ...patch } = body;
    return withEtag(c, recordWrite(c, await updateWebhook(dbOf(c), c.env, requireActor(c), params.id, versionFrom(c, version), patch)));
  }),
  defineRoute({ method: 'delete', path: '/webhooks/{id}', summary: 'Remove an endpoint with its deliveries and attempts', tag: 'webhooks', permission: 'webhook.delete', ok: 204 }, async (c, { params }) => {
    recordWrite(c, await deleteWebhook(dbOf(c), requireActor(c), params.id));
    return c.body(null, 204);
  }),
  defineRoute({ method: 'get', path: '/webhooks/{id}/deliveries', summary: 'An endpoint’s deliveries, newest first', tag: 'webhooks', permission: 'webhook.read', query: S.DeliveryListQuery, ok: 200 }, async (c, { params, query }) =>
    c.json(await listDeliveries(dbOf(c), params.id, query)),
  ),
  defineRoute({ method: 'get', path: '/webhooks/{id}/deliveries/{deliveryId}', summary: 'A delivery: its body as signed and every attempt (status, time, response excerpt)', tag: 'webhooks', permission: 'webhook.read', ok: 200 }, async (c, { params }) =>
    c.json(await getDelivery(dbOf(c), params.id, params.deliveryId)),
  ),
  defineRoute({ method: 'post', path: '/webhooks/{id}/deliveries/{deliveryId}/redeliver', summary: 'Send a delivery again through the queue, with the same webhook-id', tag: 'webhooks', permission: 'webhook.redeliver', ok: 202 }, async (c, { params }) =>
    c.json(recordWrite(c, await redeliver(dbOf(c), c.env, requireActor(c), params.id, params.deliveryId)), 202),
  ),
];
