/**
 * Streaming CSV and JSON Lines writers for exports of any size: a ReadableStream that asks
 * for one page of rows at a time when the reader wants more (constant memory, backpressure
 * from the client's connection).
 *
 * CSV is RFC 4180 (comma, CRLF, double quotes doubled) in UTF-8 with a byte-order mark, so
 * spreadsheet programs open it with the right encoding. Against formula injection (OWASP "CSV
 * Injection", ASVS 5 1.2.10): a cell that a spreadsheet would take for a formula (it starts
 * with `=`, `+`, `-`, `@`, a tab, a carriage return, a line feed or a NUL) gets a leading
 * apostrophe, and so does a cell that starts with an apostrophe followed by one of those, so
 * the rule can be undone exactly (`csvUnneutralise`); and every non-empty cell is quoted, so a
 * spreadsheet whose list separator is `;` (most of Europe) cannot split `total;=1+2` into a
 * second cell that starts with `=`.
 */

export type ExportFormat = 'csv' | 'jsonl';

export interface ExportColumn<Row> {
  name: string;
  get(row: Row): unknown;
}

/** Columns that are the row's own fields, named as in the API, in the order given. */
export function ownColumns<Row>(...names: (keyof Row & string)[]): ExportColumn<Row>[] {
  return names.map((name) => ({ name, get: (row: Row) => row[name] }));
}

export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';
export const JSONL_MEDIA_TYPE = 'application/jsonl; charset=utf-8';
const BOM = '\uFEFF';

/** A formula's first character, after any apostrophes (which are prefixed too, so `csvUnneutralise` is exact). */
const FORMULA_START = /^'*[=+\-@\t\r\n\0]/;

/** A cell as text: null/undefined empty, objects as JSON, then neutralised and quoted. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (text === '') return '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The inverse of the apostrophe added by `csvCell` (for readers that want the stored text back). */
export function csvUnneutralise(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** One page of rows and the cursor of the next page (null at the end). */
export interface ExportPage<Row> {
  rows: Row[];
  next: string | null;
}

/**
 * The export as a byte stream: a header (CSV) and then each page's rows as they are read.
 *
 * @example new Response(exportStream('csv', columns, (cursor) => listPage(db, cursor)), { headers: { 'Content-Type': CSV_MEDIA_TYPE } })
 */
export function exportStream<Row>(format: ExportFormat, columns: ExportColumn<Row>[], page: (cursor: string | null) => Promise<ExportPage<Row>>, jsonl?: (row: Row) => unknown): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (done) return;
        let out = '';
        if (!started) {
          started = true;
          if (format === 'csv') out += BOM + csvLine(columns.map((c) => c.name));
        }
        const { rows, next } = await page(cursor);
        for (const row of rows) {
          out += format === 'csv' ? csvLine(columns.map((c) => c.get(row))) : JSON.stringify(jsonl ? jsonl(row) : Object.fromEntries(columns.map((c) => [c.name, c.get(row)]))) + '\n';
        }
        if (out) controller.enqueue(encoder.encode(out));
        cursor = next;
        if (!next) {
          done = true;
          controller.close();
        }
      },
    },
    // One page ahead at most: the stream reads the next page while the client takes this one.
    { highWaterMark: 1 },
  );
}

/** Headers for a download named `name.<format>`. */
export function exportHeaders(format: ExportFormat, name: string): Record<string, string> {
  return {
    'Content-Type': format === 'csv' ? CSV_MEDIA_TYPE : JSONL_MEDIA_TYPE,
    'Content-Disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}.${format}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}
