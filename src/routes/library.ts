import * as S from '../api-schemas';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { getArticle } from '../services/articles';
import { serialiseClaim } from '../services/claims';
import { reuseCheck } from '../services/evidence';
import { findMatches } from '../services/matching';
import { readSearch, searchArticles, searchClaims } from '../services/search';
import { defineRoute } from './contract';
import { dbOf, versionFrom } from './helpers';

const snippetExample = { text: '…a court sentenced Khayrullo Mirsaidov to 12 years in prison…', highlights: [[26, 35]] };

/** The claim library: search over articles and claims, matches between claims, reusing a check. */
export const libraryRoutes = [
  defineRoute(
    {
      method: 'get', path: '/search', summary: 'Search claims and articles, best first, with highlighted snippets', tag: 'library', permission: 'claim.list', query: S.SearchQueryParams, ok: 200,
      description:
        'Full-text search over claims (quote, its sentence, subject, speaker, the published verdict’s summary) and articles (title, publisher, author, text). ' +
        'Words must all occur; `"a phrase"`, `prefix*` (two letters at least), `-word` / `NOT word` and `a OR b` are understood; case and accents do not matter; ' +
        'scripts written without spaces (Chinese, Japanese, Thai…) match as substrings. A query that cannot be read answers 422 naming `q`. ' +
        '`snippet.highlights` are [start, end) code-point ranges of `snippet.text`. Pages with `offset`; `nextOffset` is null on the last page.',
      response: { description: 'Ranked claims and articles', example: { query: 'Mirsaidov', claims: { items: [{ claim: { id: 'clm_…', quote: '12 years in prison' }, article: { id: 'art_…', slug: 'freekhayrullo', title: '#FreeKhayrullo…', publisher: 'The Diplomat' }, snippet: snippetExample, rank: -3.2 }], nextOffset: null }, articles: { items: [], nextOffset: null } } },
    },
    async (c, { query }) => {
      const db = dbOf(c);
      const q = readSearch(query.q);
      const article = query.article ? (await getArticle(db, query.article)).id : undefined;
      const page = { limit: query.limit, offset: query.offset };
      const [claimHits, articleHits] = await Promise.all([
        query.type === 'articles' ? null : searchClaims(db, q, { ...page, status: query.status, kind: query.kind, article }),
        query.type === 'claims' ? null : searchArticles(db, q, page),
      ]);
      return c.json({
        query: query.q,
        claims: claimHits && { items: claimHits.items.map((h) => ({ ...h, claim: serialiseClaim(h.claim) })), nextOffset: claimHits.nextOffset },
        articles: articleHits,
      });
    },
  ),
  defineRoute(
    {
      method: 'get', path: '/claims/{id}/matches', summary: 'Claims elsewhere that state the same thing, best first', tag: 'library', permission: 'claim.read', query: S.MatchesQuery, ok: 200,
      description:
        'The claims in other articles whose kind, value and subject agree with this one (docs/library.md, “How matching decides”): at most 20, above the matcher’s threshold, best first. ' +
        '`reasons` names what agreed; `verdict` is the published check with the sources readers see, or null. `scope=open` keeps the claims still open or flagged.',
      response: { description: 'Matching claims', example: { claimId: 'clm_…', candidates: 12, items: [{ claim: { id: 'clm_…', quote: 'fined over $7,000' }, score: 0.81, reasons: ['same kind', 'bound covers', 'same names', 'same story'], article: { slug: 'smith-fined' }, verdict: { rating: 'true', summary: '…', sources: [] } }] } },
    },
    async (c, { params, query }) => c.json(await findMatches(dbOf(c), params.id, { limit: query.limit, statuses: query.scope === 'open' ? ['open', 'flagged'] : undefined })),
  ),
  defineRoute(
    {
      method: 'post', path: '/claims/{id}/reuse', summary: 'Reuse another claim’s published check as a proposed verdict', tag: 'library', permission: 'verdict.propose', body: S.ReuseCheck, ok: 201, versioned: true,
      description: 'Proposes on this claim the rating, summary and explanation of the published verdict of `from`, and copies the sources readers see with it. An editor still publishes it. The `verdict.propose` event records `reusedFrom`.',
      requestExample: { from: 'clm_…', version: 3 },
    },
    async (c, { params, body }) => {
      const { claim, verdict, sources } = recordWrite(c, await reuseCheck(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version), body.from));
      c.header('ETag', `"${claim.version}"`);
      return c.json({ verdict, sources, claimVersion: claim.version }, 201);
    },
  ),
];
