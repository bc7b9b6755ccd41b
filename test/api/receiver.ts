/**
 * A webhook receiver for the API tests: a real HTTP server on 127.0.0.1 (Node, started once
 * for the api project) that the Worker's queue consumer posts to. Each test uses its own
 * path; the query string says how that path behaves:
 *   ?fail=N    answer 500 to the first N requests, then 200
 *   ?status=S  always answer S
 *   ?sleep=MS  wait MS milliseconds before answering
 *   ?bytes=N   answer a body of N bytes ('x'), written in pieces
 * `GET /_log/<path>` answers what the path received: [{headers, body, at}], oldest first.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    receiverUrl: string;
  }
}

export interface ReceivedRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export default async function setup(project: TestProject) {
  const log = new Map<string, ReceivedRequest[]>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname.startsWith('/_log/')) {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(log.get(url.pathname.slice('/_log'.length)) ?? []));
      return;
    }
    const body = await readBody(req);
    const seen = log.get(url.pathname) ?? [];
    seen.push({ method: req.method ?? '', headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body, at: Date.now() });
    log.set(url.pathname, seen);
    const sleep = Number(url.searchParams.get('sleep') ?? 0);
    if (sleep) await new Promise((r) => setTimeout(r, Math.min(sleep, 60_000)));
    const fail = Number(url.searchParams.get('fail') ?? 0);
    const status = Number(url.searchParams.get('status') ?? (seen.length <= fail ? 500 : 200));
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    const bytes = Number(url.searchParams.get('bytes') ?? 0);
    if (bytes) {
      const piece = 'x'.repeat(64 * 1024);
      for (let sent = 0; sent < bytes; sent += piece.length) if (!res.write(piece.slice(0, bytes - sent))) await new Promise((r) => res.once('drain', r));
      res.end();
      return;
    }
    res.end(status >= 300 ? `receiver says no (request ${seen.length}) <script>alert(1)</script> ${'x'.repeat(3000)}` : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('receiverUrl', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
