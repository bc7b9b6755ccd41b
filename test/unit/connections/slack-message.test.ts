import { describe, expect, it } from 'vitest';
import { slackEscape, slackLink, slackMessage } from '../../../src/services/slack-message';
import type { WebhookPayload } from '../../../src/domain/webhooks';

const host = 'https://factmark.example';
function payload(overrides: Partial<WebhookPayload['data']> = {}, type: WebhookPayload['type'] = 'claim.published'): WebhookPayload {
  return {
    type,
    timestamp: '2026-01-01T00:00:00.000Z',
    data: {
      article: { id: 'art_1', slug: 'a', title: 'Mayor <b>sentenced</b> & fined', url: 'https://news.example/a?x=1&y=2', publisher: 'Example News', author: null, publishedAt: '2024', links: { app: `${host}/app/articles/art_1`, public: `${host}/articles/a` } },
      claim: { id: 'clm_1', articleId: 'art_1', quote: '12 years <!channel> in prison', kind: 'sentence', value: 'P12Y', approximate: false, bound: null, subject: null, speaker: null, statement: null, status: 'published', public: true, publishedAt: '2026-01-01', version: 4, links: { app: `${host}/app/claims/clm_1`, public: `${host}/claims/clm_1` } },
      verdict: { id: 'vrd_1', rating: 'false', ratingLabel: 'False', summary: 'The court said 10 years.', createdAt: '2026-01-01' },
      change: { from: 'flagged', to: 'published', note: null },
      actor: { id: 'usr_1', name: 'Eve <Editor>' },
      ...overrides,
    },
  };
}

describe('Slack messages', () => {
  it('says what happened, the claim, its rating, the article and a link', () => {
    const m = slackMessage(payload());
    expect(m.text).toBe('Fact-check published: “12 years &lt;!channel&gt; in prison” — False');
    const all = JSON.stringify(m.blocks);
    expect(all).toContain('Fact-check published');
    expect(all).toContain('<https://factmark.example/claims/clm_1|Open the fact-check>');
    expect(all).toContain('*Rating:* False — The court said 10 years.');
    expect(all).toContain('<https://news.example/a?x=1&amp;y=2|Mayor &lt;b&gt;sentenced&lt;/b&gt; &amp; fined>');
    expect(all).toContain('by Eve &lt;Editor&gt;');
  });

  it('escapes what people wrote, so it cannot open a mention or a link', () => {
    const all = JSON.stringify(slackMessage(payload()));
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<b>');
    expect(slackEscape('a & <b>')).toBe('a &amp; &lt;b&gt;');
    expect(slackLink('https://x.example/a|b>c', 'x|y')).toBe('<https://x.example/a%7Cb&gt;c|x¦y>');
  });

  it('links a claim that is not public to the reviewer UI, and shows a flag’s reason', () => {
    const p = payload({ change: { from: 'open', to: 'flagged', reason: 'Check the court record', note: null } }, 'claim.flagged');
    p.data.claim = { ...p.data.claim!, public: false, links: { app: `${host}/app/claims/clm_1`, public: null } };
    const all = JSON.stringify(slackMessage(p).blocks);
    expect(all).toContain('Claim flagged to the editors');
    expect(all).toContain('<https://factmark.example/app/claims/clm_1|Open in Factmark>');
    expect(all).toContain('*Reason:* Check the court record');
  });

  it('announces a new article by its title', () => {
    const p = payload({ claim: undefined, verdict: undefined, change: undefined }, 'article.created');
    const m = slackMessage(p);
    expect(m.text).toBe('Article loaded: Mayor &lt;b&gt;sentenced&lt;/b&gt; &amp; fined');
    expect(JSON.stringify(m.blocks)).toContain('<https://factmark.example/app/articles/art_1|Open in Factmark>');
  });

  it('keeps every block within Slack’s 3,000 characters however much of what people wrote needs escaping, never cutting an entity', () => {
    // `&` grows to `&amp;`: text cut to 500 characters could be 2,500 once escaped, and a section over 3,000 is refused (400 invalid_blocks).
    const hostile = '&<>'.repeat(400);
    const m = slackMessage(payload({
      claim: { ...payload().data.claim!, quote: hostile },
      verdict: { ...payload().data.verdict!, summary: hostile },
      change: { from: 'open', to: 'flagged', reason: hostile, note: hostile },
      actor: { id: 'usr_1', name: hostile },
    }, 'claim.flagged'));
    const texts = m.blocks.flatMap((b) => [(b.text as { text?: string } | undefined)?.text, ...((b.elements as { text: string }[] | undefined) ?? []).map((e) => e.text)]).filter((t): t is string => typeof t === 'string');
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(3000);
      // Every & opens a whole entity.
      expect(t.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
    expect(texts.join('\n')).toContain('…');
  });
});
