import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { CreateWebhook, DeliveryListQuery, UpdateWebhook } from '../api-schemas';
import { WEBHOOK_EVENTS } from '../domain/webhooks';
import { requireActor, requireRole } from '../middleware/auth';
import { createWebhook, deleteWebhook, deliveryCounts, getDelivery, getWebhookRow, listDeliveries, listWebhooks, redeliver, serialiseEndpoint, updateWebhook } from '../services/webhooks';
import { validate } from '../validation';
import { dbOf, versionFrom, withEtag } from './helpers';

/** Webhook endpoints, their deliveries and attempts: admins only. */
export const webhookRoutes = new Hono<AppEnv>()
  .get('/webhooks', requireRole('admin', 'list webhooks'), async (c) => {
    const db = dbOf(c);
    const [items, counts] = await Promise.all([listWebhooks(db), deliveryCounts(db)]);
    return c.json({ events: WEBHOOK_EVENTS, items: items.map((e) => ({ ...e, deliveries: counts[e.id] ?? {} })) });
  })
  .post('/webhooks', requireRole('admin', 'register webhooks'), validate('json', CreateWebhook), async (c) => {
    return withEtag(c, await createWebhook(dbOf(c), c.env, requireActor(c), c.req.valid('json')), 201);
  })
  .get('/webhooks/:id', requireRole('admin', 'read webhooks'), async (c) => {
    const db = dbOf(c);
    const row = await getWebhookRow(db, c.req.param('id'));
    return withEtag(c, { ...serialiseEndpoint(row), deliveries: (await deliveryCounts(db))[row.id] ?? {} });
  })
  .patch('/webhooks/:id', requireRole('admin', 'change webhooks'), validate('json', UpdateWebhook), async (c) => {
    const { version, ...patch } = c.req.valid('json');
    return withEtag(c, await updateWebhook(dbOf(c), c.env, requireActor(c), c.req.param('id'), versionFrom(c, version), patch));
  })
  .delete('/webhooks/:id', requireRole('admin', 'remove webhooks'), async (c) => {
    await deleteWebhook(dbOf(c), requireActor(c), c.req.param('id'));
    return c.body(null, 204);
  })
  .get('/webhooks/:id/deliveries', requireRole('admin', 'read webhook deliveries'), validate('query', DeliveryListQuery), async (c) => {
    return c.json(await listDeliveries(dbOf(c), c.req.param('id'), c.req.valid('query')));
  })
  .get('/webhooks/:id/deliveries/:deliveryId', requireRole('admin', 'read webhook deliveries'), async (c) => {
    return c.json(await getDelivery(dbOf(c), c.req.param('id'), c.req.param('deliveryId')));
  })
  .post('/webhooks/:id/deliveries/:deliveryId/redeliver', requireRole('admin', 'redeliver webhooks'), async (c) => {
    return c.json(await redeliver(dbOf(c), c.env, requireActor(c), c.req.param('id'), c.req.param('deliveryId')), 202);
  });
