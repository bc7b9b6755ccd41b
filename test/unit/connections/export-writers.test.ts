import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, csvUnneutralise, exportStream, type ExportColumn } from '../../../src/services/export-writers';
import { parseCsv } from '../../csv-reader';

/** The bytes as text, keeping a byte-order mark (Response.text() would drop it). */
const read = async (stream: ReadableStream<Uint8Array>) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());

/**
 * Text as a spreadsheet program reads it with `separator` as its list separator: a double quote
 * anywhere toggles quoting (two inside quotes are one quote); the separator and line breaks
 * split only outside quotes.
 */
function readAsSpreadsheet(text: string, separator: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = !quoted;
    } else if (!quoted && ch === separator) {
      rows[rows.length - 1].push(cell);
      cell = '';
    } else if (!quoted && (ch === '\r' || ch === '\n')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      rows[rows.length - 1].push(cell);
      cell = '';
      rows.push([]);
    } else cell += ch;
  }
  if (cell !== '') rows[rows.length - 1].push(cell);
  return rows.filter((r) => r.length);
}

describe('CSV cells', () => {
  it('quotes every non-empty cell as RFC 4180 says (quotes doubled)', () => {
    const cases: [unknown, string][] = [
      ['plain', '"plain"'],
      ['a,b', '"a,b"'],
      ['say "no"', '"say ""no"""'],
      ['two\nlines', '"two\nlines"'],
      [null, ''],
      ['', ''],
      [true, '"true"'],
      [{ amount: 80000, currency: 'TJS' }, '"{""amount"":80000,""currency"":""TJS""}"'],
    ];
    for (const [value, cell] of cases) expect(csvCell(value), JSON.stringify(value)).toBe(cell);
  });

  it('neutralises what a spreadsheet would run as a formula, and the rule can be undone exactly', () => {
    for (const dangerous of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '\0=1', "'=1", "''=1"]) {
      const cell = csvCell(dangerous);
      const [[read]] = parseCsv(cell + '\r\n');
      expect(read.startsWith("'"), JSON.stringify(dangerous)).toBe(true);
      expect(csvUnneutralise(read)).toBe(dangerous);
    }
    expect(csvCell("'quoted'")).toBe(`"'quoted'"`);
    expect(csvUnneutralise("'quoted'")).toBe("'quoted'");
  });

  it('starts no cell with a formula when a spreadsheet splits lines at `;` or a tab instead of `,`', () => {
    // Excel and LibreOffice open a .csv with the locale's list separator (`;` in most of Europe),
    // and honour double quotes (OWASP www-community#443): `total;=1+2` must not become a cell `=1+2`.
    const hostile = ['total;=1+2', "x;=HYPERLINK('http://evil.example')", 'a\t@SUM(A1:A2)', 'n;-2+3', 'q;+1', "it's;'=1", 'a,=1+1', 'two\n=lines', 'ok'];
    const line = csvLine(['clm_1', ...hostile, null, 42]);
    for (const separator of [',', ';', '\t']) {
      for (const row of readAsSpreadsheet(line, separator)) {
        for (const cell of row) expect(cell, `${JSON.stringify(cell)} read with ${JSON.stringify(separator)}`).not.toMatch(/^[=+\-@\t\r\n\0]/);
      }
    }
    expect(parseCsv(line)[0].map(csvUnneutralise)).toEqual(['clm_1', ...hostile, '', '42']);
  });
});

describe('export streams', () => {
  type Row = { id: number; text: string };
  const columns: ExportColumn<Row>[] = [{ name: 'id', get: (r) => r.id }, { name: 'text', get: (r) => r.text }];
  const pages = (n: number, size: number) => async (cursor: string | null) => {
    const page = cursor ? Number(cursor) : 0;
    const rows = Array.from({ length: size }, (_, i) => ({ id: page * size + i, text: `=row ${page * size + i}, "quoted"\r\nnaïve ✓` }));
    return { rows, next: page + 1 < n ? String(page + 1) : null };
  };

  it('writes a BOM, a header and every page of rows as CSV, which reads back equal', async () => {
    const text = await read(exportStream('csv', columns, pages(3, 4)));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['id', 'text']);
    expect(rows.slice(1).map(([id, t]) => ({ id: Number(id), text: csvUnneutralise(t) }))).toEqual(Array.from({ length: 12 }, (_, i) => ({ id: i, text: `=row ${i}, "quoted"\r\nnaïve ✓` })));
  });

  it('writes one JSON object per line, without a BOM', async () => {
    const text = await read(exportStream('jsonl', columns, pages(2, 3)));
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(Array.from({ length: 6 }, (_, i) => ({ id: i, text: `=row ${i}, "quoted"\r\nnaïve ✓` })));
  });

  it('reads a page only when the reader wants more (constant memory)', async () => {
    let reads = 0;
    const stream = exportStream('jsonl', columns, async (cursor) => {
      reads++;
      return { rows: [{ id: reads, text: 'x' }], next: String(Number(cursor ?? 0) + 1) }; // endless
    });
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toBeLessThanOrEqual(3);
    await reader.cancel();
  });
});
