// `npm start`: builds the browser assets, applies the D1 migrations to a local database,
// seeds the demo data (idempotent) and runs the Worker with wrangler dev on 127.0.0.1.
//
// Environment: PORT (default 8787), PERSIST_DIR (default .wrangler/state), SEED=0 to skip
// the demo data, SCHEDULE_EVERY_S (default 60; 0: never) for the Cron Trigger's local runs. The end-to-end tests start it the same way on their own port and folder.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const port = process.env.PORT ?? '8787';
const persist = process.env.PERSIST_DIR ?? '.wrangler/state';
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: process.env.CI ?? 'true' };
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
  return r;
}

run('node', ['scripts/build-web.mjs']);
run(npx, ['wrangler', 'd1', 'migrations', 'apply', 'factmark', '--local', '--persist-to', persist]);

if (process.env.SEED !== '0') {
  const seed = spawnSync(npx, ['tsx', 'scripts/seed.ts'], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (seed.status !== 0) {
    console.error(seed.stderr);
    process.exit(1);
  }
  mkdirSync(persist, { recursive: true });
  const file = join(persist, 'seed.sql');
  writeFileSync(file, seed.stdout);
  run(npx, ['wrangler', 'd1', 'execute', 'factmark', '--local', '--persist-to', persist, '--file', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`
  Factmark demo data is loaded (local only). Sign in at http://127.0.0.1:${port}/app with:
    admin@factmark.local    factmark-demo   (admin)
    editor@factmark.local   factmark-demo   (editor)
    checker@factmark.local  factmark-demo   (checker)
`);
}

const dev = spawn(
  npx,
  [
    'wrangler', 'dev', '--ip', '127.0.0.1', '--port', port, '--persist-to', persist, '--var', 'ENVIRONMENT:development', '--var', `PUBLIC_ORIGIN:http://127.0.0.1:${port}`,
    // The Cron Trigger (docs/import.md): wrangler dev does not fire it by itself; --test-scheduled
    // exposes it, and the timer below runs it once a minute (SCHEDULE_EVERY_S=0 turns it off).
    '--test-scheduled', '--log-level', process.env.LOG_LEVEL ?? 'info', '--show-interactive-dev-session=false',
  ],
  { stdio: 'inherit', env },
);
const every = Number(process.env.SCHEDULE_EVERY_S ?? 60);
const ticker = every > 0 ? setInterval(() => fetch(`http://127.0.0.1:${port}/cdn-cgi/local/scheduled?cron=*/15+*+*+*+*`).catch(() => {}), every * 1000) : null;
const stop = () => {
  if (ticker) clearInterval(ticker);
  dev.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));
