/**
 * How the UI names the vocabulary: statuses, kinds, source types, audit actions, and the
 * phrases the server renders and the page scripts update. Server views and client scripts
 * import them from here, so a page and its script never disagree. (Rating labels are in
 * `./ratings`, with the rest of the scale.)
 */
import type { ClaimAction } from './policy';
import type { DisplayStatus } from './status';
import type { ClaimKind, SourceType } from './vocabulary';

export const STATUS_LABELS: Record<DisplayStatus, string> = { open: 'Open', returned: 'Returned', flagged: 'Flagged', published: 'Published', dismissed: 'Dismissed', suggested: 'Suggested' };

/** How the UI names each kind of claim (server views and page scripts alike). */
export const KIND_LABELS: Record<ClaimKind, string> = { sentence: 'Prison sentence', money: 'Money', count: 'Count', date: 'Date', duration: 'Duration', age: 'Age', fraction: 'Fraction' };

export const SOURCE_TYPE_LABELS: Record<SourceType, string> = { court: 'Court record', official: 'Official', ngo: 'NGO', news: 'News', interview: 'Interview', other: 'Other' };

/** A label for a value of an open vocabulary: the known label, else the value itself. */
export const labelOf = (labels: Record<string, string>, value: string): string => labels[value] ?? value;

/** An audit event's action as the claim's history tells it ("Ana published it"). */
export const EVENT_LABELS: Record<string, string> = {
  'claim.create': 'created the claim',
  'claim.suggest': 'suggested the claim (extractor)',
  'claim.update': 'edited the claim',
  'claim.accept': 'accepted the suggestion',
  'claim.flag': 'flagged it to the editors',
  'claim.publish': 'published it',
  'claim.return': 'returned it to the fact-checkers',
  'claim.dismiss': 'dismissed it',
  'claim.unpublish': 'unpublished it',
  'claim.reopen': 'reopened it',
  'source.add': 'added a source',
  'source.update': 'edited a source',
  'source.remove': 'removed a source',
  'verdict.propose': 'proposed a verdict',
  'claim.text-change': 'found its words changed in the article',
  'verdict.edit': 'edited the proposed verdict’s wording before publishing',
  'comment.create': 'commented',
  'comment.update': 'edited a comment',
  'comment.delete': 'deleted a comment',
};

/** What a page says once a claim action has gone through (claim page and queue alike). */
export const ACTION_DONE: Record<ClaimAction, string> = {
  accept: 'Suggestion accepted.',
  flag: 'Flagged to the editors.',
  publish: 'Published: readers see it now.',
  return: 'Returned to the fact-checkers.',
  dismiss: 'Claim dismissed.',
  unpublish: 'Unpublished.',
  reopen: 'Claim reopened.',
};

/** The article page's line about pending suggestions (rendered, then updated by its script). */
export const suggestionsLine = (n: number) => `${n} machine suggestion${n === 1 ? '' : 's'} to accept or dismiss.`;
