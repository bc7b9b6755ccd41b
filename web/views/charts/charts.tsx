/**
 * Server-rendered SVG charts (hono/jsx): stacked bars over time, lines, small multiples and
 * horizontal bars. Each sits in a `ChartFigure` with its title, a text summary (the SVG's
 * accessible name), a legend, its data as a table and a link to the same data as CSV. No
 * script, no inline style (the CSP allows neither): colours are SVG presentation attributes
 * and patterns are <pattern> elements in the chart's own <defs>.
 */
import type { Child } from 'hono/jsx';
import { chartTable, labelEvery, maxValue, niceTicks, shortDay, stackTotals, formatValue, type ChartData, type Series } from './model';
import type { SeriesStyle } from './palette';
import { TableHead } from '../app/table';

const W = 640;
const AXIS_INK = '#4b5563';
const GRID = '#e1e5ea';
/** Lines get point markers up to this many points (a month of days); beyond, they would be a smear. */
const MARKERS_UP_TO = 31;

export type ChartKind = 'stacked' | 'lines' | 'multiples' | 'hbars';

const patternId = (chart: ChartData, i: number) => `${chart.id}-pattern-${i}`;
const paint = (chart: ChartData, i: number, style: SeriesStyle) => (style.pattern ? `url(#${patternId(chart, i)})` : style.color);

/** The <defs> holding a pattern for every patterned series of a chart. */
function Patterns(props: { chart: ChartData }) {
  const { chart } = props;
  return (
    <defs>
      {chart.series.map((s, i) =>
        s.style.pattern === 'hatch' ? (
          <pattern id={patternId(chart, i)} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={s.style.color} />
            <line x1="1.5" y1="0" x2="1.5" y2="6" stroke="#ffffff" stroke-width="1.6" />
          </pattern>
        ) : s.style.pattern === 'dots' ? (
          <pattern id={patternId(chart, i)} patternUnits="userSpaceOnUse" width="5" height="5">
            <rect width="5" height="5" fill={s.style.color} />
            <circle cx="2.5" cy="2.5" r="1.1" fill="#1a1a1a" fill-opacity="0.45" />
          </pattern>
        ) : null,
      )}
    </defs>
  );
}

