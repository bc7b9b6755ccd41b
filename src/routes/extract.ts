import * as S from '../api-schemas';
import { DomainError } from '../domain/errors';
import { EXTRACTOR_VERSION, extractInPieces, type Candidate } from '../extract';
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
];
