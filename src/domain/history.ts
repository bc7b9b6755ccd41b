/**
 * A claim's history in sentences: each audit event as what a person did ("proposed a
 * verdict") and what changed, in words ("value: 12 years → 10 years", "verdict proposed:
 * Misleading"). Ids, offsets, versions and raw JSON are kept apart as `details`, for a
 * "details" disclosure: nowhere else a person reads.
 */
import { EVENT_LABELS, KIND_LABELS, SOURCE_TYPE_LABELS, STATUS_LABELS, labelOf } from './labels';
import { ratingFor } from './ratings';
import { formatPartialDate, formatValue, machineValueText } from './value-format';

export interface HistoryEventInput {
  action: string;
  entityType?: string;
  entityId?: string;
  before: unknown;
  after: unknown;
}

export interface HistoryContext {
  /** The claim's kind now: what a verdict's correct figure is read as when the event does not say. */
  kind?: string;
  /** People by id (assignees). */
  names?: Map<string, string> | Record<string, string>;
  locale?: string;
}

export interface DescribedEvent {
  /** What the person did: "proposed a verdict", "edited the claim". */
  text: string;
  /** What changed, one line each, in words: "value: 12 years → 10 years". */
  lines: string[];
  /** Ids, offsets, versions and the raw stored values: for a "details" disclosure only. */
  details: { label: string; value: string }[];
}

type Fields = Record<string, unknown>;

const obj = (v: unknown): Fields => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : {});
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const quoted = (s: string) => `“${s}”`;
const NOTHING = '—';

/** Fields that are machinery, never shown outside the details. */
const MACHINERY = new Set(['id', 'claimId', 'articleId', 'createdBy', 'createdAt', 'updatedAt', 'start', 'end', 'extractorVersion', 'publishedVerdictId', 'version', 'suggested', 'authorId', 'textChange', 'public', 'automatic']);

const FIELD_NAMES: Record<string, string> = {
  assigneeId: 'assignee',
  accessedAt: 'accessed',
  archivedUrl: 'archived copy',
  correctValue: 'correct figure',
  url: 'link',
};

function nameOf(names: HistoryContext['names'], id: string): string | undefined {
  if (!names) return undefined;
  return names instanceof Map ? names.get(id) : names[id];
}

/** One field's value in words. */
function word(key: string, v: unknown, fields: Fields, ctx: HistoryContext): string {
  if (v === null || v === undefined || v === '') return key === 'assigneeId' ? 'nobody' : NOTHING;
  switch (key) {
    case 'assigneeId':
      return typeof v === 'string' ? (nameOf(ctx.names, v) ?? 'someone no longer listed') : NOTHING;
    case 'kind':
      return labelOf(KIND_LABELS, String(v));
    case 'status':
      return labelOf(STATUS_LABELS as Record<string, string>, String(v)).toLowerCase();
    case 'rating':
      return ratingFor(String(v)).label;
    case 'type':
      return labelOf(SOURCE_TYPE_LABELS, String(v));
    case 'approximate':
      return v ? 'yes' : 'no';
    case 'bound':
      return v === 'at_least' ? 'at least' : v === 'at_most' ? 'at most' : String(v);
    case 'accessedAt':
      return formatPartialDate(String(v), ctx.locale);
    case 'quote':
    case 'summary':
    case 'note':
    case 'reason':
    case 'statement':
      return quoted(String(v));
    default:
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : machineValueText(v);
  }
}

/** The claim's figure as it reads: kind, value and its qualifiers together ("about TJS 80,000"). */
function figure(f: Fields, ctx: HistoryContext): string | null {
  if (!('value' in f)) return null;
  const kind = typeof f.kind === 'string' ? f.kind : (ctx.kind ?? '');
  return formatValue(kind, f.value, { approximate: f.approximate as boolean, bound: f.bound as string, locale: ctx.locale }) || NOTHING;
}

/** The correct figure a verdict carries. */
function correctFigure(f: Fields, ctx: HistoryContext): string | null {
  if (f.correctValue === undefined || f.correctValue === null) return null;
  return formatValue(ctx.kind ?? '', f.correctValue, { approximate: f.correctApproximate as boolean, bound: f.correctBound as string, locale: ctx.locale });
}

const FIGURE_KEYS = new Set(['value', 'approximate', 'bound']);
const CORRECT_KEYS = new Set(['correctValue', 'correctApproximate', 'correctBound']);

