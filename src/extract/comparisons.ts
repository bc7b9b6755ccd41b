// A figure whose unit is left out because a comparison shares it: "an average
// of nine days, down from 21 in 2022", "7.1%, up from 6.8 a year earlier". The
// bare number after "down from" / "up from" / "compared with" takes the unit of
// the figure just before it; the caller builds the value.

import { NUMBER, parseNumber } from './numbers';

// Sticky at the end of the first figure. What follows the bare number must not
// be a unit or a noun of its own ("down from 21 days" is found by its family;
// "up from 5,304 arrivals" is a count): only punctuation or a short function word.
const RE_COMPARED = new RegExp(
  `,?\\s+(?:(?:down|up)\\s+from|compared\\s+(?:with|to)|against|versus|vs\\.?)\\s+(?:an?\\s+(?:average|median)\\s+of\\s+)?(${NUMBER})` +
    `(?=\\s*(?:[.,;:)!?]|$)|\\s+(?:in|on|at|a|an|the|last|this|previously|before|earlier|during|and|or|when|for)\\b)`,
  'iy',
);

export interface Elided {
  start: number;
  end: number;
  n: number;
}

/** The bare number compared with the figure that ends at `end`, if there is one. */
export function elidedAfter(text: string, end: number): Elided | undefined {
  RE_COMPARED.lastIndex = end;
  const m = RE_COMPARED.exec(text);
  if (!m) return undefined;
  const n = parseNumber(m[1]);
  // "up 5% against 2020": a year, not the same unit.
  if (n === null || (Number.isInteger(n) && n >= 1900 && n <= 2100)) return undefined;
  const start = m.index + m[0].length - m[1].length;
  return { start, end: start + m[1].length, n };
}
