/**
 * What a person types in a search box, read into a query the FTS5 index can run — never
 * passed to SQLite as it was typed, so no input reaches FTS5's own syntax (columns, NEAR,
 * carets) and a malformed query is a sentence for the person, not a database error.
 *
 * The language: words (all of them must occur), `"a phrase"`, `prefix*` (two letters at
 * least), `-word` or `NOT word` (must not occur), `a OR b`. Case and accents do not matter
 * ("Mirsaidov" finds "MIRSAIDOV", "Ä" finds "a"). Figures are words too: "80,000" finds
 * "80,000" and "80 000". Text in scripts written without spaces (Chinese, Japanese, Thai…)
 * is searched as substrings (see search-text.ts).
 */
import { SPACELESS } from './search-text';

export interface SearchTerm {
  /** The words, as typed (a phrase keeps its spaces). */
  text: string;
  /** `word*`: any word that begins so. */
  prefix: boolean;
}

export interface SearchQuery {
  /** All of these groups must match; a group matches when any of its terms does (`a OR b`). */
  groups: SearchTerm[][];
  /** None of these may match. */
  exclude: SearchTerm[];
  /** The query has text in a script written without spaces: search the trigram index. */
  spaceless: boolean;
}

export type ParsedSearch = { ok: true; query: SearchQuery } | { ok: false; message: string };

export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_MAX_TERMS = 32;
/** Shortest prefix: one letter would read a large part of the index. */
export const PREFIX_MIN_LENGTH = 2;

const QUOTES = /["“”„«»]/;
const HAS_WORD = /[\p{L}\p{N}]/u;
const codePoints = (s: string) => Array.from(s).length;

interface Token {
  text: string;
  quoted: boolean;
}

function tokenize(input: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  const chars = Array.from(input);
  while (i < chars.length) {
    const c = chars[i];
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    // A leading minus stays with its token ("-word", -"a phrase").
    let lead = '';
    if (c === '-' && i + 1 < chars.length && !/\s/u.test(chars[i + 1])) {
      lead = '-';
      i++;
    }
    if (QUOTES.test(chars[i])) {
      const close = chars.findIndex((x, j) => j > i && QUOTES.test(x));
      if (close < 0) return 'has a quotation mark that is not closed';
      // A star right after the closing mark makes the phrase's last word a prefix.
      const star = chars[close + 1] === '*';
      out.push({ text: `${lead}${chars.slice(i + 1, close).join('')}${star ? '*' : ''}`, quoted: true });
      i = close + (star ? 2 : 1);
      continue;
    }
    let j = i;
    while (j < chars.length && !/\s/u.test(chars[j]) && !QUOTES.test(chars[j])) j++;
    out.push({ text: lead + chars.slice(i, j).join(''), quoted: false });
    i = j;
  }
  return out;
}

/**
 * Reads a search as typed. A query that cannot mean anything is refused with a sentence
 * saying why (the API answers 422 naming `q`).
 *
 * @example parseSearch('Mirsaid* "80,000 somoni" -bail') // → ok: groups [[Mirsaid*], ["80,000 somoni"]], exclude [bail]
 */
export function parseSearch(input: string): ParsedSearch {
  const raw = input.normalize('NFC').trim();
  if (!raw) return { ok: false, message: 'is empty: type a word to search for' };
  if (codePoints(raw) > SEARCH_MAX_LENGTH) return { ok: false, message: `is longer than ${SEARCH_MAX_LENGTH} characters` };
  const tokens = tokenize(raw);
  if (typeof tokens === 'string') return { ok: false, message: tokens };
  const groups: SearchTerm[][] = [];
  const exclude: SearchTerm[] = [];
  let pendingOr = false;
  let pendingNot = false;
  let dropped = 0;
  for (const [n, t] of tokens.entries()) {
    if (!t.quoted && t.text === 'OR') {
      if (groups.length === 0 || pendingOr || n === tokens.length - 1) return { ok: false, message: 'needs a word on each side of OR' };
      pendingOr = true;
      continue;
    }
    if (!t.quoted && t.text === 'AND') continue;
    if (!t.quoted && t.text === 'NOT') {
      if (n === tokens.length - 1) return { ok: false, message: 'needs a word after NOT' };
      pendingNot = true;
      continue;
    }
    let text = t.text;
    const negative = pendingNot || text.startsWith('-');
    pendingNot = false;
    if (text.startsWith('-')) text = text.slice(1);
    const prefix = text.endsWith('*');
    text = text.replace(/\*+$/, '').replace(/\*/g, ' ').trim();
    if (!HAS_WORD.test(text)) {
      dropped++;
      if (pendingOr) return { ok: false, message: 'needs a word on each side of OR' };
      continue;
    }
    if (prefix) {
      const lastWord = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).pop() ?? '';
      if (codePoints(lastWord) < PREFIX_MIN_LENGTH) return { ok: false, message: `needs at least ${PREFIX_MIN_LENGTH} letters before a *` };
    }
    const term = { text, prefix };
    if (negative) {
      if (pendingOr) return { ok: false, message: 'cannot join a left-out word with OR' };
      exclude.push(term);
    } else if (pendingOr) {
      groups[groups.length - 1].push(term);
      pendingOr = false;
    } else groups.push([term]);
  }
  if (groups.length === 0) {
    return { ok: false, message: exclude.length ? 'needs at least one word to find, not only words to leave out' : dropped ? 'has no letters or digits to search for' : 'is empty: type a word to search for' };
  }
  if (groups.flat().length + exclude.length > SEARCH_MAX_TERMS) return { ok: false, message: `has more than ${SEARCH_MAX_TERMS} words` };
  const spaceless = [...groups.flat(), ...exclude].some((t) => SPACELESS.test(t.text));
  return { ok: true, query: { groups, exclude, spaceless } };
}