function Marker(props: { style: SeriesStyle; x: number; y: number }) {
  const { style, x, y } = props;
  if (style.marker === 'square') return <rect x={x - 3} y={y - 3} width="6" height="6" fill={style.color} />;
  return <circle cx={x} cy={y} r="3.2" fill={style.color} />;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Axis numbers short enough for the margin: 25000 → 25k, 1500000 → 1.5M. */
export function tickLabel(v: number): string {
  if (Math.abs(v) >= 1e6) return `${formatValue(v / 1e6)}M`;
  if (Math.abs(v) >= 1e4) return `${formatValue(v / 1e3)}k`;
  return formatValue(v);
}

/** Y grid, tick labels and the unit, for a plot from `top` to `bottom` between `left` and `right`. */
function YAxis(props: { ticks: number[]; left: number; right: number; top: number; bottom: number; unit?: string }) {
  const { ticks, left, right, top, bottom } = props;
  const max = ticks[ticks.length - 1];
  return (
    <g>
      {ticks.map((t) => {
        const y = r1(bottom - (t / max) * (bottom - top));
        return (
          <g>
            <line x1={left} x2={right} y1={y} y2={y} stroke={GRID} stroke-width="1" />
            <text x={left - 6} y={y + 4} text-anchor="end" font-size="11" fill={AXIS_INK}>
              {tickLabel(t)}
            </text>
          </g>
        );
      })}
      {props.unit ? (
        <text x={left - 6} y={top - 6} text-anchor="end" font-size="11" fill={AXIS_INK}>
          {props.unit}
        </text>
      ) : null}
    </g>
  );
}

/** X labels under bands, thinned so they never overlap. */
function XLabels(props: { x: string[]; left: number; band: number; y: number }) {
  const every = labelEvery(props.x.length, Math.floor((props.band * props.x.length) / 56));
  const years = new Set(props.x.map((d) => d.slice(0, 4)));
  return (
    <g>
      {props.x.map((d, i) =>
        i % every === 0 ? (
          <text x={r1(props.left + props.band * (i + 0.5))} y={props.y} text-anchor="middle" font-size="11" fill={AXIS_INK}>
            {shortDay(d, years.size > 1 && (i === 0 || d.slice(0, 4) !== props.x[i - every]?.slice(0, 4)))}
          </text>
        ) : null,
      )}
    </g>
  );
}

export function StackedBars(props: { chart: ChartData; labelledBy: string }) {
  const { chart } = props;
  const H = 240;
  const m = { l: 44, r: 8, t: 18, b: 24 };
  const totals = stackTotals(chart);
  const ticks = niceTicks(Math.max(...totals, 0));
  const max = ticks[ticks.length - 1];
  const band = (W - m.l - m.r) / Math.max(1, chart.x.length);
  const barW = Math.max(1, band * 0.72);
  const y = (v: number) => H - m.b - (v / max) * (H - m.t - m.b);
  return (
    <svg class="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={props.labelledBy}>
      <Patterns chart={chart} />
      <YAxis ticks={ticks} left={m.l} right={W - m.r} top={m.t} bottom={H - m.b} unit={chart.unit} />
      {chart.x.map((x, i) => {
        let base = 0;
        return (
          <g>
            {chart.series.map((s, k) => {
              const v = s.values[i] ?? 0;
              if (v <= 0) return null;
              const top = y(base + v);
              const height = y(base) - top;
              base += v;
              return (
                <rect x={r1(m.l + band * i + (band - barW) / 2)} y={r1(top)} width={r1(barW)} height={r1(height)} fill={paint(chart, k, s.style)} stroke="#ffffff" stroke-width="0.75" />
              );
            })}
          </g>
        );
      })}
      <line x1={m.l} x2={W - m.r} y1={H - m.b} y2={H - m.b} stroke={AXIS_INK} stroke-width="1" />
      <XLabels x={chart.x} left={m.l} band={band} y={H - 6} />
    </svg>
  );
}

export function LineChart(props: { chart: ChartData; labelledBy: string }) {
  const { chart } = props;
  const H = 240;
  const m = { l: 44, r: 112, t: 18, b: 24 };
  const ticks = niceTicks(maxValue(chart));
  const max = ticks[ticks.length - 1];
  const band = (W - m.l - m.r) / Math.max(1, chart.x.length);
  const px = (i: number) => r1(m.l + band * (i + 0.5));
  const py = (v: number) => r1(H - m.b - (v / max) * (H - m.t - m.b));
  // Each line is named at its last point; names closer than 13 px are pushed apart.
  const ends = chart.series
    .map((s, k) => {
      const last = s.values.reduce<number>((at, v, i) => (v === null ? at : i), -1);
      return { k, last, y: last >= 0 ? py(s.values[last] as number) + 4 : 0 };
    })
    .filter((e) => e.last >= 0)
    .sort((a, b) => a.y - b.y);
  ends.forEach((e, i) => {
    if (i > 0 && e.y - ends[i - 1].y < 13) e.y = ends[i - 1].y + 13;
  });
  const labelAt = new Map(ends.map((e) => [e.k, e]));
  return (
    <svg class="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={props.labelledBy}>
      <YAxis ticks={ticks} left={m.l} right={W - m.r} top={m.t} bottom={H - m.b} unit={chart.unit} />
      {chart.series.map((s, k) => {
        // Gaps where there is no value: a week without publications has no median.
        let d = '';
        let pen = false;
        s.values.forEach((v, i) => {
          if (v === null) return void (pen = false);
          d += `${pen ? 'L' : 'M'}${px(i)} ${py(v)}`;
          pen = true;
        });
        const end = labelAt.get(k);
        return (
          <g>
            {d ? <path d={d} fill="none" stroke={s.style.color} stroke-width="2" stroke-dasharray={s.style.dash} stroke-linejoin="round" /> : null}
            {s.values.map((v, i) =>
              v === null || chart.x.length > MARKERS_UP_TO ? null : (
                <Marker style={s.style} x={px(i)} y={py(v)} />
              ),
            )}
            {end ? (
              <text x={px(end.last) + 8} y={end.y} font-size="11" font-weight="600" fill={s.style.color}>
                {s.label}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={m.l} x2={W - m.r} y1={H - m.b} y2={H - m.b} stroke={AXIS_INK} stroke-width="1" />
      <XLabels x={chart.x} left={m.l} band={band} y={H - 6} />
    </svg>
  );
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One small bar chart per series (per person), all on the same scale, with each one's total. */
export function SmallMultiples(props: { chart: ChartData; labelledBy: string }) {
  const { chart } = props;
  const rowH = 40;
  const m = { l: 150, r: 48, t: 8, b: 22 };
  const H = m.t + rowH * Math.max(1, chart.series.length) + m.b;
  const max = Math.max(1, maxValue(chart));
  const band = (W - m.l - m.r) / Math.max(1, chart.x.length);
  const barW = Math.max(1, band * 0.7);
  return (
    <svg class="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={props.labelledBy}>
      {chart.series.map((s, row) => {
        const base = m.t + rowH * (row + 1) - 6;
        const total = s.values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
        return (
          <g>
            <text x={m.l - 8} y={base - 8} text-anchor="end" font-size="12" fill="#1a1a1a">
              {clip(s.label, 22)}
            </text>
            <line x1={m.l} x2={W - m.r} y1={base} y2={base} stroke={GRID} stroke-width="1" />
            {s.values.map((v, i) =>
              v ? (
                <rect x={r1(m.l + band * i + (band - barW) / 2)} y={r1(base - (v / max) * (rowH - 10))} width={r1(barW)} height={r1((v / max) * (rowH - 10))} fill={s.style.color} />
              ) : null,
            )}
            <text x={W - m.r + 6} y={base - 8} font-size="12" font-weight="600" fill="#1a1a1a">
              {formatValue(total)}
            </text>
          </g>
        );
      })}
      <XLabels x={chart.x} left={m.l} band={band} y={H - 6} />
    </svg>
  );
}

/** Categories down the side (articles, figures), one bar per series each, value at the end. */
export function HBars(props: { chart: ChartData; labelledBy: string }) {
  const { chart } = props;
  const n = chart.series.length;
  const barH = 12;
  const rowH = n * barH + 12;
  const m = { l: 236, r: 56, t: 6, b: 6 };
  const H = m.t + rowH * Math.max(1, chart.x.length) + m.b;
  const max = Math.max(1, maxValue(chart));
  const width = W - m.l - m.r;
  return (
    <svg class="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={props.labelledBy}>
      <Patterns chart={chart} />
      {chart.x.map((label, i) => {
        const top = m.t + rowH * i + 4;
        return (
          <g>
            <text x={m.l - 8} y={top + (n * barH) / 2 + 4} text-anchor="end" font-size="12" fill="#1a1a1a">
              {clip(label, 34)}
            </text>
            {chart.series.map((s, k) => {
              const v = s.values[i] ?? 0;
              const w = r1((v / max) * width);
              return (
                <g>
                  <rect x={m.l} y={top + k * barH} width={Math.max(w, v > 0 ? 1 : 0)} height={barH - 2} fill={paint(chart, k, s.style)} />
                  <text x={m.l + w + 4} y={top + k * barH + barH - 3} font-size="10" fill={AXIS_INK}>
                    {formatValue(v)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line x1={m.l} x2={m.l} y1={m.t} y2={H - m.b} stroke={AXIS_INK} stroke-width="1" />
    </svg>
  );
}

/** A legend swatch: the fill (with its pattern) or a short piece of the line with its marker. */
function Swatch(props: { chart: ChartData; index: number; kind: ChartKind }) {
  const s = props.chart.series[props.index];
  if (props.kind === 'lines') {
    return (
      <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true" focusable="false">
        <line x1="1" x2="27" y1="6" y2="6" stroke={s.style.color} stroke-width="2" stroke-dasharray={s.style.dash} />
        <Marker style={s.style} x={14} y={6} />
      </svg>
    );
  }
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="13" height="13" fill={paint(props.chart, props.index, s.style)} stroke="#6b7280" stroke-width="1" />
    </svg>
  );
}

/** The chart's data as an HTML table: first column the x (row headers), then one column per series. */
export function ChartTable(props: { chart: ChartData }) {
  const table = chartTable(props.chart);
  return (
    <div class="table-scroll" role="region" aria-label={`${props.chart.title}: data`} tabindex={0}>
      <table class="table chart-table" data-chart={props.chart.id}>
        <TableHead caption={props.chart.title} columns={table.head} />
        <tbody>
          {table.rows.map((r) => (
            <tr>
              <th scope="row">{r[0]}</th>
              {r.slice(1).map((v) => (
                <td class="num">{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A chart with its title (h2), summary, legend, table (behind a disclosure) and CSV link.
 * An empty chart says so instead of drawing empty axes.
 */
export function ChartFigure(props: { chart: ChartData; kind: ChartKind; csvHref: string; empty?: string; children?: Child }) {
  const { chart, kind } = props;
  const titleId = `${chart.id}-title`;
  const summaryId = `${chart.id}-summary`;
  const hasData = chart.x.length > 0 && chart.series.length > 0;
  const Drawing = kind === 'stacked' ? StackedBars : kind === 'lines' ? LineChart : kind === 'multiples' ? SmallMultiples : HBars;
  return (
    <figure class="card chart" id={chart.id} aria-labelledby={titleId}>
      <figcaption>
        <h2 id={titleId}>{chart.title}</h2>
        <p id={summaryId} class="chart-summary">
          {chart.summary}
        </p>
      </figcaption>
      {hasData ? (
        <>
          <Drawing chart={chart} labelledBy={`${titleId} ${summaryId}`} />
          {kind === 'multiples' || (kind === 'hbars' && chart.series.length === 1) ? null : (
            <ul class="legend">
              {chart.series.map((s, i) => (
                <li>
                  <Swatch chart={chart} index={i} kind={kind} />
                  {s.label}
                </li>
              ))}
            </ul>
          )}
          <details class="chart-data">
            <summary>Data as a table</summary>
            <ChartTable chart={chart} />
          </details>
          <p class="chart-csv">
            <a href={props.csvHref} download={`${chart.id}.csv`}>
              Download CSV<span class="visually-hidden"> of {chart.title}</span>
            </a>
          </p>
        </>
      ) : chart.summary ? null : (
        <p class="empty">{props.empty ?? 'Nothing in this period.'}</p>
      )}
      {props.children}
    </figure>
  );
}
