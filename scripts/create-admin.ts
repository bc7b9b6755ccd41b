/**
 * Creates (or resets the password of) an admin account, for a new deployment that has no
 * accounts yet. Demo accounts never reach a remote database; this is how the first real one does.
 *
 *   FACTMARK_ADMIN_PASSWORD='…' npm run create-admin -- --email you@newsroom.example --name "You" [--remote]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { newPasswordRecord } from '../src/auth/crypto.ts';
import { newId } from '../src/domain/ids.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, remote: { type: 'boolean', default: false } } });
const password = process.env.FACTMARK_ADMIN_PASSWORD ?? '';
if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email) || password.length < 12) {
  console.error('usage: FACTMARK_ADMIN_PASSWORD=<at least 12 characters> npm run create-admin -- --email <address> [--name <name>] [--remote]');
  process.exit(2);
}
const email = values.email.toLowerCase();
const record = await newPasswordRecord(password);
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sql = `INSERT INTO users (id, email, name, role, password_hash, password_salt, password_iterations) VALUES (${[newId('usr'), email, values.name ?? email, 'admin', record.passwordHash, record.passwordSalt].map(q).join(', ')}, ${record.passwordIterations})
ON CONFLICT(email) DO UPDATE SET role = 'admin', disabled_at = NULL, password_hash = excluded.password_hash, password_salt = excluded.password_salt, password_iterations = excluded.password_iterations, version = version + 1;
`;
const file = join(mkdtempSync(join(tmpdir(), 'factmark-admin-')), 'admin.sql');
writeFileSync(file, sql);
const where = values.remote ? ['--remote'] : ['--local', ...(process.env.PERSIST_DIR ? ['--persist-to', process.env.PERSIST_DIR] : [])];
const r = spawnSync('npx', ['wrangler', 'd1', 'execute', 'factmark', ...where, '--file', file], { stdio: 'inherit' });
process.exit(r.status ?? 1);
