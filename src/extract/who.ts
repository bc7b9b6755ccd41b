// Who and what a figure is about, and who says it: the suggestions the extractor gives for a
// claim's `subject` and `speaker` (a checker can change both).
//
// - subject: for a prison term or an age, the person it belongs to (the nearest person named
//   before the figure in its sentence, or named right after it: "ten years for Karimov");
//   for a span of time, the thing that lasts (a ban, a detention, the trial); for money,
//   counts and shares, the word the figure measures (the family modules find those; a
//   budget line such as "Schools receive $405 million" is found here).
// - speaker: the person or body the sentence credits ("…, Isaeva told the Herald",
//   "according to a police statement", "the inspectorate said", "X estimates that").
//
// Heuristics over the sentence only, English only; measured on the labelled sentences of
// test/fixtures/library (BENCHMARKS.md, "Claim library").

import { sentenceAt } from './context';
import type { ClaimKind } from './types';

export interface WhoSuggestion {
  subject?: string;
  speaker?: string;
}

/** Words that begin with a capital but do not name a person. */
const NOT_PERSON = new Set(
  `the a an this that these those his her their its our he she they it we i in on at for from by with after before as and but or
  if when while since under over among also then there here what who which according
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  court council parliament government ministry police union commission committee department office agency service services
  inspectorate watch centre center association monitor group bank party army red cross society
  city district region province state county street avenue bay river valley republic kingdom island islands
  president prime minister judge prosecutor prosecutors chief executive cameraman editor blogger lawyer student imam
  mayor councilmember councillor senator governor officials authorities analysts residents shareholders families
  among also instead since last next`.split(/\s+/),
);

/** Words that, inside a capitalised run, make it a body or a place rather than a person. */
const BODY_WORDS = /\b(?:Court|Council|Parliament|Government|Ministry|Police|Union|Commission|Committee|Department|Office|Agency|Service|Inspectorate|Watch|Centre|Center|Association|Monitor|Group|Bank|Party|Army|Cross|Society|City|District|Region|Province|State|County|Street|Avenue|Bay|Republic|Index|Day|News|Herald|Wire|Times|Daily|Review)\b/;

/** Titles written before a name ("Judge Nurlan Abdyrakhmanov", "Prime Minister Arben Hoxha"). */
const TITLES = /^(?:(?:Judge|President|Prime|Minister|Prosecutor|Chief|Executive|Cameraman|Editor|Blogger|Lawyer|Student|Imam|Mayor|Councilmember|Councillor|Senator|Governor|Dr|Mr|Mrs|Ms|Prof|General|Gen|Colonel|Col|Captain)\.?\s+)+/;

