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
import { findMatches } from '../services/matching';
import { readSearch, searchArticles, searchClaims } from '../services/search';
import { parseSearch } from '../domain/search-query';
import { SearchPage } from '../../web/views/app/search';
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
import { WorkPage } from '../../web/views/app/work';
import { NotificationsPage } from '../../web/views/app/notifications';
import { OutboxPage } from '../../web/views/app/outbox';
import type { Viewer } from '../../web/views/app/shell';
import { NOTIFICATION_KINDS } from '../domain/notifications';
import { mailerFor, outbox } from '../services/email';
import { myWork, queueCount } from '../services/my-work';
import { createComment, deleteComment, listComments, threadsOf, updateComment } from '../services/comments';
import * as S from '../api-schemas';
import { mentionedIn } from '../domain/mentions';
import { validationError } from '../domain/errors';
import { recordWrite } from '../middleware/after-write';
import { listNotifications, markClaimRead, markRead, preferencesOf, setPreferences, unreadState } from '../services/notifications';
import { backTo, field, fields, formFields, formWrite, takeFlash } from './ui-forms';
import { acceptSuggestion, updateClaim } from '../services/claims';
import { addSource, proposeVerdict, removeSource, reuseCheck, updateSource } from '../services/evidence';
import { clearOpenMatches } from '../services/clear-matches';
import { clearedMessage } from '../domain/library-labels';
import { dismissClaim, flagClaim, publishClaim, reopenClaim, returnClaim, unpublishClaim } from '../services/workflow';
import { bulkAct } from '../services/bulk';
import { BULK_DONE } from '../domain/bulk';
import { assertPermission } from '../domain/policy';
import { invalid } from '../domain/errors';
import { dbOf } from './helpers';
import { dashboardCsv, dashboardPage } from './dashboard';

