/**
 * The after-write step: the side effects of a write, run once its D1 batch has committed,
 * from the audit events the write returned (`Written<T>.events`). Routes never call a side
 * effect themselves; the API records each write's events (`src/routes/contract.ts`,
 * `recordWrite`) and runs this step once per request.
 *
 * A reaction is `(ctx, events) => Promise<void>`: it picks the events it cares about and
 * acts. Each runs isolated: a failure is logged and never fails the write (which has
 * committed) nor the other reactions. The step is awaited before the response, so keep a
 * reaction's own part short and hand slow work (HTTP calls, rebuilds) to `ctx.waitUntil`.
 *
 * @example
 * // a new side effect: write the function, add it to REACTIONS
 * export const notifyAssignee: Reaction = async (ctx, events) => {
 *   for (const e of events.filter((e) => e.action === 'claim.update')) { … }
 * };
 */
import { createDb } from '../db';
import type { Env } from '../env';
import type { AuditEvent } from './events';
import { purgeQuietly, refreshArticleFeeds, type PurgeInput } from './public-cache';
import { feedKeysOf, publicArticleIds } from './public-feed';
import { purgeDataFeed } from './claimreview-feed';
import { enqueueWebhooks } from './webhook-delivery';
import { flagChangedClaims } from './text-change-flags';
import { mailerFor } from './email';
import { notifyAfterWrite } from './notifications';

export interface AfterWriteContext {
  env: Env;
  /** This deployment's origin (https://factmark.example), for the URLs of cached documents. */
  origin: string;
  requestId: string;
  /**
   * Work that may outlive the response (the Worker's `waitUntil`). Null where the runtime
   * cannot defer, and in tests, which check the effects right after a request: a reaction
   * then does what it must inline and skips what is only an optimisation.
   */
  waitUntil: ((work: Promise<unknown>) => void) | null;
}

export type Reaction = (ctx: AfterWriteContext, events: AuditEvent[]) => Promise<void>;

/** Readers' view of an article changes with these: its feed documents must go from the edge cache. */
const FEED_CHANGES = new Set(['claim.publish', 'claim.unpublish', 'article.update', 'article.delete', 'article.revise', 'claim.text-change']);

/** The purges the events call for, one per article. */
export function feedPurges(events: AuditEvent[]): PurgeInput[] {
  const byArticle = new Map<string, { article?: string; slugs: Set<string>; claimIds: Set<string> }>();
  for (const e of events) {
    if (!FEED_CHANGES.has(e.action) || !e.articleId) continue;
    const p = byArticle.get(e.articleId) ?? { slugs: new Set<string>(), claimIds: new Set<string>() };
    if (e.action !== 'article.delete') p.article = e.articleId;
    if (e.claimId) p.claimIds.add(e.claimId);
    // A renamed or deleted article's feed lives under the slug it had.
    const before = e.before as { slug?: unknown } | null;
    if (e.entityType === 'article' && typeof before?.slug === 'string') p.slugs.add(before.slug);
    byArticle.set(e.articleId, p);
  }
  return [...byArticle.values()].map((p) => ({
    ...(p.article ? { article: p.article } : {}),
    ...(p.slugs.size ? { slugs: [...p.slugs] } : {}),
    ...(p.claimIds.size ? { claimIds: [...p.claimIds] } : {}),
  }));
}

/**
 * Drops the cached feed documents of each article whose public view changed, at once;
 * then, after the response, builds the collection and its pages again into the cache
 * (readers in this data centre never wait for a rebuild), and a moment later drops and
 * rebuilds them once more, in case a read that began before the write stored its older
 * copy in between.
 */
export const purgeFeeds: Reaction = async (ctx, events) => {
  const db = createDb(ctx.env.DB);
  await Promise.all(
    feedPurges(events).map(async (input) => {
      await purgeQuietly(db, ctx.origin, input);
      if (!ctx.waitUntil || !input.article) return;
      const slug = (await feedKeysOf(db, input.article))?.slug;
      if (!slug) return;
      const refresh = () => refreshArticleFeeds(ctx.env.DB, ctx.origin, slug).catch(() => undefined);
      ctx.waitUntil(
        refresh()
          .then(() => new Promise((r) => setTimeout(r, 1500)))
          .then(() => purgeQuietly(db, ctx.origin, input))
          .then(refresh),
      );
    }),
  );
};

/**
 * The ClaimReview data feed (`/feeds/claimreview.json`) shows every published check with its
 * article's title and URL: the same writes that change an article's feed change it. Dropped
 * at once, and again a moment later (a read that began before the write may store its older
 * copy in between).
 */
export const purgeClaimReviewFeed: Reaction = async (ctx, events) => {
  // The newsroom's name is in it too (every review's author, the feed's publisher).
  if (!events.some((e) => FEED_CHANGES.has(e.action) || e.action === 'settings.update')) return;
  const db = createDb(ctx.env.DB);
  await purgeDataFeed(db, ctx.origin);
  ctx.waitUntil?.(new Promise((r) => setTimeout(r, 1500)).then(() => purgeDataFeed(db, ctx.origin)).catch(() => undefined));
};

/**
 * Webhooks (docs/connections.md): a delivery per subscribed endpoint for each event that has a
 * webhook name, queued. Awaited (a few D1 statements and one queue send), so a delivery is
 * stored before the answer leaves; the receivers themselves are called by the queue consumer.
 */
export const queueWebhooks: Reaction = async (ctx, events) => {
  await enqueueWebhooks(createDb(ctx.env.DB), ctx.env, ctx.origin, events);
};

/**
 * The newsroom's name is in every feed document (each annotation's creator): a change of
 * settings drops every public article's cached feed (copies elsewhere expire in a minute).
 */
export const purgeFeedsOnSettings: Reaction = async (ctx, events) => {
  if (!events.some((e) => e.action === 'settings.update')) return;
  const db = createDb(ctx.env.DB);
  const ids = await publicArticleIds(db);
  const work = Promise.all(ids.map((article) => purgeQuietly(db, ctx.origin, { article })));
  // Many articles: after the response where the runtime allows.
  if (ctx.waitUntil && ids.length > 20) ctx.waitUntil(work);
  else await work;
};

/** Every side effect of a write, by name (the name is what a failure's log line says). */
/**
 * Notifications (issue 11): who is told of what is decided by the rules in
 * src/domain/notifications.ts; the inbox rows are written here, inline (the top bar must see
 * them at once), and the e-mails people chose are sent after the response (inline in tests,
 * where they land in the local outbox).
 */
export const notify: Reaction = async (ctx, events) => {
  const db = createDb(ctx.env.DB);
  await notifyAfterWrite(db, events, { mailer: mailerFor(ctx.env, db), origin: ctx.origin, defer: ctx.waitUntil });
};

export const REACTIONS: Record<string, Reaction> = {
  purgeFeeds,
  purgeClaimReviewFeed,
  queueWebhooks,
  flagChangedClaims,
  purgeFeedsOnSettings,
  notify,
};

/**
 * Runs every reaction on a request's committed events. Never throws: a failing reaction is
 * logged with the request id and the others still run.
 */
export async function runAfterWrite(ctx: AfterWriteContext, events: AuditEvent[], reactions: Record<string, Reaction> = REACTIONS): Promise<void> {
  if (!events.length) return;
  await Promise.all(
    Object.entries(reactions).map(async ([name, react]) => {
      try {
        await react(ctx, events);
      } catch (error) {
        console.error(JSON.stringify({ level: 'error', requestId: ctx.requestId, message: 'after-write reaction failed; the write stands', reaction: name, error: error instanceof Error ? error.message : String(error) }));
      }
    }),
  );
}
