import { createApp } from './app';
import { WEBHOOK_QUEUE_NAME } from './domain/webhooks';
import type { Env } from './env';
import { deliverWebhookBatch } from './services/webhook-delivery';
import type { WebhookMessage } from './services/webhooks';
import { scheduled } from './scheduled';

const app = createApp();

/**
 * The Worker entry: the Hono app for requests not served as static assets; the queue consumer
 * for webhook deliveries; the Cron Trigger that follows articles' pages (`src/scheduled.ts`). (workerd takes every export of this module for a handler: export
 * nothing else here.)
 */
export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue === WEBHOOK_QUEUE_NAME) return deliverWebhookBatch(batch as MessageBatch<WebhookMessage>, env);
    console.error(JSON.stringify({ level: 'error', message: 'a batch from a queue this Worker does not consume', queue: batch.queue }));
    batch.retryAll();
  },
  scheduled,
} satisfies ExportedHandler<Env>;