/** Where to go after signing in: a path of this UI only, never another site (nor a header-breaking one). */
function safeNext(raw: string | undefined): string {
  return raw && /^\/app(?:[/?#]|$)/.test(raw) && !/[\s\x00-\x1f\x7f]/.test(raw) ? raw : '/app/work';
}

/** An HTML page in standards mode (the shared layout starts at <html>). */
export async function page(c: Context<AppEnv>, element: { toString(): string | Promise<string> }, status: number = 200) {
  return c.html(`<!DOCTYPE html>${await element.toString()}`, status as ContentfulStatusCode);
}

export const viewerOf = (a: Actor): Viewer => ({ id: a.userId, name: a.name, role: a.role });

/** The viewer of a page: who, their unread count for the top bar, and a message left by the form they posted. */
export async function viewer(c: Context<AppEnv>, a: Actor): Promise<Viewer> {
  return { ...viewerOf(a), inbox: await unreadState(dbOf(c), a.userId), flash: takeFlash(c) };
}

/** The signed-in actor with the page's permission; else a redirect to sign in, or a 403 page. */
export function pageActor(c: Context<AppEnv>, permission: PermissionName): Actor {
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

uiRoutes.get('/', (c) => c.redirect(c.get('actor') ? '/app/work' : '/app/login', 303));

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
  // The search reads q; one it cannot read is said on the page, not as an error page.
  const parsed = q ? parseSearch(q) : null;
  if (parsed && !parsed.ok) return page(c, <ArticlesPage viewer={await viewer(c, actor)} items={[]} nextCursor={null} q={q} qError={parsed.message} />, 422);
  const list = await listArticles(dbOf(c), { limit: 50, cursor: cursor || undefined, q: q || undefined });
  return page(c, <ArticlesPage viewer={await viewer(c, actor)} items={list.items} nextCursor={list.nextCursor} q={q} />);
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
  return page(c, <ArticlePage viewer={await viewer(c, actor)} host={new URL(c.req.url).origin} article={article} claims={claims} filter={filter} names={names} team={team} />);
});

uiRoutes.get('/articles/:id/revisions', async (c) => {
  const actor = pageActor(c, 'article.read');
  const db = dbOf(c);
  const article = await getArticle(db, c.req.param('id'));
  const n = Number(c.req.query('n'));
  const view: RevisionsView = await revisionsView(db, article, Number.isInteger(n) && n > 0 ? n : null);
  return page(c, <RevisionsPage viewer={await viewer(c, actor)} view={view} />);
});

// The reviewers' search: the top bar's box without JavaScript, and its "All results".
uiRoutes.get('/search', async (c) => {
  const actor = pageActor(c, 'claim.list');
  const q = (c.req.query('q') ?? '').trim().slice(0, 200);
  const offset = Math.min(1000, Math.max(0, Number(c.req.query('offset')) || 0));
  if (!q) return page(c, <SearchPage viewer={await viewer(c, actor)} q="" claims={null} articles={null} offset={0} />);
  const parsed = parseSearch(q);
  if (!parsed.ok) return page(c, <SearchPage viewer={await viewer(c, actor)} q={q} error={parsed.message} claims={null} articles={null} offset={0} />, 422);
  const db = dbOf(c);
  const query = readSearch(q);
  const [claims, articles] = await Promise.all([searchClaims(db, query, { limit: 25, offset }), offset ? null : searchArticles(db, query, { limit: 10 })]);
  return page(c, <SearchPage viewer={await viewer(c, actor)} q={q} claims={claims} articles={articles} offset={offset} />);
});

uiRoutes.get('/claims/:id', async (c) => {
  const actor = pageActor(c, 'claim.read');
  const db = dbOf(c);
  const claim = await getClaimDetail(db, c.req.param('id'));
  // Opening a claim marks what the viewer was told about it as read (as mail clients do).
  await markClaimRead(db, actor.userId, claim.id);
  const [history, neighbours, team, thread, matches] = await Promise.all([claimHistory(db, claim.id), neighbourClaims(db, claim), people(db), listComments(db, claim.id), findMatches(db, claim.id)]);
  return page(c, <ClaimPage viewer={await viewer(c, actor)} claim={claim} history={history} neighbours={neighbours} people={team} comments={thread} matches={matches.items} />);
});

uiRoutes.get('/queue', async (c) => {
  const actor = pageActor(c, 'queue.read');
  const db = dbOf(c);
  const toMe = c.req.query('to') === 'me';
  const [{ items }, team] = await Promise.all([editorsQueue(db, 100, { to: toMe ? actor.userId : undefined }), people(db)]);
  const ids = items.map((i) => i.claim.id);
  const [sources, threads] = await Promise.all([sourcesForClaims(db, ids), threadsOf(db, ids)]);
  const view = items.map((i) => ({ ...i, sources: sources.get(i.claim.id) ?? [], flaggedBy: i.flag.createdByName, comments: threads.get(i.claim.id) ?? [] }));
  const mentionable = team.filter((p) => p.active && p.id !== actor.userId).map((p) => ({ id: p.id, name: p.name }));
  return page(c, <QueuePage viewer={await viewer(c, actor)} items={view} toMe={toMe} people={mentionable} />);
});

uiRoutes.get('/admin', async (c) => {
  const actor = pageActor(c, 'user.update');
  const db = dbOf(c);
  const [users, tokens, settings] = await Promise.all([listUsers(db), listTokens(db), getSettings(db)]);
  return page(c, <AdminPage viewer={await viewer(c, actor)} users={users} tokens={tokens} settings={settings} />);
});

// ---- the desk: My work, the inbox, the local outbox ------------------------------------------

uiRoutes.get('/work', async (c) => {
  const actor = pageActor(c, 'work.read');
  const db = dbOf(c);
  const [sections, waiting] = await Promise.all([myWork(db, { id: actor.userId, role: actor.role }), can(actor.role, 'queue.read') ? queueCount(db) : Promise.resolve(null)]);
  return page(c, <WorkPage viewer={await viewer(c, actor)} sections={sections} queueCount={waiting} />);
});

uiRoutes.get('/notifications', async (c) => {
  const actor = pageActor(c, 'notification.read');
  const db = dbOf(c);
  const unreadOnly = c.req.query('unread') === '1';
  const before = Number(c.req.query('before'));
  const [list, prefs] = await Promise.all([
    listNotifications(db, actor.userId, { limit: 50, before: Number.isInteger(before) && before > 0 ? before : undefined, unread: unreadOnly }),
    preferencesOf(db, actor.userId),
  ]);
  const v = await viewer(c, actor);
  return page(c, <NotificationsPage viewer={v} items={list.items} unread={v.inbox?.unread ?? 0} nextCursor={list.nextCursor} unreadOnly={unreadOnly} email={prefs.email} emailMode={mailerFor(c.env, db).mode} />);
});

uiRoutes.post('/notifications/read', async (c) => {
  const actor = pageActor(c, 'notification.update');
  const form = await formFields(c);
  const ids = fields(form, 'id').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return formWrite(c, backTo(c, form, '/app/notifications'), async () => {
    await markRead(dbOf(c), actor.userId, ids.length ? { ids } : { all: true });
    return ids.length ? 'Marked as read.' : 'All notifications marked as read.';
  });
});

uiRoutes.post('/notifications/preferences', async (c) => {
  const actor = pageActor(c, 'notification.update');
  const form = await formFields(c);
  const on = new Set(fields(form, 'email'));
  return formWrite(c, backTo(c, form, '/app/notifications#preferences'), async () => {
    await setPreferences(dbOf(c), actor.userId, Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, on.has(k)])));
    return 'E-mail choices saved.';
  });
});

