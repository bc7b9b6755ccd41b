import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../src/domain/history';

const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const lines = (e: Parameters<typeof describeEvent>[0], ctx = {}) => describeEvent(e, ctx).lines.map(nb);

describe('describeEvent: a claim’s history in sentences', () => {
  it('tells a change of value in words, in the claim’s kind', () => {
    const d = describeEvent({ action: 'claim.update', entityType: 'claim', entityId: 'clm_1', before: { kind: 'sentence', value: 'P12Y', approximate: false, bound: null, subject: null }, after: { kind: 'sentence', value: 'P10Y', approximate: false, bound: null, subject: null } });
    expect(d.text).toBe('edited the claim');
    expect(d.lines).toEqual(['value: 12 years → 10 years']);
    // ids and stored values only in the details
    expect(d.details).toContainEqual({ label: 'claim', value: 'clm_1' });
    expect(d.details).toContainEqual({ label: 'value (after)', value: 'P10Y' });
  });
  it('says a proposed verdict by its label, with the correct figure', () => {
    expect(lines({ action: 'verdict.propose', entityType: 'verdict', entityId: 'vrd_9', before: null, after: { rating: 'misleading', summary: 'Ten, not twelve.', correctValue: 'P10Y' } }, { kind: 'sentence' })).toEqual([
      'verdict proposed: Misleading',
      'correct figure: 10 years',
      'summary: “Ten, not twelve.”',
    ]);
  });
  it('never shows ids, offsets or JSON outside the details', () => {
    const events = [
      { action: 'claim.create', entityType: 'claim', entityId: 'clm_1', before: null, after: { quote: '80,000 somoni', start: 1006, end: 1019, kind: 'money', value: { amount: 46000, currency: 'TJS' }, approximate: true, bound: null, subject: 'fine', speaker: null, assigneeId: 'usr_2', status: 'open' } },
      { action: 'claim.publish', entityType: 'claim', entityId: 'clm_1', before: { status: 'flagged', publishedVerdictId: null }, after: { status: 'published', publishedVerdictId: 'vrd_9', rating: 'false' } },
      { action: 'claim.accept', entityType: 'claim', entityId: 'clm_1', before: { suggested: true, assigneeId: null }, after: { suggested: false, assigneeId: 'usr_gone' } },
    ];
    const all = events.flatMap((e) => lines(e, { names: { usr_2: 'Chris Checker' } }));
    expect(all).toEqual([
      'value: TJS 46,000 · approximate',
      'quote: “80,000 somoni”',
      'kind: Money',
      'subject: fine',
      'assignee: Chris Checker',
      'verdict published: False',
      'status: flagged → published',
      'assignee: nobody → someone no longer listed',
    ]);
    expect(all.join('\n')).not.toMatch(/clm_|vrd_|usr_|1006|\{|"amount"/);
  });
  it('tells sources, flags and notes', () => {
    expect(lines({ action: 'source.add', before: null, after: { url: 'https://court.example/r', title: 'Ruling', publisher: 'Khujand court' } })).toEqual(['source: “Ruling”, Khujand court', 'link: https://court.example/r']);
    expect(lines({ action: 'source.remove', before: { title: 'Ruling' }, after: null })).toEqual(['source removed: “Ruling”']);
    expect(lines({ action: 'claim.flag', before: { status: 'open' }, after: { status: 'flagged', reason: 'Check the figure', note: null } })).toEqual(['reason: “Check the figure”', 'status: open → flagged']);
    expect(lines({ action: 'claim.update', before: { statement: null }, after: { statement: 'Tajikistan holds 100 to 250 political prisoners.' } })).toEqual(['statement: — → “Tajikistan holds 100 to 250 political prisoners.”']);
  });
  it('tells a change of the article under a claim in words, and the automatic flag it raised (issue 12 events)', () => {
    const textChange = { detectedAt: '2026-12-01T10:00:00.000Z', revisionId: 'rev_2', before: '12 years', after: '10 years' };
    expect(lines({ action: 'claim.text-change', before: null, after: { textChange, status: 'published', public: true } })).toEqual(['words: “12 years” → “10 years”']);
    expect(lines({ action: 'claim.text-change', before: null, after: { textChange: { ...textChange, after: null }, status: 'published', public: true } })).toEqual(['words: “12 years” → no longer in the article']);
    expect(lines({ action: 'claim.flag', before: { status: 'published' }, after: { status: 'flagged', reason: 'The article changed', note: null, automatic: true } })).toEqual(['reason: “The article changed”', 'status: published → flagged']);
    expect(describeEvent({ action: 'claim.text-change', before: null, after: { textChange } }).text).toBe('found its words changed in the article');
  });
});
