/**
 * The dashboard's charts as data: one function turns the read model into every chart, so
 * the page and the CSV downloads (`/app/dashboard.csv?chart=…`) cannot disagree.
 */
import type { DashboardData, StatusKey } from '../../../src/services/dashboard';
import { dayRange, formatDuration } from '../../../src/domain/stats';
import { ratingFor } from '../../../src/domain/ratings';
import { formatValue } from '../../../src/domain/value-format';
import type { ChartData } from '../charts/model';
import { shortDay } from '../charts/model';
import { LINE_STYLES, SECOND_BAR_STYLE, SINGLE_STYLE, STATUS_ORDER, STATUS_STYLES, VERDICT_ORDER, VERDICT_STYLES } from '../charts/palette';

export const STATUS_NAMES: Record<StatusKey, string> = { open: 'Open', flagged: 'Flagged', published: 'Published', dismissed: 'Dismissed', suggested: 'Suggestions' };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const hours = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 360) / 10);
const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)}%` : '0%');

export type ChartId = 'status' | 'turnaround' | 'verdicts' | 'people' | 'figures' | 'text-changes' | 'reach-days' | 'reach-articles';

export interface DashboardChart {
  chart: ChartData;
  kind: 'stacked' | 'lines' | 'multiples' | 'hbars';
}

type Drawn = Omit<ChartData, 'summary' | 'xLabel' | 'x'>;

/**
 * A chart over the period's weeks. `summary` null means nothing happened: the `none` text
 * stands as the summary and nothing is drawn (no empty axes).
 */
function weekly(d: DashboardData, kind: DashboardChart['kind'], summary: string | null, none: string, chart: Drawn): DashboardChart {
  return { kind, chart: { ...chart, summary: summary ?? none, xLabel: 'Week starting', x: summary === null ? [] : d.weeks } };
}

/** Every chart the viewer may see, in page order. */
export function dashboardCharts(d: DashboardData): DashboardChart[] {
  const out: DashboardChart[] = [];
  const lastWeek = d.weeks.length - 1;
  const own = d.scope === 'own';

  if (d.status) {
    const at = (k: StatusKey, i: number) => d.status![k][i] ?? 0;
    const end = STATUS_ORDER.map((k) => `${at(k, lastWeek)} ${STATUS_NAMES[k].toLowerCase()}`).join(', ');
    const summary = `Claims in each status at the end of each week. On ${shortDay(d.filter.to, true)}: ${end}. Published rose from ${at('published', 0)} to ${at('published', lastWeek)} over the period.`;
    out.push(weekly(d, 'stacked', summary, '', {
      id: 'status',
      title: 'Claims by status',
      unit: 'claims',
      series: STATUS_ORDER.map((k) => ({ key: k, label: STATUS_NAMES[k], values: d.status![k], style: STATUS_STYLES[k] })),
    }));
  }

  const t = d.turnaround;
  const slowest = t.median.reduce<number>((best, v, i) => (v !== null && (best < 0 || v > (t.median[best] ?? -1)) ? i : best), -1);
  const turnSummary = t.overall.count
    ? `${plural(t.overall.count, 'check')} went from flag to publish in the period: median ${formatDuration(t.overall.median)}, 90th percentile ${formatDuration(t.overall.p90)}.` +
      (slowest >= 0 ? ` The slowest week by median was the week of ${shortDay(d.weeks[slowest], true)} (${formatDuration(t.median[slowest])}).` : '') +
      ' Weeks without a publication have no point.'
    : null;
  out.push(weekly(d, 'lines', turnSummary, own ? 'None of your flags was published in the period.' : 'Nothing went from flag to publish in the period.', {
    id: 'turnaround',
    title: own ? 'Time from your flag to publish' : 'Time from flag to publish',
    unit: 'hours',
    series: [
      { key: 'median', label: 'Median', values: t.median.map(hours), style: LINE_STYLES.first },
      { key: 'p90', label: '90th percentile', values: t.p90.map(hours), style: LINE_STYLES.second },
    ],
  }));

  const noChecks = own ? 'None of your checks was published in the period.' : 'No checks were published in the period.';
  if (d.verdicts) {
    const totals = VERDICT_ORDER.map((r) => [r, sum(d.verdicts![r] ?? [])] as const).filter(([, n]) => n > 0);
    const all = sum(totals.map(([, n]) => n));
    totals.sort((a, b) => b[1] - a[1]);
    const summary = all ? `${plural(all, 'check')} published in the period: ${totals.map(([r, n]) => `${n} ${ratingFor(r).label.toLowerCase()} (${pct(n, all)})`).join(', ')}.` : null;
    out.push(weekly(d, 'stacked', summary, noChecks, {
      id: 'verdicts',
      title: 'Verdicts of the checks published',
      unit: 'checks',
      series: VERDICT_ORDER.map((r) => ({ key: r, label: ratingFor(r).label, values: d.verdicts![r] ?? [], style: VERDICT_STYLES[r] })),
    }));
  }

  const top = d.people[0];
  const total = sum(d.people.map((p) => p.total));
  const peopleSummary = !top
    ? null
    : own
      ? `You published ${plural(top.total, 'check')} in the period (as author of the published verdict).`
      : `${plural(d.people.length + d.morePeople, 'person', 'people')} published ${plural(total, 'check')} (counted by the author of the published verdict); most: ${top.name} with ${top.total}.` +
        (d.morePeople ? ` The ${d.people.length} who published most are drawn.` : '');
  out.push(weekly(d, 'multiples', peopleSummary, noChecks, {
    id: 'people',
    title: own ? 'Your checks published per week' : 'Checks published per person per week',
    unit: 'checks',
    series: d.people.map((p) => ({ key: p.userId || 'none', label: p.name, values: p.perWeek, style: SINGLE_STYLE })),
  }));

  if (d.figures) {
    const figs = d.figures;
    const name = (f: (typeof figs)[number]) => formatValue(f.kind, f.value, { approximate: f.approximate, bound: f.bound }) + (f.subject ? ` (${f.subject})` : '');
    const top = figs[0];
    out.push({
      kind: 'hbars',
      chart: {
        id: 'figures',
        title: 'The figures that come back most often',
        summary: top
          ? `${plural(figs.length, 'figure')} stated in two or more articles in the period (figures within a tenth of each other count as one, as claim matching reads them). ` +
            `Most: ${name(top)}, in ${plural(top.articles, 'article')} (${plural(top.claims, 'claim')}, ${plural(top.checked, 'published check')}).`
          : 'No figure was stated in two or more articles in the period.',
        xLabel: 'Figure',
        x: figs.map(name),
        series: [
          { key: 'articles', label: 'Articles stating it', values: figs.map((f) => f.articles), style: SINGLE_STYLE },
          { key: 'checked', label: 'Published checks of it', values: figs.map((f) => f.checked), style: SECOND_BAR_STYLE },
        ],
      },
    });
  }

  if (d.textChanges) {
    const tc = d.textChanges;
    const drawn = tc.items;
    const latest = drawn[0];
    const changes = sum(drawn.map((a) => a.changes));
    const head = `${plural(tc.total, 'article')} changed under a published check in the period` + (tc.total > drawn.length ? `; the ${drawn.length} changed most recently are drawn: ` : ': ');
    out.push({
      kind: 'hbars',
      chart: {
        id: 'text-changes',
        title: 'Articles whose text changed under a published check',
        summary: latest
          ? `${head}${plural(changes, 'change')} to ${plural(sum(drawn.map((a) => a.claims)), 'checked claim')} (${sum(drawn.map((a) => a.gone))} removed the checked words). ` +
            `Readers see “The article has changed since this check” on ${plural(sum(drawn.map((a) => a.noticeNow)), 'claim')} of these articles now. ` +
            `Most recent: “${latest.title}”, ${shortDay(latest.lastAt.slice(0, 10), true)}.`
          : 'No article changed under a published check in the period.',
        xLabel: 'Article',
        x: drawn.map((a) => a.title),
        series: [
          { key: 'claims', label: 'Checked claims changed', values: drawn.map((a) => a.claims), style: SINGLE_STYLE },
          { key: 'notice', label: 'With the notice now', values: drawn.map((a) => a.noticeNow), style: SECOND_BAR_STYLE },
        ],
      },
    });
  }

  if (d.reach) {
    const r = d.reach;
    // Every day of the period, zero where nobody viewed.
    const byDay = new Map(r.perDay.map((x) => [x.day, x]));
    const days = dayRange(d.filter.from, d.filter.to).map((day) => byDay.get(day) ?? { day, views: 0, opens: 0 });
    const views = sum(r.perDay.map((x) => x.views));
    const opens = sum(r.perDay.map((x) => x.opens));
    const busiest = r.perDay.reduce<(typeof r.perDay)[number] | null>((b, x) => (!b || x.views > b.views ? x : b), null);
    out.push({
      kind: 'lines',
      chart: {
        id: 'reach-days',
        title: 'Reader reach per day',
        summary: views
          ? `${plural(views, 'page view')} with the embed and ${plural(opens, 'popover')} opened (${pct(opens, views)} of views)${busiest ? `; the busiest day was ${shortDay(busiest.day, true)} with ${plural(busiest.views, 'view')}` : ''}.`
          : (r.unavailable ?? 'No embed views in the period.'),
        xLabel: 'Day',
        x: views ? days.map((x) => x.day) : [],
        unit: 'per day',
        series: [
          { key: 'views', label: 'Views', values: days.map((x) => x.views), style: LINE_STYLES.first },
          { key: 'opens', label: 'Popovers opened', values: days.map((x) => x.opens), style: LINE_STYLES.second },
        ],
      },
    });
    const first = r.perArticle[0];
    out.push({
      kind: 'hbars',
      chart: {
        id: 'reach-articles',
        title: 'Reader reach per article',
        summary: first
          ? `The ${plural(r.perArticle.length, 'article')} readers saw most with the embed; first: “${first.title}” with ${plural(first.views, 'view')} and ${plural(first.opens, 'popover')} opened.`
          : (r.unavailable ?? 'No embed views in the period.'),
        xLabel: 'Article',
        x: r.perArticle.map((a) => a.title),
        series: [
          { key: 'views', label: 'Views', values: r.perArticle.map((a) => a.views), style: SINGLE_STYLE },
          { key: 'opens', label: 'Popovers opened', values: r.perArticle.map((a) => a.opens), style: SECOND_BAR_STYLE },
        ],
      },
    });
  }
  return out;
}
