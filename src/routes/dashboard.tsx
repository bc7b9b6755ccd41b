import type { Context } from 'hono';
import type { AppEnv } from '../env';
import { DomainError } from '../domain/errors';
import { can } from '../domain/policy';
import { dayOf, parseRange } from '../domain/stats';
import { dashboardData, type DashboardFilter } from '../services/dashboard';
import { reachStoreFor } from '../services/reach';
import { DashboardPage } from '../../web/views/app/dashboard';
import { dashboardCharts } from '../../web/views/app/dashboard-charts';
import { chartTable } from '../../web/views/charts/model';
import { exportHeaders, exportStream } from '../services/export-writers';
import { dbOf } from './helpers';
import { page, pageActor, viewer } from './ui';

/*
 * /app/dashboard and its CSVs (issue 17): `dashboard.read` (checkers and up) sees their own
 * part, `dashboard.desk` (editors and up) the whole desk and reader reach. The period and
 * publisher come from the address.
 */

function filterOf(c: Context<AppEnv>, publisherAllowed: boolean): DashboardFilter {
  const range = parseRange({ from: c.req.query('from'), to: c.req.query('to') }, dayOf(new Date()));
  const publisher = (c.req.query('publisher') ?? '').trim().slice(0, 200);
  return publisherAllowed && publisher ? { ...range, publisher } : range;
}

async function load(c: Context<AppEnv>) {
  const actor = pageActor(c, 'dashboard.read');
  const desk = can(actor.role, 'dashboard.desk');
  const db = dbOf(c);
  const data = await dashboardData(db, desk ? reachStoreFor(c.env, db) : null, filterOf(c, desk), { desk, userId: actor.userId });
  return { actor, data };
}

export async function dashboardPage(c: Context<AppEnv>) {
  const { actor, data } = await load(c);
  return page(c, <DashboardPage viewer={await viewer(c, actor)} data={data} now={new Date()} />);
}

/** One chart's data as CSV, exactly the rows of its table on the page, through the exports' CSV writer. */
export async function dashboardCsv(c: Context<AppEnv>) {
  const { data } = await load(c);
  const id = c.req.query('chart');
  const found = dashboardCharts(data).find((ch) => ch.chart.id === id);
  if (!found) throw new DomainError('not-found', `No chart “${id ?? ''}” on your dashboard.`);
  const { head, rows } = chartTable(found.chart);
  const columns = head.map((name, i) => ({ name, get: (row: string[]) => row[i] }));
  const stream = exportStream('csv', columns, async () => ({ rows, next: null }));
  return new Response(stream, { headers: exportHeaders('csv', `factmark-${found.chart.id}-${data.filter.from}-to-${data.filter.to}`) });
}
