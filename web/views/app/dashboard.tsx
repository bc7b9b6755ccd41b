import type { DashboardData } from '../../../src/services/dashboard';
import { daysBetween, dayOf } from '../../../src/domain/stats';
import { ChartFigure } from '../charts/charts';
import { shortDay } from '../charts/model';
import { dashboardCharts } from './dashboard-charts';
import { AppPage, StatusBadge, Time, type Viewer } from './shell';
import { TableHead } from './table';

/** The address of the dashboard (or its CSV) for a filter, so every link keeps the period and publisher. */
export function dashboardHref(path: string, f: { from: string; to: string; publisher?: string }, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({ ...extra, from: f.from, to: f.to });
  if (f.publisher) q.set('publisher', f.publisher);
  return `${path}?${q.toString()}`;
}

function age(since: string, now: Date): string {
  const days = daysBetween(dayOf(since), dayOf(now));
  return days <= 0 ? 'today' : days === 1 ? '1 day' : `${days} days`;
}

/**
 * /app/dashboard: the desk at a glance for editors and admins (a checker sees their own
 * part). Server-rendered, no script: the filter is a GET form, so the period and publisher
 * stay in the address; every chart has its table and CSV.
 */
export function DashboardPage(props: { viewer: Viewer; data: DashboardData; now: Date }) {
  const { data, viewer } = props;
  const f = data.filter;
  const own = data.scope === 'own';
  const charts = dashboardCharts(data);
  return (
    <AppPage title="Dashboard" viewer={viewer} current="dashboard" wide>
      <div class="page-head">
        <div>
          <h1>{own ? 'Your work at a glance' : 'The desk at a glance'}</h1>
          <p class="muted">
            {shortDay(f.from, true)} – {shortDay(f.to, true)}
            {f.publisher ? `, ${f.publisher}` : ', all publishers'}. Days and weeks in UTC; weeks start on Monday.
          </p>
        </div>
      </div>
      <form class="card dash-filter" method="get" action="/app/dashboard" aria-label="Period and publisher">
        <div class="field">
          <label for="dash-from">From</label>
          <input id="dash-from" name="from" type="date" value={f.from} required />
        </div>
        <div class="field">
          <label for="dash-to">To</label>
          <input id="dash-to" name="to" type="date" value={f.to} required />
        </div>
        {own ? null : (
          <div class="field">
            <label for="dash-publisher">Publisher</label>
            <select id="dash-publisher" name="publisher">
              <option value="">All publishers</option>
              {data.publishers.map((p) => (
                <option value={p} selected={p === f.publisher}>
                  {p}
                </option>
              ))}
            </select>
          </div>
        )}
        <button class="btn primary" type="submit">
          Show
        </button>
        {f.notice ? (
          <p class="notice dash-notice" role="status">
            {f.notice}
          </p>
        ) : null}
      </form>

      <section class="card" aria-labelledby="waiting-title">
        <h2 id="waiting-title">{own ? 'Waiting on you or for an editor' : 'Waiting for an editor now'}</h2>
        <p class="chart-summary">
          {data.waiting.total === 0
            ? 'Nothing is waiting.'
            : `${data.waiting.total} ${data.waiting.total === 1 ? 'claim is' : 'claims are'} waiting, oldest first${data.waiting.total > data.waiting.items.length ? ` (the first ${data.waiting.items.length} shown)` : ''}.`}
          {own || data.waiting.total === 0 ? null : (
            <>
              {' '}
              <a href="/app/queue">Open the editors’ queue</a>.
            </>
          )}
        </p>
        {data.waiting.items.length ? (
          <div class="table-scroll" role="region" aria-label="Waiting claims" tabindex={0}>
            <table class="table waiting-table">
              <TableHead caption={own ? 'What waits on you or for an editor' : 'What waits for an editor'} columns={['Claim', 'Article', 'Status', 'Waiting since', 'For', 'Flagged by']} />
              <tbody>
                {data.waiting.items.map((w) => (
                  <tr>
                    <td>
                      <a href={`/app/claims/${w.claimId}`}>{w.quote}</a>
                    </td>
                    <td>
                      <a href={`/app/articles/${w.articleId}`}>{w.articleTitle}</a>
                    </td>
                    <td>
                      <StatusBadge status={w.status} />
                    </td>
                    <td>
                      <Time at={w.since} /> <span class="muted">({age(w.since, props.now)})</span>
                    </td>
                    <td>{w.waitingFor === 'editor' ? 'an editor' : 'you'}</td>
                    <td>{w.flaggedBy ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <div class="dash-grid">
        {charts.map((c) => (
          <ChartFigure chart={c.chart} kind={c.kind} csvHref={dashboardHref('/app/dashboard.csv', f, { chart: c.chart.id })}>
            {c.chart.id === 'text-changes' && data.textChanges?.items.length ? (
              <>
                <h3>What changed, article by article</h3>
                <ul class="dash-links">
                  {data.textChanges.items.map((a) => (
                    <li>
                      <a href={`/app/articles/${encodeURIComponent(a.articleId)}/revisions`}>{a.title}</a>{' '}
                      <span class="muted">
                        ({a.publisher}; last change <Time at={a.lastAt} />)
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {c.chart.id === 'reach-days' && data.reach ? (
              <p class="small muted">
                Counted by the embed’s beacon: one per page view, no cookies, nothing about the reader ({data.reach.store === 'd1' ? 'this copy counts locally, in D1' : 'Workers Analytics Engine; large numbers may be sampled'}).
              </p>
            ) : null}
          </ChartFigure>
        ))}
      </div>
    </AppPage>
  );
}
