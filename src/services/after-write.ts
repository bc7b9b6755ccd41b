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
import { FEED_CHANGES, SITE_WIDE_FEED_ENTITIES } from '../domain/public-view';
import { dropFeedPagesBefore, feedPagesBehind, refreshArticleFeeds, rendererOf } from './feed-pages';
import { purgeQuietly, type PurgeInput } from './public-cache';
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

/**
 * Whether an event changed readers' view of its article (its feed documents must go from the
 * edge cache): a FEED_CHANGES action (src/domain/public-view.ts), or a change to a claim that
 * was or is public (an edit of a published claim says `public` in its before/after).
 */
export function changesPublicView(e: Pick<AuditEvent, 'action' | 'entityType' | 'before' | 'after'>): boolean {
  if (FEED_CHANGES.has(e.action)) return true;
  const pub = (v: unknown) => (v as { public?: unknown } | null)?.public === true;
  return e.entityType === 'claim' && (pub(e.before) || pub(e.after));
}

/** The purges the events call for, one per article. */
export function feedPurges(events: AuditEvent[]): PurgeInput[] {
  const byArticle = new Map<string, { article?: string; slugs: Set<string>; claimIds: Set<string> }>();
  for (const e of events) {
    if (!changesPublicView(e) || !e.articleId) continue;
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
 * then, after the response, renders the collection and its pages again into D1's stored
 * pages and the edge cache (readers never wait for a render: src/services/feed-pages.ts), and
 * a moment later drops and renders them once more, in case a read that began before the
 * write put its older copy in the edge cache in between.
 */
export const purgeFeeds: Reaction = async (ctx, events) => {
  const db = createDb(ctx.env.DB);
  await Promise.all(
    feedPurges(events).map(async (input) => {
      await purgeQuietly(db, ctx.origin, input);
      if (!ctx.waitUntil || !input.article) return;
      const slug = (await feedKeysOf(db, input.article))?.slug;
      if (!slug) return;
      const refresh = () => refreshArticleFeeds(ctx.env, ctx.origin, slug).catch(() => undefined);
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
 * The stored feed pages (src/services/feed-pages.ts) the other writes leave behind: an event on
 * a public claim that readers do not see (a source added for the next publication) moves the
 * article's stamp, so its pages are rendered again after the response, if it has any; a
 * site-wide change (the settings) drops every page rendered before it, and readers' next
 * reads render them. Only an optimisation (a page behind its stamp is never served): skipped
 * where nothing can run after the response.
 */
export const refreshStaleFeedPages: Reaction = async (ctx, events) => {
  if (!ctx.waitUntil) return;
  const db = createDb(ctx.env.DB);
  const siteWide = events.filter((e) => SITE_WIDE_FEED_ENTITIES.includes(e.entityType)).map((e) => e.id);
  if (siteWide.length) ctx.waitUntil(dropFeedPagesBefore(db, Math.max(...siteWide)).catch(() => undefined));
  // Articles purgeFeeds renders already.
  const rendered = new Set(events.filter((e) => changesPublicView(e)).map((e) => e.articleId));
  const others = new Set(events.map((e) => e.articleId).filter((a): a is string => !!a && !rendered.has(a)));
  for (const articleId of others) {
    ctx.waitUntil(
      (async () => {
        if (!(await feedPagesBehind(db, articleId, ctx.origin, rendererOf(ctx.env)))) return;
        const slug = (await feedKeysOf(db, articleId))?.slug;
        if (slug) await refreshArticleFeeds(ctx.env, ctx.origin, slug);
      })().catch(() => undefined),
    );
  }
};

/**
 * The ClaimReview data feed (`/feeds/claimreview.json`) shows every published check with its
 * article's title and URL: the same writes that change an article's feed change it. Dropped
 * at once, and again a moment later (a read that began before the write may store its older
 * copy in between).
 */
export const purgeClaimReviewFeed: Reaction = async (ctx, events) => {
  // The newsroom's name is in it too (every review's author, the feed's publisher).
  if (!events.some((e) => changesPublicView(e) || e.action === 'settings.update')) return;
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
  refreshStaleFeedPages,
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
