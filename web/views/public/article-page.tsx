import { formatPartialDate } from '../../../src/domain/value-format';
import type { PublicArticle } from '../../../src/services/public-feed';
import { hostOf, paragraphs } from './format';
import { PublicPage, type PublicOrg } from './shell';

/**
 * The article as a readable page with the reader embed on it. The text sits alone in
 * <article>, exactly as stored, so the embed's position selectors land on the first try.
 * Readers only: the tag publishers paste is in the reviewer UI (the article's page there).
 */
export function ArticlePage({ host, org, article, publicCount }: { host: string; org: PublicOrg; article: PublicArticle; publicCount: number }) {
  const url = `${host}/articles/${encodeURIComponent(article.slug)}`;
  const description = `${publicCount} fact-checked claim${publicCount === 1 ? '' : 's'} in “${article.title}” (${article.publisher}), highlighted in the text.`;
  return (
    <PublicPage title={`${article.title} — checked by ${org.name}`} org={org} meta={{ title: article.title, description, url }}>
      <main class="public-main article-page">
        <header class="article-head">
          <p class="kicker">{article.publisher}</p>
          <h1>{article.title}</h1>
          <p class="byline">
            {article.author ? <>By {article.author} · </> : null}
            <time datetime={article.publishedAt}>{formatPartialDate(article.publishedAt)}</time> ·{' '}
            <a href={article.url} rel="noopener">
              Original on {hostOf(article.url)}
            </a>
          </p>
          <p class="demo-note">
            {`${publicCount} claim${publicCount === 1 ? ' is' : 's are'} fact-checked by ${org.name}. Highlighted claims open their verdict on hover, tap or keyboard focus.`}
          </p>
        </header>
        <article class="article-text" lang="en">
          {paragraphs(article.text).map((p) => {
            const lines = p.split('\n');
            return (
              <p>
                {lines.map((line, i) => (
                  <>
                    {i ? <br /> : null}
                    {line}
                  </>
                ))}
              </p>
            );
          })}
        </article>
      </main>
      <script src="/embed.js" data-article={article.slug} async></script>
    </PublicPage>
  );
}
