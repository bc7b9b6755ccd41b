/**
 * Prints the SQL of the claim library's migration: FTS5 search indexes with the triggers
 * that keep them in step, value keys for matching, and the backfill of existing rows.
 *
 *   npx tsx scripts/library-sql.ts > schema/migrations/NNNN_library.sql
 *
 * The SQL follows rules defined once in TypeScript (src/domain/sentence.ts for a claim's
 * sentence, src/domain/value-keys.ts for value keys); test/api/library-sql.test.ts checks
 * that the database and the TypeScript agree on every claim of the fixtures. A migration on
 * main is never edited: a change to these rules is a new migration that drops and creates
 * what changed (the DROP statements below make that a matter of running this script again).
 */
import { claimSentenceSql, markedSql, sentenceWindows } from './library-sql/sentence.ts';
import { KEY_WORK_TABLE, keyStatements } from './library-sql/keys.ts';
import { PREFIX_INDEXES, SEARCH_COLUMNS, SPACELESS_GLOB, TRIGRAM_TOKENIZER, WORD_TOKENIZER } from '../src/domain/search-text.ts';
import { sqlString } from './library-sql/strings.ts';

const BREAK = '--> statement-breakpoint';
/** Slices of the backfill (each a statement per index): a few seconds each up to a few million claims. */
const BACKFILL_SLICES = 32;
const ARTICLE_SLICES = 16;
const slices = (n: number, each: (k: number) => string[]) => Array.from({ length: n }, (_, k) => each(k)).flat();
const words = `tokenize="${WORD_TOKENIZER}", prefix='${PREFIX_INDEXES}'`;
const trigram = `tokenize="${TRIGRAM_TOKENIZER}"`;
const spaceless = (expr: string) => `(${expr}) GLOB ${sqlString(SPACELESS_GLOB)}`;

const CLAIM_COLUMNS = Object.keys(SEARCH_COLUMNS.claims);
const CHECK_COLUMNS = Object.keys(SEARCH_COLUMNS.checks);
const ARTICLE_COLUMNS = Object.keys(SEARCH_COLUMNS.articles);
const joined = (cols: string[], prefix = '') => cols.map((c) => `coalesce(${prefix}${c}, '')`).join(` || ' ' || `);

// The views compute a claim's sentence from its article's text (used for many rows at once:
// the backfill, an article's text or title changing, a verdict changing). A single claim's
// triggers go through claim_sentence_work instead: the windows are cut from the text once
// and marked once (substr on a long text costs its length; the view's expression uses each
// window several times).
const windows = sentenceWindows({ text: 'a.text', start: 'c.start', end: 'c."end"' });
const sentence = claimSentenceSql({ ...windows, quote: 'c.quote' });
const workSentence = claimSentenceSql({ before: 'w.before', after: 'w.after', markedBefore: 'w.marked_before', markedAfter: 'w.marked_after', quote: 'c.quote' });
const claimDoc = (sentenceExpr: string) => `c.rowid AS claim_rowid, c.article_id AS article_id, c.quote AS quote, ${sentenceExpr} AS sentence, coalesce(c.subject, '') AS subject, coalesce(c.speaker, '') AS speaker, coalesce(v.summary, '') AS verdict, coalesce(c.statement, '') AS statement`;
// Readers' statement is the one fixed at publication (verdicts.claim_snapshot), as the public
// pages show it; a verdict published before snapshots existed shows the claim's own.
const publishedStatement = `CASE WHEN v.claim_snapshot IS NULL THEN c.statement ELSE json_extract(v.claim_snapshot, '$.statement') END`;
const checkDoc = (sentenceExpr: string) => `c.rowid AS claim_rowid, c.article_id AS article_id, c.quote AS quote, ${sentenceExpr} AS sentence, coalesce(v.claim_subject, '') AS subject, coalesce(v.claim_speaker, '') AS speaker, v.summary AS verdict, a.title || ' ' || a.publisher AS article, coalesce(${publishedStatement}, '') AS statement`;