// The discussion without scripts: the same services as /api/v1, then back to the claim.
/** Mentions of a comment posted without scripts: the active colleagues whose `@Name` it contains. */
async function mentionsIn(c: Context<AppEnv>, body: string, me: string) {
  const team = (await people(dbOf(c))).filter((p) => p.active && p.id !== me);
  return mentionedIn(body, team);
}

function commentInput(body: string, mentions: string[]) {
  const parsed = S.CreateComment.safeParse({ body, mentions });
  if (!parsed.success) throw validationError(parsed.error.issues, 'comment');
  return parsed.data;
}

uiRoutes.post('/claims/:id/comments', async (c) => {
  const actor = pageActor(c, 'comment.create');
  const form = await formFields(c);
  const claimId = c.req.param('id');
  return formWrite(c, `/app/claims/${encodeURIComponent(claimId)}#discussion`, async () => {
    const body = field(form, 'body');
    recordWrite(c, await createComment(dbOf(c), actor, claimId, commentInput(body, await mentionsIn(c, body, actor.userId))));
    return 'Comment added.';
  });
});

uiRoutes.post('/comments/:id/edit', async (c) => {
  const actor = pageActor(c, 'comment.update');
  const form = await formFields(c);
  const back = `/app/claims/${encodeURIComponent(field(form, 'claimId'))}#comment-${encodeURIComponent(c.req.param('id'))}`;
  return formWrite(c, back, async () => {
    const body = field(form, 'body');
    const version = Number(field(form, 'version'));
    recordWrite(c, await updateComment(dbOf(c), actor, c.req.param('id'), { ...commentInput(body, await mentionsIn(c, body, actor.userId)), version: Number.isInteger(version) && version > 0 ? version : undefined }));
    return 'Comment saved.';
  });
});

uiRoutes.post('/comments/:id/delete', async (c) => {
  const actor = pageActor(c, 'comment.delete');
  const form = await formFields(c);
  return formWrite(c, `/app/claims/${encodeURIComponent(field(form, 'claimId'))}#discussion`, async () => {
    recordWrite(c, await deleteComment(dbOf(c), actor, c.req.param('id')));
    return 'Comment deleted.';
  });
});

// ---- the claim panel (and the queue, and the article view) without scripts -------------------

/** A form's fields as an API body: empty text left out (so optional fields stay unset), one value per name. */
function bodyOf(form: Record<string, string | string[]>, names: string[]) {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = field(form, n).trim();
    if (v) out[n] = v;
  }
  return out;
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly import('zod').core.$ZodIssue[] } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error.issues, 'form');
  return r.data;
}

const SOURCE_FIELDS = ['url', 'title', 'publisher', 'type', 'excerpt', 'accessedAt', 'archivedUrl'];

/**
 * Every form of the claim panel posts here without scripts; the submit button's `_do` says
 * what to do (the queue's decisions come here too, with `back`). The same services and
 * schemas as the API; then back to the page with a message.
 */
