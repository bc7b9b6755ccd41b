/**
 * Series looks for the dashboard's charts. Within one chart every two series differ by at
 * least 10 in CIE L* (lightness, which is what survives greyscale printing and most colour
 * blindness) or by their pattern; neighbours in a stack differ by at least 12 (tested in
 * test/unit/charts/palette.test.ts). Lines differ by dash and marker as well as colour.
 */
export interface SeriesStyle {
  /** The fill (bars, areas) or stroke (lines), #rrggbb. */
  color: string;
  /** Drawn over the fill in white: diagonal hatching or dots. */
  pattern?: 'hatch' | 'dots';
  /** Lines: an SVG stroke-dasharray. */
  dash?: string;
  /** Lines: the point marker. */
  marker?: 'circle' | 'square';
}

/** Claims by status: open darkest, then published, suggested (hatched), flagged, dismissed lightest. */
export const STATUS_STYLES: Record<string, SeriesStyle> = {
  open: { color: '#005192' }, // L* 34
  published: { color: '#418b4e' }, // L* 52
  suggested: { color: '#6ba2c4', pattern: 'hatch' }, // L* 64
  flagged: { color: '#f1b74f' }, // L* 78
  dismissed: { color: '#dce3e9', pattern: 'dots' }, // L* 90
};

/** Stack order, bottom to top: what is waiting sits on the axis. */
export const STATUS_ORDER = ['open', 'flagged', 'published', 'suggested', 'dismissed'] as const;

/**
 * Verdicts on one lightness ramp, false darkest to true lightest (hues from red to green, so
 * the colours still mean what the rating colours mean); unverifiable grey and hatched.
 */
export const VERDICT_STYLES: Record<string, SeriesStyle> = {
  false: { color: '#750023' }, // L* 23
  'mostly-false': { color: '#a52620' }, // L* 37
  misleading: { color: '#bb5c21' }, // L* 50
  'half-true': { color: '#c19033' }, // L* 63
  'mostly-true': { color: '#a6c466' }, // L* 75
  true: { color: '#b7eab1' }, // L* 88
  unverifiable: { color: '#82878d', pattern: 'hatch' }, // L* 56
};

export const VERDICT_ORDER = ['false', 'mostly-false', 'misleading', 'half-true', 'mostly-true', 'true', 'unverifiable'] as const;

/** Two lines in one chart: dark solid with circles, lighter dashed with squares. */
export const LINE_STYLES = {
  first: { color: '#004178', marker: 'circle' } as SeriesStyle, // L* 27
  second: { color: '#c85138', dash: '6 4', marker: 'square' } as SeriesStyle, // L* 50
};

/** One series alone (bars per person, reach per article). */
export const SINGLE_STYLE: SeriesStyle = { color: '#005f9a' }; // L* 39
export const SECOND_BAR_STYLE: SeriesStyle = { color: '#df7240', pattern: 'hatch' }; // L* 60

/** CIE L* (0 black … 100 white) of an sRGB colour: its lightness in greyscale. */
export function lightness(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}