/** A single claim's rows in the claim index and, when published, the readers' index, through the work table. */
function fillOne(rowid: string, withClaims: boolean, withChecks: boolean): string[] {
  const work = `INSERT OR REPLACE INTO claim_sentence_work (claim_rowid, before, after) SELECT c.rowid, ${windows.before}, ${windows.after} FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.rowid = ${rowid};`;
  const mark = `UPDATE claim_sentence_work SET marked_before = ${markedSql('before')}, marked_after = ${markedSql('after')};`;
  const out = [work, mark];
  if (withClaims) {
    out.push(
      `INSERT INTO claims_fts(rowid, ${CLAIM_COLUMNS.join(', ')}) SELECT claim_rowid, ${CLAIM_COLUMNS.join(', ')} FROM (SELECT ${claimDoc(workSentence)} FROM claim_sentence_work w JOIN claims c ON c.rowid = w.claim_rowid LEFT JOIN verdicts v ON v.id = c.published_verdict_id);`,
      `INSERT INTO claims_trigram(rowid, ${CLAIM_COLUMNS.join(', ')}) SELECT rowid, ${CLAIM_COLUMNS.join(', ')} FROM claims_fts WHERE rowid = ${rowid} AND ${spaceless(joined(CLAIM_COLUMNS))};`,
    );
  }
  if (withChecks) {
    out.push(
      `INSERT INTO checks_fts(rowid, ${CHECK_COLUMNS.join(', ')}) SELECT claim_rowid, ${CHECK_COLUMNS.join(', ')} FROM (SELECT ${checkDoc(workSentence)} FROM claim_sentence_work w JOIN claims c ON c.rowid = w.claim_rowid JOIN articles a ON a.id = c.article_id JOIN verdicts v ON v.id = c.published_verdict_id);`,
      `INSERT INTO checks_trigram(rowid, ${CHECK_COLUMNS.join(', ')}) SELECT rowid, ${CHECK_COLUMNS.join(', ')} FROM checks_fts WHERE rowid = ${rowid} AND ${spaceless(joined(CHECK_COLUMNS))};`,
    );
  }
  out.push('DELETE FROM claim_sentence_work;');
  return out;
}

/** Statements that put a claim's rows (selected by `where` over the view) into an index and its trigram twin. */
function fill(index: string, view: string, cols: string[], where: string): string[] {
  // The trigram twin copies from the index just filled (the sentence is not computed twice).
  const one = /^claim_rowid = (new\.rowid)$/.exec(where);
  const slice = /^claim_rowid (% \d+ = \d+)$/.exec(where);
  const rows = one ? `rowid = ${one[1]} AND ` : slice ? `rowid ${slice[1]} AND ` : `rowid IN (SELECT claim_rowid FROM ${view} WHERE ${where}) AND `;
  return [
    `INSERT INTO ${index}_fts(rowid, ${cols.join(', ')}) SELECT claim_rowid, ${cols.join(', ')} FROM ${view} WHERE ${where};`,
    `INSERT INTO ${index}_trigram(rowid, ${cols.join(', ')}) SELECT rowid, ${cols.join(', ')} FROM ${index}_fts WHERE ${rows}${spaceless(joined(cols))};`,
  ];
}
function clear(index: string, rowids: string): string[] {
  return [`DELETE FROM ${index}_fts WHERE rowid IN (${rowids});`, `DELETE FROM ${index}_trigram WHERE rowid IN (${rowids});`];
}
const trigger = (name: string, when: string, body: string[]) => `CREATE TRIGGER ${name} ${when} BEGIN\n  ${body.join('\n  ')}\nEND;`;