uiRoutes.post('/claims/:id/act', async (c) => {
  const actor = pageActor(c, 'claim.read');
  const form = await formFields(c);
  const id = c.req.param('id');
  const doing = field(form, '_do');
  const version = Number(field(form, 'version'));
  if (!Number.isInteger(version) || version < 1) throw new DomainError('version-required', 'The form did not say which version of the claim it was based on; reload the page.');
  const db = dbOf(c);
  const back = backTo(c, form, `/app/claims/${encodeURIComponent(id)}`);
  return formWrite(c, back, async () => {
    const must = (p: PermissionName) => assertPermission(actor, p);
    switch (doing) {
      case 'save': {
        must('claim.update');
        const q = field(form, 'bound');
        // The value goes as typed (the service reads words as the API does). A statement left
        // as the page suggested it stays a suggestion, as the script's save leaves it.
        const statement = field(form, 'statement').trim();
        const suggested = 'suggestedStatement' in form && statement === field(form, 'suggestedStatement').trim();
        const patch = parsed(S.UpdateClaim, {
          kind: field(form, 'kind'), value: field(form, 'value').trim(), approximate: q === 'approximate', bound: q === 'at_least' || q === 'at_most' ? q : null,
          subject: field(form, 'subject'), speaker: field(form, 'speaker'), assigneeId: field(form, 'assigneeId'),
          ...('statement' in form && !suggested ? { statement } : {}),
        });
        recordWrite(c, await updateClaim(db, actor, id, version, patch));
        return 'Claim saved.';
      }
      case 'accept':
        must('claim.accept');
        recordWrite(c, await acceptSuggestion(db, actor, id, version));
        return 'Suggestion accepted: it is now an open claim assigned to you.';
      case 'dismiss':
        must('claim.dismiss');
        recordWrite(c, await dismissClaim(db, actor, id, version, field(form, 'note').trim() || null));
        return 'Claim dismissed.';
      case 'reopen':
        must('claim.reopen');
        recordWrite(c, await reopenClaim(db, actor, id, version));
        return 'Claim reopened.';
      case 'source-add':
        must('source.add');
        recordWrite(c, await addSource(db, actor, id, version, parsed(S.CreateSource, bodyOf(form, SOURCE_FIELDS))));
        return 'Source added.';
      case 'source-save': {
        must('source.update');
        const { version: _v, ...patch } = parsed(S.UpdateSource, { ...Object.fromEntries(SOURCE_FIELDS.map((n) => [n, field(form, n).trim() || null])), url: field(form, 'url').trim(), title: field(form, 'title').trim(), type: field(form, 'type') || undefined });
        recordWrite(c, await updateSource(db, actor, field(form, 'sourceId'), version, patch));
        return 'Source saved.';
      }
      case 'source-remove':
        must('source.remove');
        recordWrite(c, await removeSource(db, actor, field(form, 'sourceId'), version));
        return 'Source removed.';
      case 'verdict': {
        must('verdict.propose');
        const { version: _v, ...input } = parsed(S.CreateVerdict, bodyOf(form, ['rating', 'summary', 'explanation', 'correctValue']));
        recordWrite(c, await proposeVerdict(db, actor, id, version, input));
        return 'Verdict proposed.';
      }
      case 'flag': {
        must('claim.flag');
        const { version: _v, ...input } = parsed(S.FlagClaim, bodyOf(form, ['reason', 'note', 'editorId']));
        recordWrite(c, await flagClaim(db, actor, id, version, input));
        return 'Flagged to the editors.';
      }
      case 'publish': {
        must('claim.publish');
        const edit = bodyOf(form, ['summary', 'explanation']);
        const body = parsed(S.PublishClaim, Object.keys(edit).length ? { verdict: edit } : {});
        recordWrite(c, await publishClaim(db, actor, id, version, body.verdict));
        return 'Published: readers see it now.';
      }
      case 'return': {
        must('claim.return');
        const { note } = parsed(S.ReturnClaim, { note: field(form, 'note') });
        recordWrite(c, await returnClaim(db, actor, id, version, note));
        return 'Returned to the fact-checkers.';
      }
      case 'unpublish':
        must('claim.unpublish');
        recordWrite(c, await unpublishClaim(db, actor, id, version, field(form, 'note').trim() || null));
        return 'Unpublished.';
      case 'reuse':
        must('verdict.propose');
        recordWrite(c, await reuseCheck(db, actor, id, version, field(form, 'from')));
        return 'Proposed the same rating, summary and sources as a new verdict. An editor still has to publish it.';
      case 'clear-matches': {
        // This claim's published check on each checked claim (`id:version`), published too
        // when an editor ticks "and publish them"; one refused does not stop the others.
        must('verdict.propose');
        const items = fields(form, 'claim').map((v) => ({ id: v.slice(0, v.lastIndexOf(':')), version: Number(v.slice(v.lastIndexOf(':') + 1)) }));
        if (!items.length) throw invalid('claim', 'select at least one claim');
        const r = recordWrite(c, await clearOpenMatches(db, actor, id, items, { publish: field(form, 'publish') === '1' }));
        return clearedMessage(r);
      }
      default:
        throw invalid('_do', 'is not an action of the claim panel');
    }
  });
});

