/**
 * A Slack incoming-webhook message for one event: what happened, the claim, its rating, the
 * article and a link, in Block Kit with a plain `text` fallback (used in notifications).
 * Everything that came from people is escaped for Slack's mrkdwn (`&`, `<`, `>`), so a quote
 * cannot open a link or a mention (`<!channel>`).
 */
import type { WebhookEventType, WebhookPayload } from '../domain/webhooks';

/** Slack's mrkdwn control characters, escaped as its documentation asks. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<url|label>`; the URL may not carry `|` or `>` unescaped, the label is escaped text. */
export function slackLink(url: string, label: string): string {
  const safeUrl = slackEscape(url).replace(/\|/g, '%7C');
  return `<${safeUrl}|${slackEscape(label).replace(/\|/g, '¦')}>`;
}

function cut(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

/**
 * Text escaped for mrkdwn in at most `max` characters once escaped (Slack refuses a section
 * over 3,000, and `&` grows fivefold), cut between characters, never inside an entity.
 */
function escapedCut(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  let out = '';
  for (const [i, ch] of chars.entries()) {
    const piece = slackEscape(ch);
    if (out.length + piece.length > max - (i < chars.length - 1 ? 1 : 0)) return `${out}…`;
    out += piece;
  }
  return out;
}

const HEADLINES: Record<WebhookEventType, string> = {
  'claim.flagged': 'Claim flagged to the editors',
  'claim.returned': 'Claim returned to the fact-checkers',
  'claim.published': 'Fact-check published',
  'claim.unpublished': 'Fact-check withdrawn',
  'article.created': 'Article loaded',
  'claim.text_changed': 'The article changed under a claim',
  'comment.created': 'New comment on a claim',
};

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
  unfurl_links: false;
}

/**
 * The Slack message for a webhook payload.
 *
 * @example slackMessage(payload).text // 'Fact-check published: “12 years in prison” — True'
 */
export function slackMessage(payload: WebhookPayload): SlackMessage {
  const { data } = payload;
  const headline = HEADLINES[payload.type];
  const claim = data.claim;
  const verdict = data.verdict ?? null;
  const quote = claim ? cut(claim.quote, 300) : null;
  const link = claim ? (claim.links.public ?? claim.links.app) : data.article.links.app;
  const linkLabel = claim ? (claim.links.public ? 'Open the fact-check' : 'Open in Factmark') : 'Open in Factmark';

  const lines: string[] = [];
  if (claim) lines.push(`> “${escapedCut(claim.quote, 300)}”`);
  if (verdict) lines.push(`*Rating:* ${slackEscape(verdict.ratingLabel)} — ${escapedCut(verdict.summary, 500)}`);
  const change = data.change;
  if (change?.reason) lines.push(`*Reason:* ${escapedCut(change.reason, 500)}`);
  if (change?.note) lines.push(`*Note:* ${escapedCut(change.note, 500)}`);
  if (data.comment) lines.push(`*${escapedCut(data.comment.authorName ?? 'Someone', 100)}:* ${escapedCut(data.comment.body, 500)}`);
  if (!claim) lines.push(`*${escapedCut(data.article.title, 200)}*`);

  const article = `${slackLink(data.article.url, cut(data.article.title, 150))} (${escapedCut(data.article.publisher, 100)})`;
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${headline}* · ${slackLink(link, linkLabel)}` } },
    ...(lines.length ? [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }] : []),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Article: ${article} · by ${escapedCut(data.actor.name, 100)}` }] },
  ];
  const fallback = [headline + (quote ? `: “${quote}”` : `: ${cut(data.article.title, 200)}`), verdict ? verdict.ratingLabel : null].filter(Boolean).join(' — ');
  return { text: slackEscape(fallback), blocks, unfurl_links: false };
}
