/**
 * Who may do what: roles and their rank, the permission behind every action of the API and
 * the UI, and the review workflow (which action is allowed from which status, for whom).
 * Written once, here; the route guards, the OpenAPI document, the services' checks, the
 * views' buttons and the client scripts all read it.
 *
 * @example
 * allowedActions({ status: 'flagged', suggested: false, publishedVerdictId: null }, 'editor')
 * // → ['publish', 'return', 'dismiss']
 */
import type { Actor } from './actor';
import { DomainError } from './errors';
import type { ClaimStatus, Role } from './vocabulary';

/** Role rank: an editor can do all a checker does, an admin all an editor does. */
export const ROLE_RANK: Record<Role, number> = { checker: 1, editor: 2, admin: 3 };

/** Whether `role` is `needed` or above. */
export const hasRole = (role: Role, needed: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[needed];

/**
 * What an API token may do: its own role, but never more than the person who made it may now
 * (an admin demoted to checker takes their admin tokens down with them, and back up).
 */
export function tokenActsAs(tokenRole: Role, creatorRole: Role): Role {
  return ROLE_RANK[creatorRole] < ROLE_RANK[tokenRole] ? creatorRole : tokenRole;
}

/**
 * The review workflow as one table: which role may take each action from which status.
 * `open → flagged → published`, or back to open with the editor's note; `dismissed` for
 * statements not worth checking. A public claim can be flagged again with a revised verdict
 * and stays public, with its old verdict, until an editor publishes the revision.
 * Two rules that the table cannot say are in `transitionRefusal`: only editors dismiss what
 * was flagged to them, and a public claim is unpublished, never dismissed.
 */
export const TRANSITIONS = {
  flag: { from: ['open', 'published'], role: 'checker', verb: 'flag claims to the editors' },
  publish: { from: ['flagged'], role: 'editor', verb: 'publish claims' },
  return: { from: ['flagged'], role: 'editor', verb: 'return claims to the fact-checkers' },
  dismiss: { from: ['open', 'flagged'], role: 'checker', verb: 'dismiss claims' },
  unpublish: { from: ['open', 'flagged', 'published'], role: 'editor', verb: 'unpublish claims' },
  reopen: { from: ['dismissed'], role: 'checker', verb: 'reopen dismissed claims' },
} as const satisfies Record<string, { from: readonly ClaimStatus[]; role: Role; verb: string }>;

export type WorkflowAction = keyof typeof TRANSITIONS;
export const WORKFLOW_ACTIONS = Object.keys(TRANSITIONS) as WorkflowAction[];

interface Permission {
  /** The least role that may. */
  role: Role;
  /** How a refusal names the action: "Only editors and above may <verb>". */
  verb: string;
}

const workflow = <A extends WorkflowAction>(a: A): Permission => ({ role: TRANSITIONS[a].role, verb: TRANSITIONS[a].verb });

/**
 * Every permission, named `<entity>.<verb>` like the audit events. Routes declare one in
 * their contract (the guard and the OpenAPI text come from here); pages and views ask `can`.
 */
export const PERMISSIONS = {
  'me.read': { role: 'checker', verb: 'see who you are' },
  'article.list': { role: 'checker', verb: 'list articles' },
  'article.read': { role: 'checker', verb: 'read articles' },
  'article.create': { role: 'editor', verb: 'create articles' },
  'article.update': { role: 'editor', verb: 'edit articles' },
  'article.delete': { role: 'editor', verb: 'delete articles' },
  'article.extract': { role: 'checker', verb: 'run the extractor' },
  'article.import': { role: 'checker', verb: 'import articles from their pages' },
  'article.refresh': { role: 'checker', verb: 'fetch an article\u2019s page again' },
  'claim.create': { role: 'checker', verb: 'create claims' },
  'claim.list': { role: 'checker', verb: 'list claims' },
  'claim.read': { role: 'checker', verb: 'read claims' },
  'claim.update': { role: 'checker', verb: 'edit claims' },
  'claim.history': { role: 'checker', verb: 'read claim history' },
  'claim.accept': { role: 'checker', verb: 'accept suggestions' },
  'claim.flag': workflow('flag'),
  'claim.publish': workflow('publish'),
  'claim.return': workflow('return'),
  'claim.dismiss': workflow('dismiss'),
  'claim.unpublish': workflow('unpublish'),
  'claim.reopen': workflow('reopen'),
  'source.add': { role: 'checker', verb: 'add sources' },
  'source.update': { role: 'checker', verb: 'edit sources' },
  'source.remove': { role: 'checker', verb: 'remove sources' },
  'verdict.propose': { role: 'checker', verb: 'propose verdicts' },
  'queue.read': { role: 'editor', verb: 'read the editors\u2019 queue' },
  // The dashboard (issue 17): everyone signed in sees their own part, editors the whole desk.
  'dashboard.read': { role: 'checker', verb: 'see the dashboard' },
  'dashboard.desk': { role: 'editor', verb: 'see the whole desk and reader reach on the dashboard' },
  'user.list': { role: 'checker', verb: 'list accounts' },
  'user.create': { role: 'admin', verb: 'create accounts' },
  'user.update': { role: 'admin', verb: 'change accounts' },
  'token.list': { role: 'admin', verb: 'list API tokens' },
  'token.create': { role: 'admin', verb: 'create API tokens' },
  'token.revoke': { role: 'admin', verb: 'revoke API tokens' },
  'extract.run': { role: 'checker', verb: 'use the extractor' },
  // Connections (issue 16): exports for everyone who reads claims; webhooks for admins.
  'claim.export': { role: 'checker', verb: 'export claims' },
  'article.history': { role: 'checker', verb: 'export audit trails' },
  'webhook.list': { role: 'admin', verb: 'list webhooks' },
  'webhook.read': { role: 'admin', verb: 'read webhooks and their deliveries' },
  'webhook.create': { role: 'admin', verb: 'register webhooks' },
  'webhook.update': { role: 'admin', verb: 'change webhooks' },
  'webhook.delete': { role: 'admin', verb: 'remove webhooks' },
  'webhook.redeliver': { role: 'admin', verb: 'redeliver webhooks' },
  'value.read': { role: 'checker', verb: 'read values typed in words' },
  'settings.read': { role: 'checker', verb: 'read the newsroom\u2019s settings' },
  'settings.update': { role: 'admin', verb: 'change the newsroom\u2019s settings' },
  // The desk (issue 11): discussion, notifications, My work, bulk actions.
  'comment.list': { role: 'checker', verb: 'read the discussion of claims' },
  'comment.create': { role: 'checker', verb: 'comment on claims' },
  // Editing and deleting are further limited to the comment's author (discussion.ts).
  'comment.update': { role: 'checker', verb: 'edit comments' },
  'comment.delete': { role: 'checker', verb: 'delete comments' },
  'comment.moderate': { role: 'admin', verb: 'delete other people\u2019s comments' },
  'notification.read': { role: 'checker', verb: 'read notifications' },
  'notification.update': { role: 'checker', verb: 'mark notifications read and choose e-mails' },
  'work.read': { role: 'checker', verb: 'see what is waiting for you' },
  // Each bulk action also needs the permission of its single form (bulk.ts).
  'claim.bulk': { role: 'checker', verb: 'act on many claims at once' },
  'outbox.read': { role: 'checker', verb: 'read the local e-mail outbox' },
} as const satisfies Record<string, Permission>;

export type PermissionName = keyof typeof PERMISSIONS;

/** Whether a role has a permission. */
export const can = (role: Role, permission: PermissionName): boolean => hasRole(role, PERMISSIONS[permission].role);

/** "Only editors and above may publish claims; you are signed in as checker." */
export function forbiddenRole(needed: Role, verb: string, actual: Role): DomainError {
  return new DomainError('forbidden-role', `Only ${needed}s${needed === 'admin' ? '' : ' and above'} may ${verb}; you are signed in as ${actual}.`);
}

/** Throws `forbidden-role` unless the actor has at least `role`. */
export function assertRole(actor: Pick<Actor, 'role'>, role: Role, verb: string): void {
  if (!hasRole(actor.role, role)) throw forbiddenRole(role, verb, actor.role);
}

/** Throws `forbidden-role` unless the actor has the permission. */
export function assertPermission(actor: Pick<Actor, 'role'>, permission: PermissionName): void {
  const p: Permission = PERMISSIONS[permission];
  assertRole(actor, p.role, p.verb);
}

/** What the policy needs to know of a claim (a row, its API form and the views' read models all have it). */
export interface PolicyClaim {
  status: ClaimStatus | string;
  suggested: boolean;
  /** Set while readers see the claim. */
  publishedVerdictId: string | null;
}

export const isPublic = (claim: Pick<PolicyClaim, 'publishedVerdictId'>): boolean => claim.publishedVerdictId !== null && claim.publishedVerdictId !== undefined;

/** Why an action is refused: a role too low (403) or a state that does not allow it (409). */
export type Refusal = { kind: 'role'; role: Role; verb: string } | { kind: 'state'; why: string };

/** Null when `role` may take `action` on `claim` now; else why not, in the order the API reports it. */
export function transitionRefusal(action: WorkflowAction, claim: PolicyClaim, role: Role): Refusal | null {
  const rule = TRANSITIONS[action];
  if (!hasRole(role, rule.role)) return { kind: 'role', role: rule.role, verb: rule.verb };
  if (!(rule.from as readonly string[]).includes(claim.status)) return { kind: 'state', why: `it is ${claim.status}; ${action} is allowed from ${rule.from.join(' or ')}.` };
  // Editors settle what was flagged to them; a checker may only drop a claim nobody has raised.
  if (action === 'dismiss' && claim.status === 'flagged' && !hasRole(role, 'editor')) return { kind: 'role', role: 'editor', verb: 'dismiss flagged claims' };
  if (action === 'dismiss' && isPublic(claim)) return { kind: 'state', why: 'it is public; unpublish it first.' };
  if (action === 'unpublish' && !isPublic(claim)) return { kind: 'state', why: 'it is not public.' };
  return null;
}

/** Throws the refusal as a domain error (`forbidden-role` or `transition-not-allowed`). */
export function assertTransition(action: WorkflowAction, claim: PolicyClaim, actor: Pick<Actor, 'role'>): void {
  const refusal = transitionRefusal(action, claim, actor.role);
  if (!refusal) return;
  if (refusal.kind === 'role') throw forbiddenRole(refusal.role, refusal.verb, actor.role);
  throw transitionRefused(action, claim, refusal.why);
}

/** 409: the claim's state does not allow the action. The claim's status goes in `claimStatus`. */
export function transitionRefused(action: WorkflowAction, claim: Pick<PolicyClaim, 'status'>, why: string): DomainError {
  return new DomainError('transition-not-allowed', `Cannot ${action} this claim: ${why}`, { extensions: { action, claimStatus: claim.status } });
}

/** Actions on one claim that are not workflow transitions but still depend on its state. */
export type ClaimAction = WorkflowAction | 'accept';

/**
 * The actions `role` may take on `claim` now: the workflow transitions the policy allows,
 * and `accept` while the claim is a pending machine suggestion. Views render these buttons
 * and no others; the services refuse the rest with the same rules.
 */
export function allowedActions(claim: PolicyClaim, role: Role): ClaimAction[] {
  const out: ClaimAction[] = [];
  if (claim.suggested && can(role, 'claim.accept')) out.push('accept');
  for (const action of WORKFLOW_ACTIONS) if (!transitionRefusal(action, claim, role)) out.push(action);
  return out;
}

export { STATUS_FILTERS, displayStatus, isStatusFilter, type DisplayStatus } from './status';