/**
 * The article view's list (and the queue's) without scripts: the checked claims (`ids`, each
 * `id:version`) and the pressed button (`action`), or one row's button (`one` = `action:id:version`).
 */
uiRoutes.post('/bulk', async (c) => {
  const actor = pageActor(c, 'claim.bulk');
  const form = await formFields(c);
  const back = backTo(c, form, '/app/work');
  const one = field(form, 'one');
  const [action, items] = one
    ? [one.split(':')[0], [one.split(':').slice(1).join(':')]]
    : [field(form, 'action'), fields(form, 'ids')];
  return formWrite(c, back, async () => {
    const input = parsed(S.BulkAction, {
      action,
      items: items.map((v) => ({ id: v.slice(0, v.lastIndexOf(':')), version: Number(v.slice(v.lastIndexOf(':') + 1)) })),
      ...(action === 'assign' ? { assigneeId: field(form, 'assigneeId') || null } : {}),
    });
    const results = recordWrite(c, await bulkAct(dbOf(c), actor, input));
    const failed = results.filter((r) => !r.ok);
    const done = results.length - failed.length;
    const said = `${done} ${BULK_DONE[input.action]}`;
    return failed.length ? `${said}; ${failed.length} not: ${failed.map((r) => (r.ok ? '' : r.error.message)).join(' ')}` : `${said}.`;
  });
});

/** The local outbox exists only where e-mail is not sent: development (npm start) and tests. */
uiRoutes.get('/outbox', async (c) => {
  const actor = pageActor(c, 'outbox.read');
  const db = dbOf(c);
  if (mailerFor(c.env, db).mode !== 'outbox') throw new DomainError('not-found', 'There is no local outbox here: this server sends e-mail (or has none set up).');
  const everyone = can(actor.role, 'user.update');
  const mails = (await outbox(db, 200)).filter((m) => everyone || m.toAddress === actor.email);
  return page(c, <OutboxPage viewer={await viewer(c, actor)} mails={mails} everyone={everyone} />);
});

uiRoutes.get('/webhooks', async (c) => {
  const actor = pageActor(c, 'webhook.list');
  const db = dbOf(c);
  const [endpoints, counts] = await Promise.all([listWebhooks(db), deliveryCounts(db)]);
  return page(c, <WebhooksPage viewer={await viewer(c, actor)} endpoints={endpoints.map((e) => ({ ...e, deliveries: counts[e.id] ?? {} }))} />);
});

uiRoutes.get('/webhooks/:id', async (c) => {
  const actor = pageActor(c, 'webhook.read');
  const db = dbOf(c);
  const endpoint = serialiseEndpoint(await getWebhookRow(db, c.req.param('id')));
  const [counts, deliveries] = await Promise.all([deliveryCounts(db), deliveriesWithAttempts(db, endpoint.id, { limit: 20, cursor: c.req.query('cursor') })]);
  return page(c, <WebhookPage viewer={await viewer(c, actor)} endpoint={{ ...endpoint, deliveries: counts[endpoint.id] ?? {} }} deliveries={deliveries.items} nextCursor={deliveries.nextCursor} />);
});

uiRoutes.get('/dashboard', dashboardPage);
uiRoutes.get('/dashboard.csv', dashboardCsv);

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

