import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsEngineReachStore, REACH_DATASET, reachQueries, sqlString } from '../../../src/services/reach-analytics-engine';

/** A stand-in for the Analytics Engine SQL API on 127.0.0.1: records queries, answers FORMAT JSON. */
let server: Server;
let base = '';
const seen: { auth: string | undefined; path: string; sql: string }[] = [];
let answer: (sql: string) => { status: number; body: unknown } = () => ({ status: 200, body: { meta: [], data: [], rows: 0 } });

const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let s = '';
  req.on('data', (c) => (s += c));
  req.on('end', () => resolve(s));
});

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const sql = await read(req);
    seen.push({ auth: req.headers.authorization, path: req.url ?? '', sql });
    const { status, body } = answer(sql);
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('reach in Workers Analytics Engine', () => {
  it('writes one data point per view: article as index and blob1, publisher as blob2, a view and the popovers as doubles', async () => {
    const points: unknown[] = [];
    const store = analyticsEngineReachStore({ dataset: { writeDataPoint: (p) => void points.push(p) } });
    await store.record({ articleId: 'art_1', publisher: 'The Diplomat', opens: 2, day: '2026-01-05' });
    expect(points).toEqual([{ indexes: ['art_1'], blobs: ['art_1', 'The Diplomat'], doubles: [1, 2] }]);
  });

  it('reads totals back through the SQL API with the account and token, weighting sampled points', async () => {
    seen.length = 0;
    answer = (sql) => ({
      status: 200,
      body: sql.includes('GROUP BY day')
        ? { meta: [], data: [{ day: '2026-01-05 00:00:00', views: 12, opens: '3' }, { day: '2026-01-06 00:00:00', views: 7.0000001, opens: 0 }], rows: 2 }
        : { meta: [], data: [{ article: 'art_1', views: '19', opens: 3 }], rows: 1 },
    });
    const store = analyticsEngineReachStore({ dataset: { writeDataPoint() {} }, accountId: 'acc123', apiToken: 'tok-secret', sqlUrl: `${base}/accounts/{account}/analytics_engine/sql` });
    const report = await store.report({ from: '2026-01-05', to: '2026-01-06', publisher: "O'Brien \\ Sons" });
    expect(report).toEqual({
      perDay: [{ day: '2026-01-05', views: 12, opens: 3 }, { day: '2026-01-06', views: 7, opens: 0 }],
      perArticle: [{ articleId: 'art_1', views: 19, opens: 3 }],
    });
    expect(seen.map((s) => [s.path, s.auth])).toEqual([
      ['/accounts/acc123/analytics_engine/sql', 'Bearer tok-secret'],
      ['/accounts/acc123/analytics_engine/sql', 'Bearer tok-secret'],
    ]);
    for (const { sql } of seen) {
      expect(sql).toContain(`FROM ${REACH_DATASET} WHERE timestamp >= toDateTime('2026-01-05 00:00:00') AND timestamp < toDateTime('2026-01-07 00:00:00')`);
      expect(sql).toContain("blob2 = 'O\\'Brien \\\\ Sons'");
      expect(sql).toContain('SUM(_sample_interval * double1) AS views');
      expect(sql).toMatch(/FORMAT JSON$/);
    }
  });

  it('says reach is unavailable, instead of showing zeros, when the API fails or is not configured', async () => {
    answer = () => ({ status: 401, body: { errors: [{ message: 'Authentication error' }] } });
    const store = analyticsEngineReachStore({ dataset: { writeDataPoint() {} }, accountId: 'acc', apiToken: 'bad', sqlUrl: `${base}/accounts/{account}/analytics_engine/sql` });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...a: unknown[]) => void errors.push(a);
    try {
      expect((await store.report({ from: '2026-01-05', to: '2026-01-05' })).unavailable).toMatch(/could not be read/);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
    const unconfigured = analyticsEngineReachStore({ dataset: { writeDataPoint() {} } });
    expect((await unconfigured.report({ from: '2026-01-05', to: '2026-01-05' })).unavailable).toMatch(/ANALYTICS_ACCOUNT_ID and ANALYTICS_API_TOKEN/);
  });

  it('escapes strings the ClickHouse way, so a publisher name cannot end the literal', () => {
    expect(sqlString("a'b")).toBe("'a\\'b'");
    expect(sqlString('a\\')).toBe("'a\\\\'");
    expect(reachQueries({ from: '2026-01-01', to: '2026-01-31' }).perArticle).toMatch(/ORDER BY views DESC LIMIT 20 FORMAT JSON$/);
  });

  it('uses the dataset that wrangler.toml binds as REACH', () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    const block = /\[\[analytics_engine_datasets\]\][^[]*/.exec(toml)?.[0] ?? '';
    expect(block).toMatch(/binding\s*=\s*"REACH"/);
    expect(block).toContain(`dataset = "${REACH_DATASET}"`);
  });
});
