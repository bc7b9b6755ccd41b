// JavaScript strings index UTF-16 code units; the API promises Unicode code
// points (so an emoji counts as one). Conversion is done once for all spans
// in a single forward walk over the text.

/** True when the text has no astral characters, so both offset systems agree. */
export function isBmpOnly(text: string): boolean {
  return !/[\uD800-\uDBFF]/.test(text);
}

/**
 * Map UTF-16 offsets to code-point offsets. `positions` may be in any order;
 * the result is aligned with it.
 */
export function toCodePoints(text: string, positions: number[]): number[] {
  if (isBmpOnly(text)) return positions.slice();
  const order = positions.map((_, i) => i).sort((a, b) => positions[a] - positions[b]);
  const out = new Array<number>(positions.length);
  let u = 0;
  let cp = 0;
  for (const i of order) {
    const target = positions[i];
    while (u < target) {
      const c = text.charCodeAt(u);
      // A high surrogate followed by a low one is a single code point.
      if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
        const d = text.charCodeAt(u + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          u += 2;
          cp++;
          continue;
        }
      }
      u++;
      cp++;
    }
    out[i] = cp;
  }
  return out;
}