/** "field: before → after" for every field that changed (or "field: after" when it was new). */
function changeLines(before: Fields, after: Fields, ctx: HistoryContext, creation: boolean): string[] {
  const lines: string[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = (k: string) => !same(before[k], after[k]);
  // The figure first, as one line, in the kind it was and is.
  if (keys.some((k) => FIGURE_KEYS.has(k) && (creation || changed(k))) || (!creation && changed('kind'))) {
    const a = figure(after, ctx);
    const b = figure({ kind: before.kind ?? after.kind, ...before }, ctx);
    if (a !== null && (creation || b === null)) lines.push(`value: ${a}`);
    else if (a !== null && b !== null && a !== b) lines.push(`value: ${b} → ${a}`);
  }
  for (const k of keys) {
    if (MACHINERY.has(k) || FIGURE_KEYS.has(k) || CORRECT_KEYS.has(k) || k === 'status' || k === 'rating') continue;
    if (!creation && !changed(k)) continue;
    if (creation && (after[k] === null || after[k] === undefined || after[k] === '' || after[k] === false)) continue;
    const name = FIELD_NAMES[k] ?? k;
    if (creation || !(k in before)) lines.push(`${name}: ${word(k, after[k], after, ctx)}`);
    else if (!(k in after)) lines.push(`${name}: ${word(k, before[k], before, ctx)} → removed`);
    else lines.push(`${name}: ${word(k, before[k], before, ctx)} → ${word(k, after[k], after, ctx)}`);
  }
  if (!creation && 'status' in after && changed('status')) {
    lines.push('status' in before ? `status: ${word('status', before.status, before, ctx)} → ${word('status', after.status, after, ctx)}` : `status: ${word('status', after.status, after, ctx)}`);
  }
  return lines;
}

/** Ids, offsets and stored values of an event, for the details disclosure. */
function detailsOf(e: HistoryEventInput, before: Fields, after: Fields): DescribedEvent['details'] {
  const out: DescribedEvent['details'] = [];
  if (e.entityType && e.entityId) out.push({ label: e.entityType, value: e.entityId });
  for (const [side, f] of [['before', before], ['after', after]] as const) {
    for (const [k, v] of Object.entries(f)) {
      if (MACHINERY.has(k) || FIGURE_KEYS.has(k) || CORRECT_KEYS.has(k) || k === 'assigneeId') {
        if (v === null || v === undefined) continue;
        out.push({ label: `${k} (${side})`, value: typeof v === 'string' ? v : JSON.stringify(v) });
      }
    }
  }
  return out;
}

/**
 * One audit event of a claim, told in words.
 *
 * @example
 * describeEvent({ action: 'claim.update', before: { kind: 'sentence', value: 'P12Y' }, after: { kind: 'sentence', value: 'P10Y' } })
 * // { text: 'edited the claim', lines: ['value: 12 years → 10 years'], details: [...] }
 * describeEvent({ action: 'verdict.propose', after: { rating: 'misleading', summary: 'Court records say ten.' } })
 * // { text: 'proposed a verdict', lines: ['verdict proposed: Misleading', 'summary: “Court records say ten.”'], ... }
 */
export function describeEvent(e: HistoryEventInput, ctx: HistoryContext = {}): DescribedEvent {
  const before = obj(e.before);
  const after = obj(e.after);
  const text = EVENT_LABELS[e.action] ?? e.action.replace(/[._]/g, ' ');
  let lines: string[];
  switch (e.action) {
    case 'verdict.propose': {
      lines = [`verdict proposed: ${ratingFor(String(after.rating)).label}`];
      const correct = correctFigure(after, ctx);
      if (correct) lines.push(`correct figure: ${correct}`);
      if (after.summary) lines.push(`summary: ${quoted(String(after.summary))}`);
      break;
    }
    case 'claim.publish':
      lines = [after.rating ? `verdict published: ${ratingFor(String(after.rating)).label}` : 'verdict published'];
      if (before.status && before.status !== after.status) lines.push(`status: ${word('status', before.status, before, ctx)} → ${word('status', after.status, after, ctx)}`);
      break;
    case 'source.add':
      lines = [`source: ${quoted(String(after.title ?? after.url ?? ''))}${after.publisher ? `, ${after.publisher}` : ''}`];
      if (after.url) lines.push(`link: ${after.url}`);
      break;
    case 'source.remove':
      lines = [`source removed: ${quoted(String(before.title ?? before.url ?? ''))}`];
      break;
    case 'claim.text-change': {
      // The words readers were shown, and what the new revision of the article says instead.
      const change = obj(after.textChange);
      lines = [change.after === null || change.after === undefined ? `words: ${quoted(String(change.before ?? ''))} → no longer in the article` : `words: ${quoted(String(change.before ?? ''))} → ${quoted(String(change.after))}`];
      break;
    }
    case 'claim.create':
    case 'claim.suggest':
      lines = changeLines({}, after, ctx, true);
      break;
    default:
      lines = changeLines(before, after, ctx, false);
  }
  return { text, lines, details: detailsOf(e, before, after) };
}
