import { describe, expect, it } from 'vitest';
import { ChartFigure, tickLabel } from '../../../web/views/charts/charts';
import { chartTable, niceTicks, type ChartData } from '../../../web/views/charts/model';
import { LINE_STYLES, STATUS_STYLES } from '../../../web/views/charts/palette';

const weeks = ['2026-01-05', '2026-01-12', '2026-01-19'];
const stacked: ChartData = {
  id: 'status',
  title: 'Claims by status',
  summary: 'At the end of the period 7 claims were open.',
  xLabel: 'Week starting',
  x: weeks,
  unit: 'claims',
  series: [
    { key: 'open', label: 'Open', values: [2, 4, 7], style: STATUS_STYLES.open },
    { key: 'suggested', label: 'Suggested', values: [6, 0, 3], style: STATUS_STYLES.suggested },
  ],
};
const lines: ChartData = {
  id: 'turnaround',
  title: 'Flag to publish',
  summary: 'Median 5 hours.',
  xLabel: 'Week starting',
  x: weeks,
  unit: 'hours',
  series: [
    { key: 'median', label: 'Median', values: [5, null, 2.25], style: LINE_STYLES.first },
    { key: 'p90', label: '90th percentile', values: [9, null, 4], style: LINE_STYLES.second },
  ],
};

const render = async (el: unknown) => String(await (el as { toString(): string | Promise<string> }).toString());

describe('chart data as ticks, a table and CSV', () => {
  it('picks round ticks that reach the largest value', () => {
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(2.25)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('shortens large axis numbers', () => {
    expect([tickLabel(2500), tickLabel(25000), tickLabel(1_500_000), tickLabel(0.5)]).toEqual(['2500', '25k', '1.5M', '0.5']);
  });

  it('makes one row per x and one column per series, empty where there is no value', () => {
    expect(chartTable(lines)).toEqual({
      head: ['Week starting', 'Median', '90th percentile'],
      rows: [['2026-01-05', '5', '9'], ['2026-01-12', '', ''], ['2026-01-19', '2.3', '4']],
    });
  });
});

describe('charts drawn as SVG', () => {
  it('stacks bars to the total of each x, on the same scale', async () => {
    const html = await render(ChartFigure({ chart: stacked, kind: 'stacked', csvHref: '/x.csv' }));
    const heights = [...html.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="[^"]+" stroke="#ffffff"/g)].map((m) => Number(m[1]));
    // Five non-zero values: 2, 6 | 4 | 7, 3 (the zero draws nothing). Totals 8, 4, 10 on ticks to 10.
    expect(heights).toHaveLength(5);
    const unit = heights[0] / 2;
    expect(heights.map((h) => Math.round(h / unit))).toEqual([2, 6, 4, 7, 3]);
    expect(Math.round((heights[3] + heights[4]) / unit)).toBe(10);
  });

  it('names the drawing by the title and the summary, and lists the data as a table and CSV', async () => {
    const html = await render(ChartFigure({ chart: stacked, kind: 'stacked', csvHref: '/app/dashboard.csv?chart=status' }));
    expect(html).toContain('<h2 id="status-title">Claims by status</h2>');
    expect(html).toContain('role="img" aria-labelledby="status-title status-summary"');
    expect(html).toContain('<p id="status-summary" class="chart-summary">At the end of the period 7 claims were open.</p>');
    expect(html).toContain('href="/app/dashboard.csv?chart=status"');
    expect(html).toMatch(/<th scope="row">2026-01-19<\/th><td class="num">7<\/td><td class="num">3<\/td>/);
    // The patterned series refers to a pattern that the same chart defines.
    const refs = [...html.matchAll(/url\(#([\w-]+)\)/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const id of new Set(refs)) expect(html).toContain(`<pattern id="${id}"`);
  });

  it('breaks a line where a value is missing and labels each line at its end', async () => {
    const html = await render(ChartFigure({ chart: lines, kind: 'lines', csvHref: '/x.csv' }));
    const paths = [...html.matchAll(/<path d="([^"]+)" fill="none"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    for (const d of paths) expect(d.match(/M/g)).toHaveLength(2); // two pieces around the gap
    expect(html).toContain('stroke-dasharray="6 4"');
    expect(html).toMatch(/font-weight="600" fill="#004178">Median<\/text>/);
  });

  it('keeps the names of lines that end at the same value apart', async () => {
    const same: ChartData = { ...lines, series: lines.series.map((s) => ({ ...s, values: [0, 0, 0] })) };
    const html = await render(ChartFigure({ chart: same, kind: 'lines', csvHref: '/x.csv' }));
    const ys = [...html.matchAll(/<text x="[\d.]+" y="([\d.]+)" font-size="11" font-weight="600"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(2);
    expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(13);
  });

  it('says so instead of drawing empty axes', async () => {
    const html = await render(ChartFigure({ chart: { ...stacked, x: [], summary: '' }, kind: 'stacked', csvHref: '/x.csv', empty: 'No claims yet.' }));
    expect(html).toContain('No claims yet.');
    expect(html).not.toContain('<svg');
  });

  it('escapes text from users (names, titles)', async () => {
    const chart: ChartData = { ...stacked, x: ['<script>alert(1)</script>'], series: [{ ...stacked.series[0], label: 'A & <b>B</b>', values: [1] }] };
    const html = await render(ChartFigure({ chart, kind: 'hbars', csvHref: '/x.csv' }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>B</b>');
    expect(html).toContain('&lt;script&gt;');
  });
});
