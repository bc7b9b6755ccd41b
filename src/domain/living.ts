/**
 * The living article's nouns: revisions of an article's text, the checks of its page, and a
 * claim's `textChange`, with the rules about them that are not HTTP's or the database's.
 */
import { isPublic, transitionRefusal, type PolicyClaim } from './policy';

/** What stored a revision: pasted text, an import by URL, a refresh someone asked for, the schedule. */
export const REVISION_TRIGGERS = ['paste', 'import', 'refresh', 'schedule'] as const;
export type RevisionTrigger = (typeof REVISION_TRIGGERS)[number];

/** What the last check of an article's page found. */
export const CHECK_RESULTS = ['changed', 'unchanged', 'not-modified', 'failed'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/**
 * Set on a claim when a new revision of its article changed its words (`after`: the new
 * words) or removed them (`after` null). Cleared when an editor publishes the claim again,
 * edits it or withdraws it.
 */
export interface TextChange {
  detectedAt: string;
  revisionId: string;
  before: string;
  after: string | null;
}

/** The story text an import needs at least (characters): less is a teaser, a login wall or an app shell. */
export const MIN_STORY_CHARS = 280;

/**
 * Whether readers are told that the article changed since a claim was checked: the claim is
 * public and its text changed after the verdict they see was published.
 */
export function readersSeeTextChange(claim: { textChange: TextChange | null; publishedAt: string | null; publishedVerdictId: string | null }): boolean {
  return !!claim.textChange && !!claim.publishedVerdictId && (!claim.publishedAt || claim.textChange.detectedAt > claim.publishedAt);
}

/** The notice readers see beside the verdict, with the day the change was found. */
export function textChangeNotice(change: TextChange, locale = 'en-GB'): string {
  const day = new Date(change.detectedAt).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `The article has changed since this check (${day}).`;
}

/**
 * Whether a change to a claim's words goes to the editors as a flag: when readers see the
 * claim (it is public) and the workflow lets it be flagged now (a claim already flagged is in
 * the editors' queue: its text change is shown there instead).
 */
export function textChangeFlagsEditors(claim: PolicyClaim): boolean {
  return isPublic(claim) && transitionRefusal('flag', claim, 'editor') === null;
}

/** The flag's reason, in words: what the page says now. */
export function textChangeReason(change: Pick<TextChange, 'before' | 'after'>): string {
  return change.after === null ? `The article changed: \u201c${change.before}\u201d is no longer in it.` : `The article changed: \u201c${change.before}\u201d now reads \u201c${change.after}\u201d.`;
}
