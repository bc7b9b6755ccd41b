import { Hono } from 'hono/tiny';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv, Actor } from '../env';
import { DomainError } from '../domain/errors';
import { problemStatus } from '../problem';
import { listUsers, listTokens } from '../services/accounts';
import { getArticle, listArticles } from '../services/articles';
import { getClaimDetail } from '../services/claims';
import { getSettings } from '../services/settings';
import { claimHistory } from '../services/events';
import { articleClaimsWithRatings, neighbourClaims, people, sourcesForClaims } from '../services/ui-queries';
import { editorsQueue } from '../services/workflow';
import { CLAIM_KINDS } from '../domain/vocabulary';
import { PERMISSIONS, can, isStatusFilter, type PermissionName } from '../domain/policy';
import { INK, RATINGS } from '../domain/ratings';
import { LoginPage } from '../../web/views/app/login';
import { ArticlesPage } from '../../web/views/app/articles';
import { ArticlePage, type ClaimFilter } from '../../web/views/app/article';
import { ClaimPage } from '../../web/views/app/claim';
import { QueuePage } from '../../web/views/app/queue';
import { AdminPage } from '../../web/views/app/admin';
import { WebhookPage, WebhooksPage } from '../../web/views/app/webhooks';
import { deliveriesWithAttempts, deliveryCounts, getWebhookRow, listWebhooks, serialiseEndpoint } from '../services/webhooks';
import { ErrorPage } from '../../web/views/app/error';
import { RevisionsPage, type RevisionsView } from '../../web/views/app/revisions';
import { revisionsView } from '../services/revisions';
import { dbOf } from './helpers';

