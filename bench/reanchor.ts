/**
 * Re-anchoring benchmark (`npx tsx bench/reanchor.ts`): 300 claims of a ~200 KB article
 * placed again in a new revision of it — typo fixes spread through the text, 10 figures
 * corrected, a paragraph removed near the top (every later claim moves) and two paragraphs
 * added — with `reanchor()` (src/domain/reanchor.ts), the code the Worker runs on refresh.
 * Prints the median and p95 of 41 runs after 5 warm-ups, and what it decided.
 */
import { anchorAt, codePointLength } from '../src/domain/text';
import { reanchor, type PlacedClaim } from '../src/domain/reanchor';

const CLAIMS = 300;
const RUNS = 41;

// ~200 KB: 300 paragraphs with one claim each, plus filler paragraphs between them.
const filler = (i: number) =>
  `Officials in the district said on Tuesday that the review, which began in the spring of that year, would look at every contract signed since the council was formed, and at the minutes of ${i % 7 === 0 ? 'each' : 'every'} meeting where money was discussed, including the closed sessions that residents had asked to see for a long time. Several members of the public spoke at the hearing, and the council promised to publish its findings before the end of the year, together with the auditors' letters and the replies of the companies concerned, and to hold a second hearing.`;
const paras: string[] = [];
for (let i = 0; i < CLAIMS; i++) {
  paras.push(`Case ${i + 1}: the regional court fined the company ${10_000 + i * 37} somoni for breaking the rules on procurement, its spokesman said.`);
  paras.push(filler(i));
}
const before = paras.join('\n\n');

const claims: PlacedClaim[] = [];
for (let i = 0; i < CLAIMS; i++) {
  const quote = `${10_000 + i * 37} somoni`;
  const at = before.indexOf(`fined the company ${quote}`) + 'fined the company '.length;
  const start = codePointLength(before.slice(0, at));
  claims.push({ id: `c${i}`, ...anchorAt(before, start, start + codePointLength(quote)) });
}

// The new revision.
const next = [...paras];
next.splice(2, 2); // a paragraph (with its claim) removed near the top: every later claim moves
next.splice(100, 0, 'Editor\u2019s note: this story was updated to correct the amounts in two cases.');
next.splice(400, 0, 'A spokesman for the court said the rulings could be appealed within 30 days.');
for (let i = 20; i < CLAIMS; i += 29) {
  const k = next.findIndex((p) => p.startsWith(`Case ${i + 1}:`));
  if (k >= 0) next[k] = next[k].replace(/(\d+) somoni/, (_, n) => `${Number(n) + 1000} somoni`); // a corrected figure
}
for (let k = 1; k < next.length; k += 9) next[k] = next[k].replace('contract', 'contracts'); // typo fixes
const after = next.join('\n\n');

const times: number[] = [];
let last: ReturnType<typeof reanchor> = [];
for (let r = 0; r < RUNS + 5; r++) {
  const t0 = performance.now();
  last = reanchor(after, claims);
  if (r >= 5) times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const count = (k: string) => last.filter((p) => p.kind === k).length;
console.log(`reanchor: ${CLAIMS} claims, article ${(before.length / 1024).toFixed(0)} KB → ${(after.length / 1024).toFixed(0)} KB`);
console.log(`  moved ${count('moved')}, changed ${count('changed')}, gone ${count('gone')}`);
console.log(`  median ${times[(times.length - 1) >> 1].toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(1)} ms (${RUNS} runs, Node ${process.version})`);
