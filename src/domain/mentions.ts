/**
 * `@Name` mentions in comments, as pure text functions shared by the comment box (autocomplete
 * in the browser) and the views (mentions shown as names). The API itself takes the mentioned
 * user ids; the text only shows them.
 */

export interface Mentionable {
  id: string;
  name: string;
}

/** What is being typed after an `@` just before the caret: where the `@` is and the words after it. */
export interface MentionQuery {
  /** Index of the `@` in the text (UTF-16, as textarea.selectionStart counts). */
  at: number;
  query: string;
}

const MAX_QUERY = 40;

/**
 * The mention being typed at `caret`, if any: an `@` at the start or after a space or an
 * opening bracket, then at most 40 characters without a line break (names have spaces).
 *
 * @example mentionQueryAt('Thanks @edd', 11) // → { at: 7, query: 'edd' }
 */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(Math.max(0, caret - MAX_QUERY - 1), caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const abs = caret - before.length + at;
  const prev = abs > 0 ? text[abs - 1] : ' ';
  if (!/[\s([{"'“‘]/.test(prev)) return null; // an e-mail address, not a mention
  const query = text.slice(abs + 1, caret);
  if (/[\n\r@]/.test(query) || /^\s/.test(query)) return null;
  return { at: abs, query };
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * People whose name matches what was typed: the whole name or one of its words starts with
 * it (accents and case ignored); whole-name matches first, then by name.
 */
export function matchPeople<T extends Mentionable>(query: string, people: readonly T[], limit = 8): T[] {
  const q = fold(query.trim());
  const scored = people
    .map((p) => {
      const name = fold(p.name);
      const score = name.startsWith(q) ? 0 : name.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : -1;
      return { p, score };
    })
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score || a.p.name.localeCompare(b.p.name));
  return scored.slice(0, limit).map((x) => x.p);
}

/** Replaces the query at `q` (up to `caret`) with `@Name ` and says where the caret goes. */
export function insertMention(text: string, q: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, q.at) + inserted + after, caret: q.at + inserted.length };
}

/** True when `@Name` at `index` stands alone: at a boundary on both sides. */
function standsAlone(body: string, index: number, length: number): boolean {
  const prev = index > 0 ? body[index - 1] : ' ';
  const next = body[index + length] ?? ' ';
  return /[\s([{"'“‘]/.test(prev) && !/[\p{L}\p{N}_]/u.test(next);
}

/** Where each chosen person's `@Name` occurs in the body (longest names first, no overlaps). */
function occurrences(body: string, people: readonly Mentionable[]): { start: number; end: number; id: string }[] {
  const found: { start: number; end: number; id: string }[] = [];
  const lower = body.toLowerCase();
  for (const p of [...people].sort((a, b) => b.name.length - a.name.length)) {
    const needle = `@${p.name}`.toLowerCase();
    for (let i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      if (!standsAlone(body, i, needle.length)) continue;
      if (found.some((f) => i < f.end && end > f.start)) continue;
      found.push({ start: i, end, id: p.id });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The ids of the people (from those picked in the autocomplete) whose `@Name` is still in the
 * body when it is sent: deleting the name drops the mention.
 */
export function mentionedIn(body: string, picked: readonly Mentionable[]): string[] {
  return [...new Set(occurrences(body, picked).map((o) => o.id))];
}

export type MentionSegment = { text: string; mention?: string };

/**
 * The body cut into text and mentions of the given people, for showing mentions as names
 * (escaped by the view like any text).
 */
export function splitMentions(body: string, people: readonly Mentionable[]): MentionSegment[] {
  const out: MentionSegment[] = [];
  let pos = 0;
  for (const o of occurrences(body, people)) {
    if (o.start > pos) out.push({ text: body.slice(pos, o.start) });
    out.push({ text: body.slice(o.start, o.end), mention: o.id });
    pos = o.end;
  }
  if (pos < body.length) out.push({ text: body.slice(pos) });
  return out;
}
