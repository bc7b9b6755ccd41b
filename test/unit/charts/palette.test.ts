import { describe, expect, it } from 'vitest';
import { LINE_STYLES, lightness, SECOND_BAR_STYLE, SINGLE_STYLE, STATUS_ORDER, STATUS_STYLES, VERDICT_ORDER, VERDICT_STYLES, type SeriesStyle } from '../../../web/views/charts/palette';

/** Two series tell apart in greyscale when their lightness differs by 10 L* or their patterns differ. */
function indistinct(styles: [string, SeriesStyle][]): string[] {
  const clashes: string[] = [];
  for (let i = 0; i < styles.length; i++) {
    for (let j = i + 1; j < styles.length; j++) {
      const [a, sa] = styles[i];
      const [b, sb] = styles[j];
      const dl = Math.abs(lightness(sa.color) - lightness(sb.color));
      if (dl < 10 && (sa.pattern ?? '') === (sb.pattern ?? '')) clashes.push(`${a}/${b} ΔL*=${dl.toFixed(1)}`);
    }
  }
  return clashes;
}

describe('chart colours in greyscale', () => {
  it('measures lightness as CIE L* (black 0, white 100, mid grey about 53)', () => {
    expect(lightness('#000000')).toBeCloseTo(0, 5);
    expect(lightness('#ffffff')).toBeCloseTo(100, 1);
    expect(lightness('#808080')).toBeCloseTo(53.6, 0);
  });

  it('tells every status apart by lightness or pattern', () => {
    expect(STATUS_ORDER.length).toBe(Object.keys(STATUS_STYLES).length);
    expect(indistinct(STATUS_ORDER.map((k) => [k, STATUS_STYLES[k]]))).toEqual([]);
  });

  it('tells every verdict apart by lightness or pattern', () => {
    expect(VERDICT_ORDER.length).toBe(Object.keys(VERDICT_STYLES).length);
    expect(indistinct(VERDICT_ORDER.map((k) => [k, VERDICT_STYLES[k]]))).toEqual([]);
  });

  it('keeps neighbours in a stack at least 12 L* apart unless patterned', () => {
    for (const [order, styles] of [[STATUS_ORDER, STATUS_STYLES], [VERDICT_ORDER, VERDICT_STYLES]] as const) {
      for (let i = 1; i < order.length; i++) {
        const a = styles[order[i - 1]];
        const b = styles[order[i]];
        if ((a.pattern ?? '') !== (b.pattern ?? '')) continue;
        expect(Math.abs(lightness(a.color) - lightness(b.color)), `${order[i - 1]}/${order[i]}`).toBeGreaterThanOrEqual(12);
      }
    }
  });

  it('orders verdicts from false (darkest) to true (lightest)', () => {
    const ramp = VERDICT_ORDER.filter((k) => k !== 'unverifiable').map((k) => lightness(VERDICT_STYLES[k].color));
    expect([...ramp].sort((a, b) => a - b)).toEqual(ramp);
  });

  it('draws the two lines of a chart with different dashes and markers as well as lightness', () => {
    expect(LINE_STYLES.first.dash).not.toBe(LINE_STYLES.second.dash);
    expect(LINE_STYLES.first.marker).not.toBe(LINE_STYLES.second.marker);
    expect(indistinct([['first', LINE_STYLES.first], ['second', LINE_STYLES.second], ['bar', SINGLE_STYLE], ['bar2', SECOND_BAR_STYLE]])).toEqual([]);
  });
});
