import { describe, expect, it } from 'vitest';
import { csvCell, csvUnneutralise, exportStream, type ExportColumn } from '../../../src/services/export-writers';
import { parseCsv } from '../../csv-reader';

/** The bytes as text, keeping a byte-order mark (Response.text() would drop it). */
const read = async (stream: ReadableStream<Uint8Array>) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell({ amount: 80000, currency: 'TJS' })).toBe('"{""amount"":80000,""currency"":""TJS""}"');
  });

  it('neutralises what a spreadsheet would run as a formula, and the rule can be undone exactly', () => {
    for (const dangerous of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'=1"]) {
      const cell = csvCell(dangerous);
      const [[read]] = parseCsv(cell + '\r\n');
      expect(read.startsWith("'")).toBe(true);
      expect(csvUnneutralise(read)).toBe(dangerous);
    }
    expect(csvCell("'quoted'")).toBe("'quoted'");
    expect(csvUnneutralise("'quoted'")).toBe("'quoted'");
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
