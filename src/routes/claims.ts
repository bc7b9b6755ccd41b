import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { ClaimListQuery, CreateSource, CreateVerdict, FlagClaim, NoteOptional, ReturnClaim, UpdateClaim, UpdateSource, VersionOnly } from '../api-schemas';
import { requireActor, requireRole } from '../middleware/auth';
import { acceptSuggestion, getClaimDetail, getClaimRow, listClaims, serialiseClaim, updateClaim } from '../services/claims';
import { claimHistory } from '../services/events';
import { addSource, proposeVerdict, removeSource, updateSource } from '../services/evidence';
import { dismissClaim, editorsQueue, flagClaim, publishClaim, reopenClaim, returnClaim, unpublishClaim } from '../services/workflow';
import { validate } from '../validation';
import { dbOf, versionFrom, withEtag } from './helpers';
import { purgeFeedsAfterWrite } from './feed-http';

/** Claims, their sources and verdicts, and the review workflow. */
export const claimRoutes = new Hono<AppEnv>()
  .get('/claims', requireRole('checker', 'list claims'), validate('query', ClaimListQuery), async (c) => {
    return c.json(await listClaims(dbOf(c), c.req.valid('query'), c.get('actor')));
  })
  .get('/claims/:id', requireRole('checker', 'read claims'), async (c) => {
    return withEtag(c, await getClaimDetail(dbOf(c), c.req.param('id')));
  })
  .patch('/claims/:id', requireRole('checker', 'edit claims'), validate('json', UpdateClaim), async (c) => {
    const { version, ...patch } = c.req.valid('json');
    const claim = await updateClaim(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), patch);
    return withEtag(c, serialiseClaim(claim));
  })
  .get('/claims/:id/history', requireRole('checker', 'read claim history'), async (c) => {
    const db = dbOf(c);
    const claim = await getClaimRow(db, c.req.param('id'));
    return c.json({ claimId: claim.id, items: await claimHistory(db, claim.id) });
  })
  .post('/claims/:id/accept', requireRole('checker', 'accept suggestions'), validate('json', VersionOnly), async (c) => {
    const claim = await acceptSuggestion(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, c.req.valid('json').version));
    return withEtag(c, serialiseClaim(claim));
  })
  .post('/claims/:id/sources', requireRole('checker', 'add sources'), validate('json', CreateSource), async (c) => {
    const { version, ...input } = c.req.valid('json');
    const { claim, source } = await addSource(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), input);
    c.header('ETag', `"${claim.version}"`);
    return c.json({ source, claimVersion: claim.version }, 201);
  })
  .patch('/sources/:id', requireRole('checker', 'edit sources'), validate('json', UpdateSource), async (c) => {
    const { version, ...patch } = c.req.valid('json');
    const { claim, source } = await updateSource(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), patch);
    c.header('ETag', `"${claim.version}"`);
    return c.json({ source, claimVersion: claim.version });
  })
  .delete('/sources/:id', requireRole('checker', 'remove sources'), async (c) => {
    const v = c.req.query('version');
    const { claim } = await removeSource(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, v && /^\d+$/.test(v) ? Number(v) : undefined));
    c.header('ETag', `"${claim.version}"`);
    return c.body(null, 204);
  })
  .post('/claims/:id/verdicts', requireRole('checker', 'propose verdicts'), validate('json', CreateVerdict), async (c) => {
    const { version, ...input } = c.req.valid('json');
    const { claim, verdict } = await proposeVerdict(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), input);
    c.header('ETag', `"${claim.version}"`);
    return c.json({ verdict, claimVersion: claim.version }, 201);
  })
  .post('/claims/:id/flag', requireRole('checker', 'flag claims'), validate('json', FlagClaim), async (c) => {
    const { version, ...input } = c.req.valid('json');
    return withEtag(c, serialiseClaim(await flagClaim(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), input)));
  })
  .post('/claims/:id/publish', requireRole('editor', 'publish claims'), validate('json', VersionOnly), async (c) => {
    const claim = await publishClaim(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, c.req.valid('json').version));
    await purgeFeedsAfterWrite(c, { article: claim.articleId, claimIds: [claim.id] });
    return withEtag(c, serialiseClaim(claim));
  })
  .post('/claims/:id/return', requireRole('editor', 'return claims'), validate('json', ReturnClaim), async (c) => {
    const { version, note } = c.req.valid('json');
    return withEtag(c, serialiseClaim(await returnClaim(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), note)));
  })
  .post('/claims/:id/dismiss', requireRole('checker', 'dismiss claims'), validate('json', NoteOptional), async (c) => {
    const { version, note } = c.req.valid('json');
    return withEtag(c, serialiseClaim(await dismissClaim(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), note ?? null)));
  })
  .post('/claims/:id/unpublish', requireRole('editor', 'unpublish claims'), validate('json', NoteOptional), async (c) => {
    const { version, note } = c.req.valid('json');
    const claim = await unpublishClaim(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, version), note ?? null);
    await purgeFeedsAfterWrite(c, { article: claim.articleId, claimIds: [claim.id] });
    return withEtag(c, serialiseClaim(claim));
  })
  .post('/claims/:id/reopen', requireRole('checker', 'reopen claims'), validate('json', VersionOnly), async (c) => {
    return withEtag(c, serialiseClaim(await reopenClaim(dbOf(c), requireActor(c), c.req.param('id'), versionFrom(c, c.req.valid('json').version))));
  })
  .get('/queue', requireRole('editor', 'read the editors\u2019 queue'), async (c) => {
    return c.json(await editorsQueue(dbOf(c)));
  });
