import { createApp } from './app';
import type { Env } from './env';
import { deliverWebhookBatch } from './services/webhook-delivery';
import type { WebhookMessage } from './services/webhooks';

const app = createApp();

/** Queues this Worker consumes (wrangler.toml `[[queues.consumers]]`). */
export const WEBHOOK_QUEUE_NAME = 'factmark-webhooks';

/** The Worker entry: the Hono app for requests not served as static assets; the queue consumer for webhook deliveries. */
export default {
  fetch: app.fetch,
  async queue(batch, env) {
    if (batch.queue === WEBHOOK_QUEUE_NAME) return deliverWebhookBatch(batch as MessageBatch<WebhookMessage>, env);
    console.error(JSON.stringify({ level: 'error', message: 'a batch from a queue this Worker does not consume', queue: batch.queue }));
    batch.retryAll();
  },
} satisfies ExportedHandler<Env>;
