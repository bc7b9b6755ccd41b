// Sentence and clause context around a match. Dates without a year are
// resolved by the tense of the words around them ("was freed on August 22"
// looks back from publication, "will be pardoned in November" looks ahead),
// and prison terms are told from other spans of time by the words before
// them. Both only need the local sentence, found by scanning outwards a
// bounded distance so the cost does not grow with the size of the text.

import { isSentenceEnd } from '../domain/statement';

const MAX_SCAN = 600;

/** [start, end) of the sentence that contains position `pos` (UTF-16). */
export function sentenceAt(text: string, pos: number): [number, number] {
  let s = pos;
  const minS = Math.max(0, pos - MAX_SCAN);
  while (s > minS && !isSentenceEnd(text, s - 1)) s--;
  let e = pos;
  const maxE = Math.min(text.length, pos + MAX_SCAN);
  while (e < maxE && !isSentenceEnd(text, e)) e++;
  return [s, Math.min(text.length, e + 1)];
}

const CLAUSE_BREAK = /[,;:—–()“”"]|\s(?:that|but|while|whereas|although|because|after|before|when|where|which|who)\s/g;

/** [start, end) of the clause (comma/dash/conjunction delimited) around [s, e). */
export function clauseAt(text: string, s: number, e: number): [number, number] {
  const [ss, se] = sentenceAt(text, s);
  const before = text.slice(ss, s);
  let cs = ss;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) cs = ss + m.index + m[0].length;
  const after = text.slice(e, se);
  CLAUSE_BREAK.lastIndex = 0;
  const m = CLAUSE_BREAK.exec(after);
  const ce = m ? e + m.index : se;
  return [cs, ce];
}

export type Tense = 'past' | 'future' | 'unknown';

// Markers of an event still to come: modal future, plans, schedules.
const FUTURE =
  /\b(?:will|won['’]t|shall|would|(?:is|are|was|were)\s+(?:to|set\s+to|due\s+to|expected\s+to|scheduled\s+to|slated\s+to|going\s+to|poised\s+to|likely\s+to)|plans?\s+to|planning(?:\s+to)?|planned|prepar(?:e|es|ing)\s+to|intends?\s+to|scheduled|expected\s+to|due\s+to\s+(?!the)|set\s+to|upcoming|forthcoming|(?:the\s+)?coming\s+(?:days|weeks|months|years?|season)|next|to\s+be\s+held|is\s+to|are\s+to|will\s+be|announced\s+(?:a|an|the)?\s*(?:plan|date)|aims?\s+to|hopes?\s+to|promised\s+to|vowed\s+to|pledged\s+to|(?:postponed|adjourned|delayed|deferred|rescheduled|put\s+off|pushed\s+back|moved|extended)\s+(?:until|till|to)|deadline)\b/gi;
// Markers of a past event: past-tense auxiliaries and -ed verbs, common irregular pasts.
const PAST =
  /\b(?:was|were|had|did|said|told|ago|last|earlier|former|previously|since|ha(?:s|ve)\s+been|went|came|began|took|gave|made|saw|held|won|lost|met|left|got|sent|fell|rose|became|brought|found|paid|spent|wrote|spoke|ran|stood|fled|sought|knew|thought|kept|led|heard|felt|drew|grew|built|bought|sold|caught|taught|struck|broke|chose|wore|threw|[a-z]{2,}ed)\b/gi;

// Present tense in the date's own clause ("takes effect on July 1", "can comment
// until August 15", "the office opens on Monday") describes an arrangement
// still to come; reports of past events use past verbs.
const PRESENT =
  /\b(?:is|are|can|must|may|takes?|begins?|starts?|(?:re)?opens?|closes?|ends?|runs?|expires?|lasts?|comes?\s+into|goes|remains?|applies|apply|holds?|meets?|launch(?:es)?|resumes?|returns?|arrives?|debuts?|premieres?|kicks?\s+off|convenes?|votes?|rules?|sits?|hosts?|visits?|heads?)\b/gi;

// Attribution verbs say when something was reported, not when it happens:
// "the appeal will be heard in the autumn, a spokesperson said".
const REPORTING = /^(?:said|told|added|noted|stated|explained|wrote|argued|claimed|insisted|reported|asked|replied|confirmed|warned|announced)$/i;

function lastMatchDistance(re: RegExp, s: string, fromEnd: boolean, countReporting = false): number {
  re.lastIndex = 0;
  let best = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (!countReporting && REPORTING.test(m[0])) continue;
    // "will be heard", "is to be held": a participle in a future construction.
    if (re === PAST && /\b(?:will|would|shall|to|'ll|’ll)\s+(?:be|have\s+been|have)\s+(?:\w+\s+)?$/i.test(s.slice(Math.max(0, m.index - 24), m.index))) continue;
    const d = fromEnd ? s.length - (m.index + m[0].length) : m.index;
    if (best < 0 || d < best) best = d;
  }
  return best;
}

/**
 * The tense governing a date at [s, e): the clause's own future marker wins,
 * then its past marker; failing both, the nearest marker in the sentence.
 * `countReporting`: let "said"/"told" count as past at sentence level — right
 * for weekdays, which news writes mostly as the day something was said
 * ("Speaking on Thursday, the minister said prices would fall").
 */
export function tenseAt(text: string, s: number, e: number, countReporting = false): Tense {
  const [cs, ce] = clauseAt(text, s, e);
  const clause = text.slice(cs, s) + ' ' + text.slice(e, ce);
  FUTURE.lastIndex = 0;
  if (FUTURE.test(clause)) return 'future';
  PAST.lastIndex = 0;
  if (PAST.test(clause)) return 'past';
  PRESENT.lastIndex = 0;
  if (PRESENT.test(clause)) return 'future';
  const [ss, se] = sentenceAt(text, s);
  const before = text.slice(ss, s);
  const after = text.slice(e, se);
  const fb = lastMatchDistance(FUTURE, before, true);
  const fa = lastMatchDistance(FUTURE, after, false);
  const pb = lastMatchDistance(PAST, before, true, countReporting);
  const pa = lastMatchDistance(PAST, after, false, countReporting);
  const f = Math.min(fb < 0 ? Infinity : fb, fa < 0 ? Infinity : fa);
  const p = Math.min(pb < 0 ? Infinity : pb, pa < 0 ? Infinity : pa);
  if (f === Infinity && p === Infinity) return 'unknown';
  return f < p ? 'future' : 'past';
}
