/** The SQL twin of `claimSentence` (src/domain/sentence.ts). */
import { SENTENCE_MARK, SENTENCE_REPLACEMENTS, SENTENCE_WINDOW } from '../../src/domain/sentence.ts';
import { sqlString } from './strings.ts';

function marked(expr: string): string {
  let out = expr;
  for (const [from, to] of SENTENCE_REPLACEMENTS) out = `replace(${out}, ${sqlString(from)}, ${sqlString(to)})`;
  return out;
}

/** The windows of text around a quote at code points [start, end) of text (SQL expressions). */
export function sentenceWindows(e: { text: string; start: string; end: string }) {
  const windowStart = `max(0, ${e.start} - ${SENTENCE_WINDOW})`;
  return {
    before: `substr(${e.text}, ${windowStart} + 1, ${e.start} - ${windowStart})`,
    after: `substr(${e.text}, ${e.end} + 1, ${SENTENCE_WINDOW})`,
  };
}

/** The marked copy of a window (see SENTENCE_REPLACEMENTS), as an SQL expression. */
export const markedSql = marked;

/**
 * An SQL expression for the sentence of a quote from the windows of text before and after it
 * (`before`, `after`) and, when already computed, their marked copies (`markedBefore`,
 * `markedAfter`; each is otherwise computed where it is used).
 */
export function claimSentenceSql(e: { before: string; after: string; quote: string; markedBefore?: string; markedAfter?: string }): string {
  const mark = sqlString(SENTENCE_MARK);
  const mb = e.markedBefore ?? marked(e.before);
  // Position of the last mark: rtrim strips every trailing character that is not the mark.
  const lastMark = `length(rtrim(${mb}, replace(${mb}, ${mark}, '')))`;
  const firstMark = `instr(${e.markedAfter ?? marked(e.after)}, ${mark})`;
  const head = `substr(${e.before}, ${lastMark} + 1)`;
  const tail = `substr(${e.after}, 1, CASE ${firstMark} WHEN 0 THEN ${SENTENCE_WINDOW} ELSE ${firstMark} - 1 END)`;
  return `trim(${head} || ${e.quote} || ${tail}, ' ')`;
}
