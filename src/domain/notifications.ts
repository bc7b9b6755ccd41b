/**
 * Who is told of what: the notification kinds and the fan-out rules, as pure functions of
 * the audit events a write produced. The services load the people around each claim (its
 * "circle") and write what `notificationsFor` returns, after the write has committed.
 *
 * To add a kind (as `text_changed`, "the article's text changed under your published
 * check", was added): add it to NOTIFICATION_KINDS, give it a label, a verb and an e-mail default in
 * KIND_INFO, and a rule in RULES keyed by the audit action that causes it (no migration: the
 * table has no CHECK on kinds). "changed" notifications fold into one unread row per person
 * and claim (a unique partial index); other kinds do not.
 */
import { textChangeReason } from './living';

export const NOTIFICATION_KINDS = ['assigned', 'returned', 'flagged', 'mentioned', 'commented', 'published', 'text_changed', 'changed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How each kind reads in the inbox and the settings, and whether it comes by e-mail unless the person chose otherwise. */
export const KIND_INFO: Record<NotificationKind, { label: string; verb: string; emailByDefault: boolean }> = {
  assigned: { label: 'Assigned to you', verb: 'assigned you', emailByDefault: true },
  returned: { label: 'Returned to you', verb: 'returned to you', emailByDefault: true },
  flagged: { label: 'Flagged to you (or to all editors)', verb: 'flagged to you', emailByDefault: false },
  mentioned: { label: 'Mentioned you', verb: 'mentioned you on', emailByDefault: true },
  commented: { label: 'Commented on a claim you follow', verb: 'commented on', emailByDefault: false },
  published: { label: 'Published a claim you worked on', verb: 'published', emailByDefault: false },
  // Readers see the check beside words the article no longer says: worth an e-mail.
  text_changed: { label: 'The article changed under a published check of yours', verb: 'changed the words under', emailByDefault: true },
  changed: { label: 'Changed a claim you work on', verb: 'changed', emailByDefault: false },
};

/**
 * When one write tells one person several things about one claim, they get the first of
 * these (a return that also reassigns is a return).
 */
const PRIORITY: NotificationKind[] = ['returned', 'assigned', 'text_changed', 'flagged', 'mentioned', 'published', 'commented', 'changed'];

/** An audit event as the after-write step hands it over (a row of `events`). */
export interface AuditEvent {
  id?: number | null;
  action: string;
  entityType: string;
  entityId: string;
  claimId: string | null;
  articleId: string | null;
  actorUserId: string | null;
  actorName: string;
  before?: unknown;
  after?: unknown;
}

/** The people around one claim, loaded by the service before the rules run. */
export interface ClaimCircle {
  assigneeId: string | null;
  /** Who raised the flag an editor just resolved or the latest flag (for "returned to you"). */
  flaggedBy: string | null;
  /** Everyone who worked on it: flagged it, proposed verdicts, added or edited sources, accepted it. */
  workers: string[];
  /** Everyone who commented on it before. */
  commenters: string[];
  /** The editors who published it (a published check is theirs too). */
  publishers: string[];
}

export interface Audience {
  /** Active editors and admins (a flag to nobody in particular goes to all of them). */
  editors: string[];
  /** Who may receive anything at all (active accounts). */
  active: ReadonlySet<string>;
}

export interface NotificationDraft {
  recipientId: string;
  kind: NotificationKind;
  claimId: string | null;
  articleId: string | null;
  commentId: string | null;
  eventId: number | null;
  actorUserId: string | null;
  actorName: string;
  excerpt: string | null;
}

/** `actorName` replaces the event's where someone else did it in substance (the article's page, not whoever refreshed it). */
type Recipients = { kind: NotificationKind; to: (string | null | undefined)[]; excerpt?: string | null; commentId?: string | null; actorName?: string };
type Rule = (e: AuditEvent, circle: ClaimCircle, audience: Audience) => Recipients[];

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The people who work on a claim: its assignee and everyone who did something to it. */
const workingOn = (c: ClaimCircle) => [c.assigneeId, ...c.workers];

/** "Changed" goes to the people who work on the claim. */
const changed: Rule = (_e, c) => [{ kind: 'changed', to: workingOn(c) }];

/** A newly set assignee is told; everyone else working on it sees a change. */
function assignment(e: AuditEvent, c: ClaimCircle): Recipients[] {
  const before = obj(e.before);
  const after = obj(e.after);
  const out: Recipients[] = [];
  const newAssignee = str(after.assigneeId);
  if ('assigneeId' in after && newAssignee && newAssignee !== str(before.assigneeId)) out.push({ kind: 'assigned', to: [newAssignee] });
  const otherChange = Object.keys(after).some((k) => k !== 'assigneeId' && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
  if (otherChange) out.push({ kind: 'changed', to: workingOn(c) });
  return out;
}

const RULES: Record<string, Rule> = {
  'claim.create': (e) => {
    const a = str(obj(e.after).assigneeId);
    return a ? [{ kind: 'assigned', to: [a] }] : [];
  },
  'claim.update': assignment,
  'claim.flag': (e, _c, audience) => {
    const after = obj(e.after);
    const editor = str(after.editorId);
    // Living's automatic flag (a published claim's words changed on the page) is nobody's.
    return [{ kind: 'flagged', to: editor ? [editor] : audience.editors, excerpt: str(after.reason), ...(after.automatic === true ? { actorName: 'The article’s page' } : {}) }];
  },
  'claim.return': (e, c) => [{ kind: 'returned', to: [c.assigneeId, c.flaggedBy], excerpt: str(obj(e.after).note) }],
  'claim.publish': (_e, c) => [{ kind: 'published', to: workingOn(c) }],
  'claim.unpublish': changed,
  'claim.dismiss': changed,
  'claim.reopen': changed,
  'verdict.propose': changed,
  'verdict.edit': changed,
  'source.add': changed,
  'source.update': changed,
  'source.remove': changed,
  // The article's page changed or removed the claim's words (issue 12: a refresh, or the Cron
  // Trigger's schedule, whose writes go through the after-write step too). Under a published
  // check readers now see a verdict beside other words: its checker and the editor who
  // published it are told as such (`after.public`, set by the revision); otherwise it is a change.
  'claim.text-change': (e, c) => {
    const after = obj(e.after);
    const change = obj(after.textChange);
    const before = str(change.before);
    const excerpt = before ? textChangeReason({ before, after: str(change.after) }) : null;
    const actorName = 'The article’s page';
    return after.public === true ? [{ kind: 'text_changed', to: [...workingOn(c), ...c.publishers], excerpt, actorName }] : [{ kind: 'changed', to: workingOn(c), excerpt, actorName }];
  },
  'comment.create': (e, c) => {
    const after = obj(e.after);
    const mentioned = ids(after.mentions);
    const excerpt = str(after.excerpt);
    return [
      { kind: 'mentioned', to: mentioned, excerpt, commentId: e.entityId },
      { kind: 'commented', to: [c.assigneeId, ...c.commenters].filter((id) => !mentioned.includes(id ?? '')), excerpt, commentId: e.entityId },
    ];
  },
  // Only people newly mentioned by an edit are told.
  'comment.update': (e) => {
    const before = ids(obj(e.before).mentions);
    return [{ kind: 'mentioned', to: ids(obj(e.after).mentions).filter((id) => !before.includes(id)), excerpt: str(obj(e.after).excerpt), commentId: e.entityId }];
  },
};

/** The audit actions that can notify anyone (the after-write step skips the rest cheaply). */
export const NOTIFYING_ACTIONS: readonly string[] = Object.keys(RULES);

const EMPTY_CIRCLE: ClaimCircle = { assigneeId: null, flaggedBy: null, workers: [], commenters: [], publishers: [] };

/**
 * The notifications that the events of one write cause. Nobody is told of their own action;
 * disabled accounts are told nothing; each person gets one notification per claim per write
 * (the most important kind, by PRIORITY).
 *
 * @example notificationsFor([returnEvent], new Map([[claimId, circle]]), audience)
 *          // → [{ recipientId: circle.assigneeId, kind: 'returned', excerpt: 'Needs a court source', … }]
 */
export function notificationsFor(events: readonly AuditEvent[], circles: ReadonlyMap<string, ClaimCircle>, audience: Audience): NotificationDraft[] {
  const best = new Map<string, NotificationDraft>();
  for (const e of events) {
    const rule = RULES[e.action];
    if (!rule) continue;
    const circle = (e.claimId && circles.get(e.claimId)) || EMPTY_CIRCLE;
    for (const r of rule(e, circle, audience)) {
      for (const to of new Set(r.to)) {
        if (!to || to === e.actorUserId || !audience.active.has(to)) continue;
        const key = `${to}\u0000${e.claimId ?? e.articleId ?? e.entityId}`;
        const existing = best.get(key);
        if (existing && PRIORITY.indexOf(existing.kind) <= PRIORITY.indexOf(r.kind)) continue;
        best.set(key, {
          recipientId: to,
          kind: r.kind,
          claimId: e.claimId,
          articleId: e.articleId,
          commentId: r.commentId ?? null,
          eventId: e.id ?? null,
          actorUserId: e.actorUserId,
          actorName: r.actorName ?? e.actorName,
          excerpt: r.excerpt ? excerptOf(r.excerpt) : null,
        });
      }
    }
  }
  return [...best.values()];
}

/** At most `max` characters of `text` on one line, cut at a word where one is near. */
export function excerptOf(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Whether a person wants this kind by e-mail: their choice if they made one, else the kind's default. */
export function wantsEmail(kind: NotificationKind, choices: ReadonlyMap<NotificationKind, boolean> | undefined): boolean {
  return choices?.get(kind) ?? KIND_INFO[kind].emailByDefault;
}
