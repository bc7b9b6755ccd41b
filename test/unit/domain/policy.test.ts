import { describe, expect, it } from 'vitest';
import { PERMISSIONS, TRANSITIONS, allowedActions, can, displayStatus, hasRole, tokenActsAs, transitionRefusal, type PolicyClaim } from '../../../src/domain/policy';
import { ROLES } from '../../../src/domain/vocabulary';

/** The claim states the workflow knows, as rows have them. */
const STATES: Record<string, PolicyClaim> = {
  open: { status: 'open', suggested: false, publishedVerdictId: null },
  suggested: { status: 'open', suggested: true, publishedVerdictId: null },
  flagged: { status: 'flagged', suggested: false, publishedVerdictId: null },
  published: { status: 'published', suggested: false, publishedVerdictId: 'vrd_1' },
  revision: { status: 'flagged', suggested: false, publishedVerdictId: 'vrd_1' },
  dismissed: { status: 'dismissed', suggested: false, publishedVerdictId: null },
};

describe('allowedActions', () => {
  // The same table the API's workflow test drives through HTTP (test/api/workflow.test.ts), for every role.
  it.each([
    ['open', 'checker', ['flag', 'dismiss']],
    ['open', 'editor', ['flag', 'dismiss']],
    ['suggested', 'checker', ['accept', 'flag', 'dismiss']],
    ['flagged', 'checker', []],
    ['flagged', 'editor', ['publish', 'return', 'dismiss']],
    ['published', 'checker', ['flag']],
    ['published', 'editor', ['flag', 'unpublish']],
    ['revision', 'checker', []],
    ['revision', 'editor', ['publish', 'return', 'unpublish']],
    ['revision', 'admin', ['publish', 'return', 'unpublish']],
    ['dismissed', 'checker', ['reopen']],
  ] as const)('%s claim, %s → %j', (state, role, expected) => {
    expect(allowedActions(STATES[state], role)).toEqual(expected);
  });

  it('says why an action is refused: a role (403) before a state (409)', () => {
    expect(transitionRefusal('publish', STATES.open, 'checker')).toEqual({ kind: 'role', role: 'editor', verb: 'publish claims' });
    expect(transitionRefusal('publish', STATES.open, 'editor')).toEqual({ kind: 'state', why: 'it is open; publish is allowed from flagged.' });
    expect(transitionRefusal('dismiss', STATES.flagged, 'checker')).toEqual({ kind: 'role', role: 'editor', verb: 'dismiss flagged claims' });
    expect(transitionRefusal('dismiss', STATES.revision, 'editor')).toEqual({ kind: 'state', why: 'it is public; unpublish it first.' });
  });
});

describe('roles and permissions', () => {
  it('ranks checker < editor < admin, and a token never outranks its creator', () => {
    expect(ROLES.map((r) => hasRole(r, 'editor'))).toEqual([false, true, true]);
    expect(tokenActsAs('admin', 'checker')).toBe('checker');
    expect(tokenActsAs('checker', 'admin')).toBe('checker');
  });

  it('takes the workflow permissions from the transition table', () => {
    for (const [action, rule] of Object.entries(TRANSITIONS)) {
      expect(PERMISSIONS[`claim.${action}` as keyof typeof PERMISSIONS]).toEqual({ role: rule.role, verb: rule.verb });
    }
    expect(can('checker', 'queue.read')).toBe(false);
    expect(can('editor', 'queue.read')).toBe(true);
    expect(can('editor', 'user.create')).toBe(false);
  });
});

describe('displayStatus', () => {
  it('calls an open machine suggestion "suggested", and every other claim by its status', () => {
    expect(Object.fromEntries(Object.entries(STATES).map(([k, c]) => [k, displayStatus(c)]))).toEqual({
      open: 'open', suggested: 'suggested', flagged: 'flagged', published: 'published', revision: 'flagged', dismissed: 'dismissed',
    });
    // A suggestion flagged before anyone accepted it is with the editors, not a suggestion.
    expect(displayStatus({ status: 'flagged', suggested: true })).toBe('flagged');
  });
});