const statements: string[] = [
  // --- Claims, for reviewers: everything a claim says, with its published verdict's summary.
  `CREATE VIEW claim_search_docs AS SELECT ${claimDoc(sentence)} FROM claims c JOIN articles a ON a.id = c.article_id LEFT JOIN verdicts v ON v.id = c.published_verdict_id;`,
  `CREATE TABLE claim_sentence_work (claim_rowid INTEGER PRIMARY KEY NOT NULL, before TEXT, after TEXT, marked_before TEXT, marked_after TEXT);`,
  `CREATE VIRTUAL TABLE claims_fts USING fts5(${CLAIM_COLUMNS.join(', ')}, ${words});`,
  `CREATE VIRTUAL TABLE claims_trigram USING fts5(${CLAIM_COLUMNS.join(', ')}, ${trigram});`,
  // --- Published checks, for readers: only what readers see (the subject and speaker as published).
  `CREATE VIEW check_search_docs AS SELECT ${checkDoc(sentence)} FROM claims c JOIN articles a ON a.id = c.article_id JOIN verdicts v ON v.id = c.published_verdict_id;`,
  `CREATE VIRTUAL TABLE checks_fts USING fts5(${CHECK_COLUMNS.join(', ')}, ${words});`,
  `CREATE VIRTUAL TABLE checks_trigram USING fts5(${CHECK_COLUMNS.join(', ')}, ${trigram});`,
  // --- Articles: external content (the text is not stored twice); the trigram twin only for rows that need it.
  `CREATE VIRTUAL TABLE articles_fts USING fts5(${ARTICLE_COLUMNS.join(', ')}, content='articles', ${words});`,
  `CREATE VIRTUAL TABLE articles_trigram USING fts5(${ARTICLE_COLUMNS.join(', ')}, ${trigram});`,

  trigger('claims_search_insert', 'AFTER INSERT ON claims', fillOne('new.rowid', true, true)),
  trigger('claims_search_delete', 'AFTER DELETE ON claims', [...clear('claims', 'old.rowid'), ...clear('checks', 'old.rowid')]),
  trigger('claims_search_update', 'AFTER UPDATE OF quote, start, "end", subject, speaker, statement, published_verdict_id, article_id ON claims', [
    ...clear('claims', 'old.rowid'),
    ...clear('checks', 'old.rowid'),
    ...fillOne('new.rowid', true, true),
  ]),
  // A verdict's summary or published snapshot written after the claim pointed at it.
  trigger('verdicts_search_update', 'AFTER UPDATE OF summary, claim_subject, claim_speaker, claim_snapshot ON verdicts', [
    ...clear('claims', 'SELECT rowid FROM claims WHERE published_verdict_id = new.id'),
    ...fill('claims', 'claim_search_docs', CLAIM_COLUMNS, 'claim_rowid IN (SELECT rowid FROM claims WHERE published_verdict_id = new.id)'),
    ...clear('checks', 'SELECT rowid FROM claims WHERE published_verdict_id = new.id'),
    ...fill('checks', 'check_search_docs', CHECK_COLUMNS, 'claim_rowid IN (SELECT rowid FROM claims WHERE published_verdict_id = new.id)'),
  ]),

  trigger('articles_search_insert', 'AFTER INSERT ON articles', [
    `INSERT INTO articles_fts(rowid, ${ARTICLE_COLUMNS.join(', ')}) VALUES (new.rowid, ${ARTICLE_COLUMNS.map((c) => `new.${c}`).join(', ')});`,
    `INSERT INTO articles_trigram(rowid, ${ARTICLE_COLUMNS.join(', ')}) SELECT new.rowid, ${ARTICLE_COLUMNS.map((c) => `new.${c}`).join(', ')} WHERE ${spaceless(joined(ARTICLE_COLUMNS, 'new.'))};`,
  ]),
  trigger('articles_search_delete', 'AFTER DELETE ON articles', [
    `INSERT INTO articles_fts(articles_fts, rowid, ${ARTICLE_COLUMNS.join(', ')}) VALUES ('delete', old.rowid, ${ARTICLE_COLUMNS.map((c) => `old.${c}`).join(', ')});`,
    `DELETE FROM articles_trigram WHERE rowid = old.rowid;`,
  ]),
  trigger('articles_search_update', 'AFTER UPDATE OF title, publisher, author, text ON articles', [
    `INSERT INTO articles_fts(articles_fts, rowid, ${ARTICLE_COLUMNS.join(', ')}) VALUES ('delete', old.rowid, ${ARTICLE_COLUMNS.map((c) => `old.${c}`).join(', ')});`,
    `INSERT INTO articles_fts(rowid, ${ARTICLE_COLUMNS.join(', ')}) VALUES (new.rowid, ${ARTICLE_COLUMNS.map((c) => `new.${c}`).join(', ')});`,
    `DELETE FROM articles_trigram WHERE rowid = old.rowid;`,
    `INSERT INTO articles_trigram(rowid, ${ARTICLE_COLUMNS.join(', ')}) SELECT new.rowid, ${ARTICLE_COLUMNS.map((c) => `new.${c}`).join(', ')} WHERE ${spaceless(joined(ARTICLE_COLUMNS, 'new.'))};`,
  ]),
  // Claims take their sentence from the article's text, checks their article's title.
  trigger('articles_search_claims', 'AFTER UPDATE OF title, publisher, text ON articles', [
    ...clear('claims', 'SELECT rowid FROM claims WHERE article_id = new.id'),
    ...fill('claims', 'claim_search_docs', CLAIM_COLUMNS, 'article_id = new.id'),
    ...clear('checks', 'SELECT rowid FROM claims WHERE article_id = new.id'),
    ...fill('checks', 'check_search_docs', CHECK_COLUMNS, 'article_id = new.id'),
  ]),

  // --- Value keys for matching (src/domain/value-keys.ts).
  `CREATE TABLE claim_value_keys (key TEXT NOT NULL, claim_rowid INTEGER NOT NULL, PRIMARY KEY (key, claim_rowid)) WITHOUT ROWID;`,
  `CREATE INDEX claim_value_keys_claim_idx ON claim_value_keys (claim_rowid);`,
  `CREATE TABLE claim_key_steps (n INTEGER PRIMARY KEY NOT NULL);`,
  `INSERT INTO claim_key_steps (n) VALUES ${Array.from({ length: 64 }, (_, i) => `(${i})`).join(', ')};`,
  KEY_WORK_TABLE,
  trigger('claims_keys_insert', 'AFTER INSERT ON claims', keyStatements('rowid = new.rowid')),
  trigger('claims_keys_delete', 'AFTER DELETE ON claims', [`DELETE FROM claim_value_keys WHERE claim_rowid = old.rowid;`]),
  trigger('claims_keys_update', 'AFTER UPDATE OF kind, value, bound, approximate ON claims', [
    `DELETE FROM claim_value_keys WHERE claim_rowid = old.rowid;`,
    ...keyStatements('rowid = new.rowid'),
  ]),
  // Published checks newest first, for the public library.
  `CREATE INDEX claims_published_at_idx ON claims (published_at, id) WHERE published_verdict_id IS NOT NULL;`,

  // --- Backfill: rows that existed before this migration, in slices (rowid modulo
  // BACKFILL_SLICES): D1 stops a statement after 30 seconds, and a slice of a few million
  // claims takes a few seconds.
  ...slices(ARTICLE_SLICES, (k) => [
    `INSERT INTO articles_fts(rowid, ${ARTICLE_COLUMNS.join(', ')}) SELECT rowid, ${ARTICLE_COLUMNS.join(', ')} FROM articles WHERE rowid % ${ARTICLE_SLICES} = ${k};`,
    `INSERT INTO articles_trigram(rowid, ${ARTICLE_COLUMNS.join(', ')}) SELECT rowid, ${ARTICLE_COLUMNS.join(', ')} FROM articles WHERE rowid % ${ARTICLE_SLICES} = ${k} AND ${spaceless(joined(ARTICLE_COLUMNS))};`,
  ]),
  ...slices(BACKFILL_SLICES, (k) => [
    ...fill('claims', 'claim_search_docs', CLAIM_COLUMNS, `claim_rowid % ${BACKFILL_SLICES} = ${k}`),
    ...fill('checks', 'check_search_docs', CHECK_COLUMNS, `claim_rowid % ${BACKFILL_SLICES} = ${k}`),
    ...keyStatements(`rowid % ${BACKFILL_SLICES} = ${k}`),
  ]),
];

const header = `-- The claim library (issue 14): FTS5 search over articles, claims and published checks, kept in
-- step by triggers; value keys for matching claims; the backfill of rows that existed before.
-- Generated by scripts/library-sql.ts from the rules in src/domain (sentence.ts, value-keys.ts,
-- search-text.ts); see docs/library.md. Never edit once applied: write a new migration.
`;
process.stdout.write(`${header}${statements.join(`\n${BREAK}\n`)}\n`);
