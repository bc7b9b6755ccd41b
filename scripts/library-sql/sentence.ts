/** The SQL twin of `claimSentence` (src/domain/sentence.ts). */
import { SENTENCE_MARK, SENTENCE_REPLACEMENTS, SENTENCE_WINDOW } from '../../src/domain/sentence.ts';
import { sqlString } from './strings.ts';

function marked(expr: string): string {
  let out = expr;
  for (const [from, to] of SENTENCE_REPLACEMENTS) out = `replace(${out}, ${sqlString(from)}, ${sqlString(to)})`;
  return out;
}

/** An SQL expression for the sentence of the quote at code points [start, end) of text. */
export function claimSentenceSql(e: { text: string; start: string; end: string; quote: string }): string {
  const mark = sqlString(SENTENCE_MARK);
  const windowStart = `max(0, ${e.start} - ${SENTENCE_WINDOW})`;
  const before = `substr(${e.text}, ${windowStart} + 1, ${e.start} - ${windowStart})`;
  const after = `substr(${e.text}, ${e.end} + 1, ${SENTENCE_WINDOW})`;
  const mb = marked(before);
  // Position of the last mark: rtrim strips every trailing character that is not the mark.
  const lastMark = `length(rtrim(${mb}, replace(${mb}, ${mark}, '')))`;
  const firstMark = `instr(${marked(after)}, ${mark})`;
  const head = `substr(${before}, ${lastMark} + 1)`;
  const tail = `substr(${after}, 1, CASE ${firstMark} WHEN 0 THEN ${SENTENCE_WINDOW} ELSE ${firstMark} - 1 END)`;
  return `trim(${head} || ${e.quote} || ${tail}, ' ')`;
}
