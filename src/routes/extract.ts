import * as S from '../api-schemas';
import { DomainError } from '../domain/errors';
import { EXTRACTOR_VERSION, extractClaims } from '../extract';
import { defineRoute } from './contract';

/** Stateless extraction: candidates for any text, stored nowhere. */
export const extractRoutes = [
  defineRoute({ method: 'post', path: '/extract', summary: 'Extract candidate claims from any text (stateless)', tag: 'extract', permission: 'extract.run', body: S.Extract, ok: 200 }, (c, { body }) => {
    const { text, publishedAt } = body;
    if (text.length > S.MAX_EXTRACT_TEXT) {
      throw new DomainError('text-too-large', `The text has ${text.length} characters; the extractor takes at most ${S.MAX_EXTRACT_TEXT}.`, { errors: [{ field: 'text', message: `is longer than ${S.MAX_EXTRACT_TEXT} characters` }] });
    }
    return c.json({ extractorVersion: EXTRACTOR_VERSION, candidates: extractClaims(text, { publishedAt }) });
  }),
];