const CAPITALISED = /\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:al|el|bin|ibn|van|von|de|da|del|der|le|la|ul)[-\s])?\p{Lu}[\p{L}'’.-]*)*/gu;

interface Run {
  text: string;
  start: number;
  end: number;
}

function capitalisedRuns(text: string, from: number): Run[] {
  const out: Run[] = [];
  CAPITALISED.lastIndex = 0;
  for (let m = CAPITALISED.exec(text); m; m = CAPITALISED.exec(text)) {
    const raw = m[0].replace(/['’]s$/, '');
    const stripped = raw.replace(TITLES, '');
    const lead = raw.length - stripped.length;
    if (!stripped) continue;
    out.push({ text: stripped, start: from + m.index + lead, end: from + m.index + raw.length });
  }
  return out;
}

/**
 * Whether a capitalised run names a person: two words or more that are not a body or a place,
 * or one word that the text also writes as the last word of such a run (a surname).
 */
function personName(run: Run, surnames: Set<string>): string | undefined {
  const words = run.text.split(/\s+/);
  while (words.length && NOT_PERSON.has(words[0].toLowerCase())) words.shift();
  if (words.length === 0 || BODY_WORDS.test(run.text)) return undefined;
  if (words.length >= 2) return words.join(' ');
  return surnames.has(words[0]) ? words[0] : undefined;
}

function surnamesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const r of capitalisedRuns(text, 0)) {
    const words = r.text.split(/\s+/).filter((w) => !NOT_PERSON.has(w.toLowerCase()));
    if (words.length >= 2 && !BODY_WORDS.test(r.text)) out.add(words[words.length - 1]);
  }
  return out;
}

/** Most words capitalised: a headline in title case, where capitals do not mark names. */
function titleCase(sentence: string): boolean {
  const words = sentence.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  return words.length >= 4 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length > 0.6;
}

function personSubject(text: string, s: number, e: number, ss: number, se: number, surnames: Set<string>): string | undefined {
  if (titleCase(text.slice(ss, se))) {
    const known = text.slice(ss, s).match(/\p{Lu}[\p{L}'’-]+/gu)?.filter((w) => surnames.has(w));
    return known?.[known.length - 1];
  }
  // "ten years for Karimov", "eight years for Osmonov": the person follows the figure.
  const after = /^[^.,;]{0,25}?\b(?:for|on)\s+(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*)/u.exec(text.slice(e, se));
  if (after) {
    const name = personName({ text: after[1], start: 0, end: 0 }, surnames);
    if (name) return name;
  }
  const before = capitalisedRuns(text.slice(ss, s), ss)
    .map((r) => personName(r, surnames))
    .filter((n): n is string => n !== undefined);
  return before[before.length - 1];
}

// An age bound on a group: "54 prisoners aged over 60", "people over the age of 60".
const AGE_GROUP = /([\p{L}-]+)\s+(?:aged\s+)?(?:over|under|above|below|older\s+than|younger\s+than)\s+(?:the\s+age\s+of\s+)?$/u;

// A share of something: "raises the property tax rate by 3.5 percent", "a property tax hike of 3.5%",
// "inflation ran at 3.3 percent", "cut 2023 profit by 11 percent".
const SHARE_BY = /(?:rais\w*|cut\w*|increas\w*|reduc\w*|lift\w*|lower\w*|boost\w*|trim\w*)\s+(?:the\s+|its\s+|their\s+)?((?:[\p{L}\d-]+\s+){0,3}?[\p{L}-]+)\s+by\s+(?:about\s+|around\s+|nearly\s+)?$/iu;
const SHARE_OF = /((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)\s+(?:hike|increase|rise|cut|fall|drop)\s+of\s+(?:about\s+|around\s+|nearly\s+)?$/iu;
const SHARE_AT = /([\p{L}-]+)\s+(?:ran|stood|was|is|rose|fell|reached)\s+(?:at\s+|to\s+)?$/iu;
const SHARE_BEFORE = /^\s+((?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)\s+(?:hike|increase|rise|cut|fall|drop)\b/u;

function stripFunctionWords(phrase: string): string | undefined {
  const words = phrase.toLowerCase().split(/\s+/).filter((w) => !/^\d/.test(w) && !/^(?:the|a|an|its|their|his|her|of|and)$/.test(w));
  return words.length ? words.join(' ') : undefined;
}

function shareSubject(text: string, s: number, e: number, ss: number, se: number): string | undefined {
  const words = before(text, s, ss);
  // Cheap keyword tests first: the anchored patterns are tried at every start.
  const m =
    (/\sby\s+(?:\w+\s+)?$/.test(words) ? SHARE_BY.exec(words) : null) ??
    (/\b(?:hike|increase|rise|cut|fall|drop)\s+of\s+(?:\w+\s+)?$/i.test(words) ? SHARE_OF.exec(words) : null) ??
    (/\s(?:ran|stood|was|is|rose|fell|reached)\s+(?:\w+\s+)?$/.test(words) ? SHARE_AT.exec(words) : null);
  if (m) return stripFunctionWords(m[1]);
  const after = SHARE_BEFORE.exec(text.slice(e, se));
  return after ? stripFunctionWords(after[1]) : undefined;
}

// A span of time: the thing that lasts, by the words in its sentence.
const DURATION_THING = /\b(pre-?trial detention|detention|detained|custody|held|bans?|banned|barred|bar|state of emergency|trial|deadline|rains?|storms?|floods?|closed|closure|shut|probation|suspension)\b/gi;
const THING_OF: Record<string, string> = {
  detention: 'detention', detained: 'detention', custody: 'detention', held: 'detention',
  ban: 'ban', bans: 'ban', banned: 'ban', barred: 'ban', bar: 'ban',
  'state of emergency': 'state of emergency', trial: 'trial', deadline: 'deadline',
  rain: 'rain', rains: 'rain', storm: 'rain', storms: 'rain', flood: 'rain', floods: 'rain',
  closed: 'closure', closure: 'closure', shut: 'closure', probation: 'probation', suspension: 'suspension',
};
const thingOf = (word: string) => (/^pre-?trial detention$/i.test(word) ? 'pre-trial detention' : THING_OF[word.toLowerCase()]);

function durationSubject(text: string, s: number, e: number, ss: number, se: number): string | undefined {
  // "a three-hour debate", "the 30-day deadline": the noun the figure describes.
  if (/-\p{L}+$/u.test(text.slice(s, e))) {
    const noun = /^\s+([\p{Ll}][\p{L}-]+)/u.exec(text.slice(e, e + 30));
    if (noun && !/^(?:and|or|of|in|to|for|on|at|by|with|the|a|an)$/.test(noun[1])) return noun[1];
  }
  const sentence = text.slice(ss, se);
  let best: { at: number; thing: string } | undefined;
  const centre = (s + e) / 2 - ss;
  DURATION_THING.lastIndex = 0;
  for (let m = DURATION_THING.exec(sentence); m; m = DURATION_THING.exec(sentence)) {
    const d = Math.abs(m.index - centre);
    const thing = thingOf(m[1]);
    if (thing && (!best || d < best.at)) best = { at: d, thing };
  }
  return best?.thing;
}

// A line of a budget: "The police department gets $312 million", "Schools receive $405 million".
const RECEIVER = /(?:^\s*|[.;:,]\s+|\b(?:the|while)\s+)((?:(?!will\b)[\p{L}-]+\s+){0,2}(?!will\b)[\p{L}-]+)\s+(?:will\s+)?(?:gets?|receives?|loses?)\s+(?:(?:about|around|nearly|almost|more\s+than|over|some|roughly)\s+)?$/iu;

/** "$12 million in cuts", "$25 million in emergency aid": what the amount is, right after it. */
const AMOUNT_IN = /^\s+in\s+((?:[\p{Ll}-]+\s+(?!(?:to|of|for|in|on|at|and|or|from|by|with)\b))?[\p{Ll}-]+)/u;

function moneySubject(text: string, s: number, ss: number): string | undefined {
  const words = before(text, s, ss);
  const m = /\b(?:gets?|receives?|loses?)\s+(?:\w+\s+){0,2}$/i.test(words) ? RECEIVER.exec(words) : null;
  if (!m) return undefined;
  const phrase = m[1].replace(/^(?:the|its|their|his|her)\s+/i, '').trim();
  if (!phrase || /^(?:he|she|it|they|we|who|which|that)$/i.test(phrase)) return undefined;
  return phrase.toLowerCase();
}

// Who is credited: "X said", "said X" (after a quote or a comma), "X told", "according to X",
// "X estimates that", "The union welcomed … but said".
const VERBS = 'said|says|say|told|tells|added|noted|stated|reported|announced|warned|estimated|estimates|estimate|documented|insisted|argued|explained|confirmed';
const CAPITAL_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const LOWER_WORD = /^\p{Ll}[\p{L}'’-]*$/u;

/**
 * The words right before an attribution verb that can name who speaks: up to six capitalised
 * words ("Gulnara Isaeva", "The Consumers Union") or up to three lower-case ones ("city
 * staff"), after an optional comma and "also"/"has"; read backwards word by word (a pattern
 * anchored at the verb would be tried at every start).
 */
function wordsBeforeVerb(pre: string): string | undefined {
  const tokens = pre.split(/\s+/).filter(Boolean);
  while (tokens.length && /^(?:also|later|earlier|has|have|had)$/i.test(tokens[tokens.length - 1])) tokens.pop();
  if (!tokens.length) return undefined;
  let last = tokens[tokens.length - 1];
  if (last.endsWith(',')) tokens[tokens.length - 1] = last = last.slice(0, -1);
  const capital = CAPITAL_WORD.test(last);
  const word = capital ? CAPITAL_WORD : LOWER_WORD;
  const taken: string[] = [];
  for (let i = tokens.length - 1; i >= 0 && taken.length < (capital ? 6 : 3); i--) {
    if (!word.test(tokens[i])) break;
    taken.unshift(tokens[i]);
  }
  return taken.length ? taken.join(' ') : undefined;
}
const VERB_AT = new RegExp(`\\b(?:${VERBS})\\b`, 'g');
const SPEAKER_AFTER = new RegExp(`[,"”]\\s*(?:${VERBS})\\s+((?:\\p{Lu}[\\p{L}'’.-]*\\s+){0,4}\\p{Lu}[\\p{L}'’.-]*)`, 'gu');
const ACCORDING = /\baccording to\s+(?:an?\s+|the\s+)?((?:[\p{L}'’-]+\s+){0,3}?(?:[\p{L}'’-]+))(?=\s*[,.;]|\s*$|\s+(?:on|in|at|published|released|issued)\b)/u;
const CONJUNCTION_VERB = new RegExp(`\\b(?:but|and)\\s+(?:also\\s+)?(?:${VERBS})\\b`, 'u');
const NOT_SPEAKER = /^(?:it|he|she|they|we|i|you|this|that|which|who|and|but|or|has|have|had|was|were|is|are|also|then|later|earlier|today|yesterday)$/i;
const PRONOUN_INSIDE = /\b(?:his|her|their|its|our|my|your|and|or|but|which|who|that|it|he|she|they)\b/i;

function cleanSpeaker(raw: string): string | undefined {
  let s = raw.trim().replace(/^(?:which|who|that)\s+/i, '').replace(/^(?:the|a|an)\s+/i, '').replace(/['’]s$/, '');
  const at = /^(?:analysts?|researchers?|officials?|experts?)\s+(?:at|from|of)\s+(.+)$/i.exec(s);
  if (at) s = at[1];
  const words = s.split(/\s+/);
  while (words.length > 1 && /^\p{Lu}/u.test(words[0]) && NOT_PERSON.has(words[0].toLowerCase()) && !BODY_WORDS.test(words[0])) words.shift();
  s = words.join(' ');
  if (!s || NOT_SPEAKER.test(s)) return undefined;
  // A lower-case phrase is a speaker only as a plain noun phrase ("city staff", "the inspectorate").
  if (/^\p{Ll}/u.test(s) && (PRONOUN_INSIDE.test(s) || s.split(/\s+/).length > 3)) return undefined;
  return s;
}

/** The body a sentence opens with ("The Consumers Union welcomed …"). */
function openingBody(sentence: string): string | undefined {
  const m = /^\W*(?:The\s+)?((?:\p{Lu}[\p{L}'’-]*\s+){0,4}\p{Lu}[\p{L}'’-]*)/u.exec(sentence);
  return m ? cleanSpeaker(m[1]) : undefined;
}

/**
 * Whether what follows an attribution lets it end its sentence: nothing, a newspaper or a day
 * ("…, Isaeva told the Herald.", "…, the group said on Thursday."), or an appositive naming
 * the speaker ("…, said Nadejda Atayeva of the Association for Human Rights in Central Asia.").
 * Reported words ("said it would appeal") do not.
 */
function endsSentence(rest: string): boolean {
  const r = rest.replace(/[.!?"”'’\s]+$/, '');
  if (/^\s*$/.test(r)) return true;
  if (/^\s+(?:(?:to|on|in|at)\s+)?(?:the\s+)?(?:\p{Lu}[\p{L}'’-]*\s*)+$/u.test(r)) return true;
  if (/^\s+(?:today|yesterday|on\s+\p{Lu}\p{L}+|last\s+\p{L}+)$/u.test(r)) return true;
  if (/^\s*,?\s*(?:(?:of|at|from|for)\s+)?(?:the\s+)?\p{Lu}/u.test(r) && !/\b(?:that|who|which|will|would|is|was|were|has|had|have|it|he|she|they)\b/.test(r) && r.split(/\s+/).length <= 10) return true;
  return false;
}

/**
 * The speaker credited with the figure at `at` of `sentence`: an attribution before the
 * figure ("The inspectorate said NordLink waited 41 days"), one that ends the sentence
 * ("…, the inspectorate said."), or "according to"; "X welcomed … but said" credits the
 * body the sentence opens with. An attribution in the middle of the sentence after the
 * figure belongs to another clause ("708 will be freed, but defenders say it leaves out…").
 */
const ANY_VERB = new RegExp(`\\b(?:${VERBS})\\b|according to`, 'i');

/** One way a sentence credits someone: who, and up to where the words that say so reach. */
interface Attribution {
  speaker: string;
  /** Offset in the sentence where the attribution ends. */
  end: number;
  /** Credits the whole sentence ("according to", "X welcomed … but said") whatever the figure's place. */
  whole: boolean;
}

/** Every attribution of a sentence, in the order speakerIn weighs them. */
function attributionsIn(sentence: string): Attribution[] {
  // Most sentences credit no one: one cheap test before the patterns.
  if (!ANY_VERB.test(sentence)) return [];
  const out: Attribution[] = [];
  // "Raul Ortega, who voted no, said": blank the relative clause (same length, positions hold).
  const plain = sentence.replace(/,\s+(?:who|which)\s+[^,]+,/g, (m) => ' '.repeat(m.length));
  const according = plain.includes('according to') ? ACCORDING.exec(plain) : null;
  if (according) {
    const s = cleanSpeaker(according[1].replace(/\s+(?:statement|report|data|count|census)$/i, ''));
    if (s) out.push({ speaker: s, end: 0, whole: true });
  }
  SPEAKER_AFTER.lastIndex = 0;
  for (let m = SPEAKER_AFTER.exec(plain); m; m = SPEAKER_AFTER.exec(plain)) {
    const s = cleanSpeaker(m[1]);
    if (s && !NOT_PERSON.has(m[1].toLowerCase())) out.push({ speaker: s, end: m.index + m[0].length, whole: endsSentence(plain.slice(m.index + m[0].length)) });
  }
  if (CONJUNCTION_VERB.test(plain)) {
    const s = openingBody(plain);
    if (s) out.push({ speaker: s, end: 0, whole: true });
  }
  // Each attribution verb, and the words just before it (a bounded slice: the pattern is tried at every start).
  VERB_AT.lastIndex = 0;
  for (let v = VERB_AT.exec(plain); v; v = VERB_AT.exec(plain)) {
    const words = wordsBeforeVerb(plain.slice(Math.max(0, v.index - 80), v.index));
    const s = words && cleanSpeaker(words);
    if (s) out.push({ speaker: s, end: v.index + v[0].length, whole: endsSentence(plain.slice(v.index + v[0].length)) });
  }
  return out;
}

/**
 * The speaker credited with the figure at `at` of a sentence: an attribution before the
 * figure ("The inspectorate said NordLink waited 41 days"), one that ends the sentence
 * ("…, the inspectorate said."), or "according to"; "X welcomed … but said" credits the
 * body the sentence opens with. An attribution in the middle of the sentence after the
 * figure belongs to another clause ("708 will be freed, but defenders say it leaves out…").
 * The first three kinds are taken first; of attributions before a figure, the last.
 */
function speakerFor(attributions: Attribution[], at: number): string | undefined {
  let before: string | undefined;
  for (const a of attributions) {
    if (a.whole && a.end === 0) return a.speaker;
  }
  for (const a of attributions) {
    if (a.end > 0 && (a.end <= at || a.whole)) {
      // "after" attributions (", said X") come first in the list and win, as they did.
      if (a.whole) return a.speaker;
      before = a.speaker;
    }
  }
  return before;
}

function speakerIn(sentence: string, at: number): string | undefined {
  return speakerFor(attributionsIn(sentence), at);
}

/**
 * The speaker of the figure at UTF-16 offset `s` in the sentence [ss, se); a sentence that
 * only continues a quotation (`"…," said X. "A seven-year sentence …"`) takes the speaker of
 * the one before.
 */
function speakerOf(text: string, s: number, ss: number, se: number, cache?: Map<number, Attribution[]>): string | undefined {
  let attributions = cache?.get(ss);
  if (!attributions) {
    attributions = attributionsIn(text.slice(ss, se));
    cache?.set(ss, attributions);
  }
  const own = speakerFor(attributions, s - ss);
  if (own) return own;
  const lead = text.slice(ss, se).search(/\S/);
  if (lead < 0 || !/["“]/.test(text[ss + lead]) || ss < 2) return undefined;
  const [ps, pe] = sentenceAt(text, ss - 2);
  const previous = text.slice(ps, pe);
  return /["”]/.test(previous) ? speakerIn(previous, previous.length) : undefined;
}

/**
 * The words before the figure in its sentence, at most 80 characters: what the patterns
 * anchored at the figure read (they are tried at every start, so the slice is kept short).
 * A cut slice starts with a NUL, so a pattern's "start of sentence" cannot match there.
 */
function before(text: string, s: number, ss: number): string {
  return s - ss <= 80 ? text.slice(ss, s) : `\u0000${text.slice(s - 80, s)}`;
}

/**
 * Suggestions for the claim at UTF-16 offsets [s, e) of `text`. `familySubject` is what the
 * kind's own module found (money word, counted noun); it is kept where there is one.
 */
export function suggestWho(
  text: string,
  s: number,
  e: number,
  kind: ClaimKind,
  familySubject?: string,
  surnames = surnamesOf(text),
  /** Each sentence's attributions, by sentence start, shared across one text's figures. */
  speakers?: Map<number, Attribution[]>,
): WhoSuggestion {
  const [ss, se] = sentenceAt(text, s);
  const out: WhoSuggestion = {};
  let subject = familySubject;
  if (!subject) {
    if (kind === 'sentence' || kind === 'age') subject = personSubject(text, s, e, ss, se, surnames);
    if (kind === 'age' && !subject) subject = ((/(?:over|under|above|below|than)\s+(?:the\s+age\s+of\s+)?$/i.test(before(text, s, ss)) ? AGE_GROUP.exec(before(text, s, ss)) : null) ?? (/^(?:over|under|above|below)\b/i.test(text.slice(s, e)) ? /([\p{L}-]+)\s+aged\s+$/u.exec(before(text, s, ss)) : null))?.[1].toLowerCase();
    else if (kind === 'duration') subject = durationSubject(text, s, e, ss, se);
    else if (kind === 'money') subject = moneySubject(text, s, ss);
    else if (kind === 'fraction') subject = shareSubject(text, s, e, ss, se);
  }
  // "$12 million in cuts": the words right after an amount say what it is, before any nearer money word.
  if (kind === 'money') {
    const inWhat = AMOUNT_IN.exec(text.slice(e, se));
    // Kept when the family's word is the one named there ("500 USD in fees" → fee).
    if (inWhat && !(subject && inWhat[1].toLowerCase().includes(subject))) subject = inWhat[1].toLowerCase();
  }
  if (subject) out.subject = subject;
  const speaker = speakerOf(text, s, ss, se, speakers);
  if (speaker) out.speaker = speaker;
  return out;
}

/** The surnames of a text, computed once per text for suggestWho; the per-text attribution cache type. */
export { surnamesOf, type Attribution };
