import { describe, expect, it } from 'vitest';
import { insertMention, matchPeople, mentionQueryAt, mentionedIn, splitMentions } from '../../../src/domain/mentions';

const people = [
  { id: 'u1', name: 'Eddie Editor' },
  { id: 'u2', name: 'Chris Checker' },
  { id: 'u3', name: 'Eddie' },
  { id: 'u4', name: 'Zoë Žukauskaitė' },
];

describe('the mention being typed', () => {
  it('is the text after an @ at the start or after a space, up to the caret', () => {
    expect(mentionQueryAt('@ed', 3)).toEqual({ at: 0, query: 'ed' });
    expect(mentionQueryAt('Thanks @eddie ed', 16)).toEqual({ at: 7, query: 'eddie ed' });
    expect(mentionQueryAt('Thanks (@chr', 12)).toEqual({ at: 8, query: 'chr' });
  });

  it('is a bare @ right after typing it (the list shows everyone)', () => {
    expect(mentionQueryAt('Hi @', 4)).toEqual({ at: 3, query: '' });
  });

  it('is nothing inside an e-mail address, across a line break, after a space right after @, or far away', () => {
    expect(mentionQueryAt('mail eddie@example.com', 22)).toBeNull();
    expect(mentionQueryAt('@eddie\nthanks', 13)).toBeNull();
    expect(mentionQueryAt('@ eddie', 7)).toBeNull();
    expect(mentionQueryAt(`@${'x'.repeat(60)}`, 61)).toBeNull();
    expect(mentionQueryAt('no mention here', 15)).toBeNull();
  });
});

describe('people matching a query', () => {
  it('match on the start of the name or of any word, ignoring case and accents, whole-name matches first', () => {
    expect(matchPeople('ed', people).map((p) => p.id)).toEqual(['u3', 'u1']);
    expect(matchPeople('edi', people).map((p) => p.id)).toEqual(['u1']);
    expect(matchPeople('zukau', people).map((p) => p.id)).toEqual(['u4']);
    expect(matchPeople('', people)).toHaveLength(4);
    expect(matchPeople('nobody', people)).toEqual([]);
  });

  it('are capped', () => {
    expect(matchPeople('', people, 2)).toHaveLength(2);
  });
});

describe('inserting a chosen person', () => {
  it('replaces the query with @Name and a space and puts the caret after it', () => {
    const text = 'Please check @ed this';
    const q = mentionQueryAt(text, 16)!;
    expect(insertMention(text, q, 16, 'Eddie Editor')).toEqual({ text: 'Please check @Eddie Editor this', caret: 27 });
  });
});

describe('mentions in a body', () => {
  it('are the picked people whose @Name is still there, longest name first', () => {
    expect(mentionedIn('@Eddie Editor can you look?', people)).toEqual(['u1']);
    expect(mentionedIn('@Eddie and @Eddie Editor', people).sort()).toEqual(['u1', 'u3']);
    expect(mentionedIn('thanks @chris checker.', people)).toEqual(['u2']);
  });

  it('drop a person whose name was deleted or is glued to other text', () => {
    expect(mentionedIn('Can you look?', people)).toEqual([]);
    expect(mentionedIn('@Eddies', people)).toEqual([]);
    expect(mentionedIn('x@Eddie', people)).toEqual([]);
  });

  it('split the body into text and mentions for display', () => {
    expect(splitMentions('Hi @Eddie Editor, see <b>', people)).toEqual([
      { text: 'Hi ' },
      { text: '@Eddie Editor', mention: 'u1' },
      { text: ', see <b>' },
    ]);
    expect(splitMentions('plain', people)).toEqual([{ text: 'plain' }]);
  });
});
