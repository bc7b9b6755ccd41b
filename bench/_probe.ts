import { readFileSync, readdirSync } from 'node:fs';
import { Miniflare, convertV4MiniflareOptions } from 'miniflare';
const mf = new Miniflare(convertV4MiniflareOptions({ modules: true, script: 'export default { fetch() { return new Response("x") } }', compatibilityDate: '2026-10-20', d1Databases: { DB: 'p' } }));
const db = await mf.getD1Database('DB');
const q = async (s: string, ...b: unknown[]) => { const t = performance.now(); try { const r = await db.prepare(s).bind(...b).all(); return JSON.stringify(r.results).slice(0, 400) + ` (${(performance.now() - t).toFixed(1)} ms)`; } catch (e) { return 'ERR ' + (e as Error).message; } };
for (const f of readdirSync('schema/migrations').filter((f) => f.endsWith('.sql')).sort()) {
  for (const stmt of readFileSync('schema/migrations/' + f, 'utf8').split('--> statement-breakpoint')) {
    if (process.env.SKIP && stmt.includes(process.env.SKIP)) continue;
    const r = await q(stmt); if (r.startsWith('ERR')) console.log(f, r, stmt.slice(0, 80));
  }
}
await q("INSERT INTO users (id,email,name,role,password_hash,password_salt,password_iterations) VALUES ('u','u@x','U','editor','x','x',1)");
console.log(await q("INSERT INTO articles (id,slug,url,title,publisher,published_at,text,text_hash) VALUES ('a','a','https://x/a','T','P','2024','He left. Mr. Karimov was jailed for 7 years in prison. Then he cried.','h')"));
console.log(await q(`INSERT INTO claims (id,article_id,quote,start,"end",kind,value) VALUES ('c','a','7 years in prison', 35, 52, 'sentence', '"P7Y"')`));
console.log(await q("SELECT * FROM claim_value_keys"));
console.log(await q("SELECT rowid, * FROM claims_fts"));
for (const s of (process.env.Q ?? '').split(';;').filter(Boolean)) console.log(s.slice(0, 60), await q(s));
await mf.dispose();
