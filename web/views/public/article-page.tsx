import type { PublicArticle } from '../../../src/services/public-feed';
import { humanDate, hostOf, paragraphs } from './format';
import { PublicPage } from './shell';

/**
 * The article as a readable page with the reader embed on it: the demo a newsroom sees
 * first. The text sits alone in <article>, exactly as stored, so the embed's position
 * selectors land on the first try.
 */
export function ArticlePage({ host, article, publicCount }: { host: string; article: PublicArticle; publicCount: number }) {
  const url = `${host}/articles/${encodeURIComponent(article.slug)}`;
  const description = `${publicCount} fact-checked claim${publicCount === 1 ? '' : 's'} in “${article.title}” (${article.publisher}), highlighted in the text.`;
  return (
    <PublicPage title={`${article.title} — checked by Factmark`} meta={{ title: article.title, description, url }}>
      <main class="public-main article-page">
        <header class="article-head">
          <p class="kicker">{article.publisher}</p>
          <h1>{article.title}</h1>
          <p class="byline">
            {article.author ? <>By {article.author} · </> : null}
            <time datetime={article.publishedAt}>{humanDate(article.publishedAt)}</time> ·{' '}
            <a href={article.url} rel="noopener">
              Original on {hostOf(article.url)}
            </a>
          </p>
          <p class="demo-note">
            {publicCount
              ? `${publicCount} claim${publicCount === 1 ? ' is' : 's are'} fact-checked. Highlighted claims open their verdict on hover, tap or keyboard focus.`
              : 'No claim in this article has a published fact-check yet.'}{' '}
            Publishers add the same highlights to their own page with one tag:{' '}
            <code>{`<script src="${host}/embed.js" data-article="${article.slug}" async></script>`}</code>
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