/** Where to go after signing in: a path of this UI only, never another site (nor a header-breaking one). */
function safeNext(raw: string | undefined): string {
  return raw && /^\/app(?:[/?#]|$)/.test(raw) && !/[\s\x00-\x1f\x7f]/.test(raw) ? raw : '/app/articles';
}

/** An HTML page in standards mode (the shared layout starts at <html>). */
async function page(c: Context<AppEnv>, element: { toString(): string | Promise<string> }, status: number = 200) {
  return c.html(`<!DOCTYPE html>${await element.toString()}`, status as ContentfulStatusCode);
}

const viewerOf = (a: Actor) => ({ id: a.userId, name: a.name, role: a.role });

/** The signed-in actor with the page's permission; else a redirect to sign in, or a 403 page. */
function pageActor(c: Context<AppEnv>, permission: PermissionName): Actor {
  const actor = c.get('actor');
  if (!actor) {
    const url = new URL(c.req.url);
    throw new RedirectToLogin(url.pathname + url.search);
  }
  const role = PERMISSIONS[permission].role;
  if (!can(actor.role, permission)) throw new DomainError('forbidden-role', `This page is for ${role}s${role === 'admin' ? '' : ' and above'}; you are signed in as ${actor.role}.`);
  return actor;
}

class RedirectToLogin extends Error {
  constructor(readonly next: string) {
    super('sign in first');
  }
}

/** The reviewer UI under /app (server-rendered; behind a sign-in). Writes go through /api/v1. */
export const uiRoutes = new Hono<AppEnv>();

uiRoutes.use('*', async function privatePages(c, next) {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'private, no-store');
});

uiRoutes.get('/', (c) => c.redirect(c.get('actor') ? '/app/articles' : '/app/login', 303));

uiRoutes.get('/login', (c) => {
  const next = safeNext(c.req.query('next'));
  if (c.get('actor')) return c.redirect(next, 303);
  return page(c, <LoginPage next={next} signedOut={c.req.query('signed-out') !== undefined} />);
});

/** Rating colours as CSS classes, generated from the one rating table (no inline styles under the CSP). */
uiRoutes.get('/ratings.css', (c) => {
  const css = Object.entries(RATINGS)
    .map(([code, r]) => `.r-${code}{background:${r.bg};color:${INK};--accent:${r.accent}}`)
    .join('\n');
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('Cache-Control', 'public, max-age=3600');
  return c.body(css);
});

uiRoutes.get('/articles', async (c) => {
  const actor = pageActor(c, 'article.list');
  const q = (c.req.query('q') ?? '').trim().slice(0, 200);
  const cursor = c.req.query('cursor');
  const list = await listArticles(dbOf(c), { limit: 50, cursor: cursor || undefined, q: q || undefined });
  return page(c, <ArticlesPage viewer={viewerOf(actor)} items={list.items} nextCursor={list.nextCursor} q={q} />);
});

uiRoutes.get('/articles/:id', async (c) => {
  const actor = pageActor(c, 'article.read');
  const db = dbOf(c);
  const article = await getArticle(db, c.req.param('id'));
  const [claims, team] = await Promise.all([articleClaimsWithRatings(db, article.id), people(db)]);
  const status = c.req.query('status');
  const kind = c.req.query('kind');
  const assignee = c.req.query('assignee');
  const filter: ClaimFilter = {
    status: isStatusFilter(status) ? status : undefined,
    kind: kind && (CLAIM_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    assignee: assignee === 'me' || assignee === 'none' ? assignee : undefined,
  };
  const names = new Map(team.map((p) => [p.id, p.name]));
  return page(c, <ArticlePage viewer={viewerOf(actor)} host={new URL(c.req.url).origin} article={article} claims={claims} filter={filter} names={names} />);
});

uiRoutes.get('/articles/:id/revisions', async (c) => {
  const actor = pageActor(c, 'article.read');
  const db = dbOf(c);
  const article = await getArticle(db, c.req.param('id'));
  const n = Number(c.req.query('n'));
  const view: RevisionsView = await revisionsView(db, article, Number.isInteger(n) && n > 0 ? n : null);
  return page(c, <RevisionsPage viewer={viewerOf(actor)} view={view} />);
});

uiRoutes.get('/claims/:id', async (c) => {
  const actor = pageActor(c, 'claim.read');
  const db = dbOf(c);
  const claim = await getClaimDetail(db, c.req.param('id'));
  const [history, neighbours, team] = await Promise.all([claimHistory(db, claim.id), neighbourClaims(db, claim), people(db)]);
  return page(c, <ClaimPage viewer={viewerOf(actor)} claim={claim} history={history} neighbours={neighbours} people={team} />);
});

uiRoutes.get('/queue', async (c) => {
  const actor = pageActor(c, 'queue.read');
  const db = dbOf(c);
  const [{ items }, users] = await Promise.all([editorsQueue(db), listUsers(db)]);
  const sources = await sourcesForClaims(db, items.map((i) => i.claim.id));
  const names = new Map(users.map((u) => [u.id, u.name]));
  const view = items.map((i) => ({ ...i, sources: sources.get(i.claim.id) ?? [], flaggedBy: i.flag.createdBy ? (names.get(i.flag.createdBy) ?? null) : null }));
  return page(c, <QueuePage viewer={viewerOf(actor)} items={view} />);
});

uiRoutes.get('/admin', async (c) => {
  const actor = pageActor(c, 'user.update');
  const db = dbOf(c);
  const [users, tokens, settings] = await Promise.all([listUsers(db), listTokens(db), getSettings(db)]);
  return page(c, <AdminPage viewer={viewerOf(actor)} users={users} tokens={tokens} settings={settings} />);
});

uiRoutes.get('/webhooks', async (c) => {
  const actor = pageActor(c, 'webhook.list');
  const db = dbOf(c);
  const [endpoints, counts] = await Promise.all([listWebhooks(db), deliveryCounts(db)]);
  return page(c, <WebhooksPage viewer={viewerOf(actor)} endpoints={endpoints.map((e) => ({ ...e, deliveries: counts[e.id] ?? {} }))} />);
});

uiRoutes.get('/webhooks/:id', async (c) => {
  const actor = pageActor(c, 'webhook.read');
  const db = dbOf(c);
  const endpoint = serialiseEndpoint(await getWebhookRow(db, c.req.param('id')));
  const [counts, deliveries] = await Promise.all([deliveryCounts(db), deliveriesWithAttempts(db, endpoint.id, { limit: 20, cursor: c.req.query('cursor') })]);
  return page(c, <WebhookPage viewer={viewerOf(actor)} endpoint={{ ...endpoint, deliveries: counts[endpoint.id] ?? {} }} deliveries={deliveries.items} nextCursor={deliveries.nextCursor} />);
});

// Pages answer errors as pages (a problem+json body is no help in a browser tab).
uiRoutes.onError((error, c) => {
  if (error instanceof RedirectToLogin) return c.redirect(`/app/login?next=${encodeURIComponent(error.next)}`, 303);
  const actor = c.get('actor');
  const status = error instanceof DomainError ? problemStatus(error) : 500;
  const detail = error instanceof DomainError ? error.message : `Something went wrong on our side (request ${c.get('requestId')}).`;
  if (!(error instanceof DomainError)) console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), url: c.req.url, error: String(error) }));
  c.header('Cache-Control', 'no-store');
  return page(c, <ErrorPage viewer={actor ? viewerOf(actor) : null} status={status} detail={detail} />, status >= 400 && status < 500 ? status : 500);
});

