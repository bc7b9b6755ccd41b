import * as S from '../api-schemas';
import { DomainError } from '../domain/errors';
import { formatValue, machineValueText, valuePreview } from '../domain/value-format';
import { EXTRACTOR_VERSION, extractInPieces, parseValueText, type Candidate } from '../extract';
import { defineRoute } from './contract';

/**
 * Candidates answered per call, at most. The extractor reads the text piece by piece and
 * stops once it has this many, so a text of nothing but figures costs one request no more
 * than a bounded amount of work and answer (`truncated: true`; `scannedTo` says how far it
 * read: candidates before it, in code points, are all there; send the rest again for more).
 */
export const MAX_EXTRACT_CANDIDATES = 2000;

/** Stateless extraction: candidates for any text, stored nowhere. */
export const extractRoutes = [
  defineRoute({ method: 'post', path: '/extract', summary: 'Extract candidate claims from any text (stateless)', tag: 'extract', permission: 'extract.run', body: S.Extract, ok: 200 }, (c, { body }) => {
    const { text, publishedAt } = body;
    if (text.length > S.MAX_EXTRACT_TEXT) {
      throw new DomainError('text-too-large', `The text has ${text.length} characters; the extractor takes at most ${S.MAX_EXTRACT_TEXT}.`, { errors: [{ field: 'text', message: `is longer than ${S.MAX_EXTRACT_TEXT} characters` }] });
    }
    const candidates: Candidate[] = [];
    let truncated = false;
    for (const piece of extractInPieces(text, { publishedAt })) {
      candidates.push(...piece);
      if (candidates.length > MAX_EXTRACT_CANDIDATES) {
        truncated = true;
        break;
      }
    }
    const kept = candidates.slice(0, MAX_EXTRACT_CANDIDATES);
    return c.json({ extractorVersion: EXTRACTOR_VERSION, candidates: kept, truncated, ...(truncated ? { scannedTo: kept[kept.length - 1].end } : {}) });
  }),
  defineRoute(
    {
      method: 'post',
      path: '/values/read',
      summary: 'Read a value typed in words (the live preview beside a value field)',
      description: 'Reads `text` as claims and verdicts read a `value` in words. Always 200: `{ok: true, value, …, preview}` or `{ok: false, message}` (what was expected).',
      tag: 'extract',
      permission: 'value.read',
      body: S.ReadValue,
      ok: 200,
      requestExample: { kind: 'sentence', text: '12 to 15 years', publishedAt: '2017-08' },
      response: {
        description: 'What the text reads as, or why it cannot be read.',
        example: { ok: true, value: { min: 'P12Y', max: 'P15Y' }, form: 'words', machine: 'P12Y/P15Y', words: '12 to 15 years', preview: 'P12Y/P15Y · 12 to 15 years' },
      },
    },
    (c, { body }) => {
      const read = parseValueText(body.kind, body.text, { publishedAt: body.publishedAt });
      if (!read.ok) return c.json({ ok: false, message: read.message });
      const q = { approximate: read.approximate, bound: read.bound };
      return c.json({ ...read, machine: machineValueText(read.value), words: formatValue(body.kind, read.value, q), preview: valuePreview(body.kind, read.value, q) });
    },
  ),
];
