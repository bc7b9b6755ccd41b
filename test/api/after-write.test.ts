import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REACTIONS, feedPurges, runAfterWrite, type AfterWriteContext, type Reaction } from '../../src/services/after-write';
import type { AuditEvent } from '../../src/services/events';
import { createArticle, createClaim, publishWith, signedIn } from './helpers';

const ctx: AfterWriteContext = { env, origin: 'https://factmark.test', requestId: 'req-test', waitUntil: null };

function event(action: string, fields: Partial<AuditEvent> = {}): AuditEvent {
  return { id: 1, at: '2026-01-01T00:00:00.000Z', actorUserId: null, actorTokenId: null, actorName: 'system', action, entityType: 'claim', entityId: 'clm_1', claimId: 'clm_1', articleId: 'art_1', before: null, after: null, ...fields };
}

describe('the after-write step', () => {
  afterEach(() => {
    delete REACTIONS.testBoom;
    delete REACTIONS.testSeen;
    vi.restoreAllMocks();
  });

  it('runs every reaction on the events; a failing one is logged and the others still run', async () => {
    const seen: string[][] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reactions: Record<string, Reaction> = {
      boom: async () => {
        throw new Error('webhook endpoint down');
      },
      record: async (_ctx, events) => {
        seen.push(events.map((e) => e.action));
      },
    };
    await expect(runAfterWrite(ctx, [event('claim.flag')], reactions)).resolves.toBeUndefined();
    expect(seen).toEqual([['claim.flag']]);
    expect(errors).toHaveBeenCalledOnce();
    expect(JSON.parse(String(errors.mock.calls[0][0]))).toMatchObject({ reaction: 'boom', requestId: 'req-test', error: 'webhook endpoint down' });
  });

  it('does nothing for a request that wrote nothing', async () => {
    const react = vi.fn(async () => undefined);
    await runAfterWrite(ctx, [], { react });
    expect(react).not.toHaveBeenCalled();
  });

  it('gets the committed events of a write through the API, and a failing reaction never fails the write', async () => {
    const seen: AuditEvent[][] = [];
    REACTIONS.testSeen = async (_ctx, events) => {
      seen.push(events);
    };
    REACTIONS.testBoom = async () => {
      throw new Error('boom');
    };
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const editor = await signedIn('editor');
    const article = await createArticle(editor);
    const claim = await createClaim(editor, article.id);
    const published = await publishWith(editor, claim, { rating: 'true', summary: 'Court records confirm it.' });
    expect(published.version).toBe(claim.version + 3);
    const actions = seen.flat().map((e) => e.action);
    expect(actions).toEqual(['article.create', 'claim.create', 'verdict.propose', 'claim.flag', 'claim.publish']);
    // The rows as stored: ids, times, the claim and article they concern.
    expect(seen.at(-1)?.[0]).toMatchObject({ id: expect.any(Number), at: expect.any(String), claimId: claim.id, articleId: article.id, after: { status: 'published' } });
  });
});

describe('the feed purge reaction', () => {
  it('purges an article for a publish or an unpublish, with the claim', () => {
    expect(feedPurges([event('claim.publish'), event('claim.unpublish', { claimId: 'clm_2' }), event('claim.flag', { claimId: 'clm_3' })])).toEqual([{ article: 'art_1', claimIds: ['clm_1', 'clm_2'] }]);
  });

  it('purges the old slug of an edited or deleted article, and nothing for other writes', () => {
    const update = event('article.update', { entityType: 'article', entityId: 'art_1', claimId: null, before: { slug: 'old-slug' }, after: { slug: 'new-slug' } });
    const gone = event('article.delete', { entityType: 'article', entityId: 'art_2', claimId: null, articleId: 'art_2', before: { slug: 'gone' } });
    expect(feedPurges([update, gone])).toEqual([{ article: 'art_1', slugs: ['old-slug'] }, { slugs: ['gone'] }]);
    expect(feedPurges([event('source.add'), event('verdict.propose'), event('claim.return')])).toEqual([]);
  });

  it('purges for an edit of a claim that is (or was) public, not for one of a private claim', () => {
    const publicEdit = event('claim.update', { before: { kind: 'money', public: true }, after: { kind: 'count', public: true } });
    const draftEdit = event('claim.update', { claimId: 'clm_2', before: { kind: 'money', public: false }, after: { kind: 'count', public: false } });
    expect(feedPurges([publicEdit, draftEdit])).toEqual([{ article: 'art_1', claimIds: ['clm_1'] }]);
  });
});
