import * as S from '../api-schemas';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { acceptSuggestion, getClaimDetail, getClaimRow, listClaims, serialiseClaim, updateClaim } from '../services/claims';
import { claimHistory } from '../services/events';
import { addSource, proposeVerdict, removeSource, updateSource } from '../services/evidence';
import { dismissClaim, editorsQueue, flagClaim, publishClaim, reopenClaim, returnClaim, unpublishClaim } from '../services/workflow';
import { bulkAct } from '../services/bulk';
import { problemOf } from '../problem';
import { defineRoute } from './contract';
import { dbOf, queryVersion, versionFrom, withClaimVersion, withEtag } from './helpers';

/** Claims, their sources and verdicts, and the review workflow. */
export const claimRoutes = [
  defineRoute({ method: 'get', path: '/claims', summary: 'List claims by filters, keyset-paginated', tag: 'claims', permission: 'claim.list', query: S.ClaimListQuery, ok: 200 }, async (c, { query }) =>
    c.json(await listClaims(dbOf(c), query, c.get('actor'))),
  ),
  defineRoute({ method: 'get', path: '/claims/{id}', summary: 'Get a claim with its sources, verdict history and flags', tag: 'claims', permission: 'claim.read', ok: 200 }, async (c, { params }) =>
    withEtag(c, await getClaimDetail(dbOf(c), params.id)),
  ),
  defineRoute({
    method: 'patch', path: '/claims/{id}', summary: 'Update kind, value, statement, subject, speaker, assignee', tag: 'claims', permission: 'claim.update', body: S.UpdateClaim, ok: 200, versioned: true,
    description: S.VALUE_IN_WORDS,
    requestExample: { value: '12 to 15 years', statement: 'Mirsaidov was sentenced to 12 to 15 years in prison.', version: 4 },
  }, async (c, { params, body }) => {
    const { version, ...patch } = body;
    return withEtag(c, serialiseClaim(recordWrite(c, await updateClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, version), patch))));
  }),
  defineRoute({ method: 'get', path: '/claims/{id}/history', summary: 'The claim\u2019s audit trail, oldest first', tag: 'claims', permission: 'claim.history', ok: 200 }, async (c, { params }) => {
    const db = dbOf(c);
    const claim = await getClaimRow(db, params.id);
    return c.json({ claimId: claim.id, items: await claimHistory(db, claim.id) });
  }),
  defineRoute({ method: 'post', path: '/claims/{id}/accept', summary: 'Accept a machine suggestion', tag: 'claims', permission: 'claim.accept', body: S.VersionOnly, ok: 200, versioned: true }, async (c, { params, body }) =>
    withEtag(c, serialiseClaim(recordWrite(c, await acceptSuggestion(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version))))),
  ),
  defineRoute({ method: 'post', path: '/claims/{id}/sources', summary: 'Add a source (http/https only)', tag: 'sources', permission: 'source.add', body: S.CreateSource, ok: 201, versioned: true }, async (c, { params, body }) => {
    const { version, ...input } = body;
    const { claim, source } = recordWrite(c, await addSource(dbOf(c), requireActor(c), params.id, versionFrom(c, version), input));
    return withClaimVersion(c, claim, 'source', source, 201);
  }),
  defineRoute({ method: 'patch', path: '/sources/{id}', summary: 'Edit a source (version = the claim\u2019s)', tag: 'sources', permission: 'source.update', body: S.UpdateSource, ok: 200, versioned: true }, async (c, { params, body }) => {
    const { version, ...patch } = body;
    const { claim, source } = recordWrite(c, await updateSource(dbOf(c), requireActor(c), params.id, versionFrom(c, version), patch));
    return withClaimVersion(c, claim, 'source', source);
  }),
  defineRoute({ method: 'delete', path: '/sources/{id}', summary: 'Remove a source (version = the claim\u2019s)', tag: 'sources', permission: 'source.remove', ok: 204, versioned: true }, async (c, { params }) => {
    const { claim } = recordWrite(c, await removeSource(dbOf(c), requireActor(c), params.id, versionFrom(c, queryVersion(c))));
    c.header('ETag', `"${claim.version}"`);
    return c.body(null, 204);
  }),
  defineRoute({
    method: 'post', path: '/claims/{id}/verdicts', summary: 'Propose a verdict', tag: 'verdicts', permission: 'verdict.propose', body: S.CreateVerdict, ok: 201, versioned: true,
    description: 'A verdict may carry the figure that is right (`correctValue`), in the claim\u2019s kind and in either form a `value` takes; readers see "Claimed: 12 years · Actually: 10 years".',
    requestExample: { rating: 'misleading', summary: 'The appeal court cut the term to ten years.', correctValue: '10 years', version: 5 },
  }, async (c, { params, body }) => {
    const { version, ...input } = body;
    const { claim, verdict } = recordWrite(c, await proposeVerdict(dbOf(c), requireActor(c), params.id, versionFrom(c, version), input));
    return withClaimVersion(c, claim, 'verdict', verdict, 201);
  }),
  defineRoute({ method: 'post', path: '/claims/{id}/flag', summary: 'Flag to the editors with a reason', tag: 'workflow', permission: 'claim.flag', body: S.FlagClaim, ok: 200, versioned: true }, async (c, { params, body }) => {
    const { version, ...input } = body;
    return withEtag(c, serialiseClaim(recordWrite(c, await flagClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, version), input))));
  }),
  defineRoute(
    {
      method: 'post', path: '/claims/{id}/publish', summary: 'Publish the latest verdict (optionally with the editor’s amended wording)', tag: 'workflow', permission: 'claim.publish', body: S.PublishClaim, ok: 200, versioned: true,
      requestExample: { version: 4, verdict: { summary: 'False: the court gave 10 years on appeal, not 12.' } },
    },
    async (c, { params, body }) => withEtag(c, serialiseClaim(recordWrite(c, await publishClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version), body.verdict)))),
  ),
  defineRoute({ method: 'post', path: '/claims/{id}/return', summary: 'Return to the fact-checkers with a note', tag: 'workflow', permission: 'claim.return', body: S.ReturnClaim, ok: 200, versioned: true }, async (c, { params, body }) =>
    withEtag(c, serialiseClaim(recordWrite(c, await returnClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version), body.note)))),
  ),
  defineRoute({ method: 'post', path: '/claims/{id}/dismiss', summary: 'Dismiss (checker: open claims; editor: flagged ones too)', tag: 'workflow', permission: 'claim.dismiss', body: S.NoteOptional, ok: 200, versioned: true }, async (c, { params, body }) =>
    withEtag(c, serialiseClaim(recordWrite(c, await dismissClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version), body.note ?? null)))),
  ),
  defineRoute({ method: 'post', path: '/claims/{id}/unpublish', summary: 'Withdraw a public claim', tag: 'workflow', permission: 'claim.unpublish', body: S.NoteOptional, ok: 200, versioned: true }, async (c, { params, body }) =>
    withEtag(c, serialiseClaim(recordWrite(c, await unpublishClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version), body.note ?? null)))),
  ),
  defineRoute({ method: 'post', path: '/claims/{id}/reopen', summary: 'Reopen a dismissed claim', tag: 'workflow', permission: 'claim.reopen', body: S.VersionOnly, ok: 200, versioned: true }, async (c, { params, body }) =>
    withEtag(c, serialiseClaim(recordWrite(c, await reopenClaim(dbOf(c), requireActor(c), params.id, versionFrom(c, body.version))))),
  ),
  defineRoute({ method: 'get', path: '/queue', summary: 'The editors\u2019 queue of flagged claims (`?to=me`: flagged to you by name)', tag: 'workflow', permission: 'queue.read', query: S.QueueQuery, ok: 200 }, async (c, { query }) =>
    c.json(await editorsQueue(dbOf(c), 100, { to: query.to === 'me' ? requireActor(c).userId : undefined })),
  ),
  defineRoute(
    {
      method: 'post', path: '/claims/bulk', summary: 'Accept, dismiss, assign or publish many claims at once; answers per item', tag: 'claims', permission: 'claim.bulk', body: S.BulkAction, ok: 200,
      description:
        'Up to 100 items `{id, version}` (more, or an id listed twice: 422 before anything is written). Each action needs the role of its single form (publish: editors; 403 for the whole request otherwise). ' +
        'Each item is checked as the single action would be and answered on its own: `{id, ok: true, version, status}` or `{id, ok: false, problem}` (a stale version, a refused transition, an unknown id). ' +
        'One item’s refusal never blocks the others, and nothing is half-written: the items are written in one batch where each is guarded by its own version, so an item changed by someone else meanwhile is refused whole (no change, no event).',
      requestExample: { action: 'accept', items: [{ id: 'clm_demo_01', version: 1 }, { id: 'clm_demo_02', version: 1 }] },
      response: {
        description: '`{action, done, failed, results}` in the order of `items`',
        example: { action: 'accept', done: 1, failed: 1, results: [{ id: 'clm_demo_01', ok: true, version: 2, status: 'open' }, { id: 'clm_demo_02', ok: false, problem: { type: '/api/v1/problems#stale-version', title: 'Conflict', status: 409, detail: 'The claim is at version 3, your change was based on version 1; reload it and apply your change again.' } }] },
      },
    },
    async (c, { body }) => {
      const results = recordWrite(c, await bulkAct(dbOf(c), requireActor(c), body));
      const items = results.map((r) => (r.ok ? { id: r.id, ok: true as const, version: r.claim.version, status: r.claim.status, returned: r.claim.returnedAt !== null, suggested: r.claim.suggested, assigneeId: r.claim.assigneeId } : { id: r.id, ok: false as const, problem: problemOf(r.error, c).body }));
      const done = items.filter((i) => i.ok).length;
      return c.json({ action: body.action, done, failed: items.length - done, results: items });
    },
  ),
];