/** A term as an FTS5 string: always quoted (FTS5 then reads it as words, never as syntax). */
function ftsString(t: SearchTerm, trigram: boolean): string {
  return `"${t.text.replace(/"/g, '""')}"${t.prefix && !trigram ? '*' : ''}`;
}

/** The FTS5 MATCH expression for the word index (unicode61). */
export function wordMatch(q: SearchQuery): string {
  const groups = q.groups.map((g) => (g.length === 1 ? ftsString(g[0], false) : `(${g.map((t) => ftsString(t, false)).join(' OR ')})`));
  const positive = groups.length === 1 ? groups[0] : `(${groups.join(' AND ')})`;
  if (!q.exclude.length) return positive;
  return `${positive} NOT (${q.exclude.map((t) => ftsString(t, false)).join(' OR ')})`;
}

/**
 * The query for the trigram index: terms of three characters or more go into a MATCH
 * expression (substrings); shorter ones ("北京") are LIKE patterns the caller applies, since
 * a trigram index cannot find fewer than three characters.
 */
export function trigramMatch(q: SearchQuery): { match: string | null; likes: string[][]; excludeLikes: string[] } {
  const long = (t: SearchTerm) => codePoints(t.text) >= 3;
  const matchGroups: string[] = [];
  const likes: string[][] = [];
  for (const g of q.groups) {
    if (g.every(long)) matchGroups.push(g.length === 1 ? ftsString(g[0], true) : `(${g.map((t) => ftsString(t, true)).join(' OR ')})`);
    else likes.push(g.map((t) => t.text));
  }
  const longExcludes = q.exclude.filter(long);
  let match = matchGroups.length ? (matchGroups.length === 1 ? matchGroups[0] : `(${matchGroups.join(' AND ')})`) : null;
  if (match && longExcludes.length) match = `${match} NOT (${longExcludes.map((t) => ftsString(t, true)).join(' OR ')})`;
  const excludeLikes = q.exclude.filter((t) => !long(t) || !match).map((t) => t.text);
  return { match, likes, excludeLikes };
}

/** A LIKE pattern that finds `text` anywhere, with % and _ escaped (ESCAPE '\'). */
export function likeAnywhere(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The words of a query, for highlighting where the index cannot (LIKE matches). */
export function queryWords(q: SearchQuery): string[] {
  return q.groups.flat().map((t) => t.text);
}
