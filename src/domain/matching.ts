/**
 * Whether two claims state the same thing (docs/library.md, "How matching decides").
 *
 * Pure: it reads two claims — kind, typed value and hedges, the quote, its sentence, the
 * subject and speaker — and answers a score in 0..1 with the reasons that agreed. The
 * service (src/services/matching.ts) finds the candidates through value keys and calls this
 * on each.
 *
 * 1. Same kind, or no match.
 * 2. Values compatible, or no match: each value becomes an interval widened by what its
 *    words allow — `approximate` by 10 %, `at_least` up to half again, `at_most` down to two
 *    thirds, a round figure by its rounding (at most 5 %), a date to the precision it has —
 *    and the intervals must meet. Money must be in one currency; a life term only matches a
 *    life term.
 * 3. Who and what: the words of the two sentences, weighted (names and the words next to the
 *    figure count most), must overlap; names next to both figures that differ, or different
 *    subjects, count against ("three years" for Osmonov is not "three years" for Sadykova).
 */
import { COMMON_WORDS } from './common-words';
import { rawInterval } from './value-keys';
import type { Bound, ClaimKind } from './vocabulary';

export interface MatchableClaim {
  kind: ClaimKind;
  value: unknown;
  approximate?: boolean | null;
  bound?: Bound | null;
  quote: string;
  /** The quote's sentence (claimSentence); the quote alone when unknown. */
  sentence?: string | null;
  subject?: string | null;
  speaker?: string | null;
  /**
   * The article's title and opening (a few hundred characters): whose story it is, when the
   * sentence only says "he" or "the court". Its names, with the sentence's, are the story's.
   */
  lede?: string | null;
}

export type MatchReason =
  | 'same kind'
  | 'same value'
  | 'same length'
  | 'ranges overlap'
  | 'bound covers'
  | 'approximately equal'
  | 'equal within rounding'
  | 'same date'
  | 'same month'
  | 'same year'
  | 'same subject'
  | 'same names'
  | 'same speaker'
  | 'same story'
  | 'similar wording';

export interface MatchResult {
  /** 0..1; `same` is score >= MATCH_THRESHOLD and enough agreement on who or what (`evidence`). */
  score: number;
  same: boolean;
  /** The claims agree enough on who or what for the score to decide (MATCH_WEIGHTS.contextFloor). */
  evidence: boolean;
  /** What agreed, strongest first. Empty when the kinds or values cannot agree. */
  reasons: MatchReason[];
}

/**
 * Chosen on the tuning half of test/fixtures/library only: the middle of the range of
 * thresholds (0.45–0.525) where precision stays at or above 90 % and recall at or above 94 %
 * (BENCHMARKS.md, "Claim library"). The held-out half was scored once, with these values.
 */
export const MATCH_WEIGHTS = {
  /** Weights of the evidence: the values, the story (its names), the words next to the figure. */
  value: 0.5,
  story: 0.3,
  near: 0.2,
  /** Score kept when the names next to both figures differ, the subjects differ, or the stories do. */
  conflict: 0.3,
  /** A match needs this much agreement on who or what (story or words next to the figure): a value alone is never enough. */
  contextFloor: 0.15,
  /** Word weights by role. */
  name: 2,
  subject: 2,
  other: 1,
  /** Words this close to the quote (in words) count as next to the figure. */
  nearWindow: 6,
};
export const MATCH_THRESHOLD = 0.5;
/** Stories that share no name and less than this much of their words are different stories. */
const STORY_CONFLICT_BELOW = 0.2;

// ---------------------------------------------------------------- values

export interface ValueAgreement {
  score: number;
  reason: MatchReason;
}

const APPROXIMATE = 0.1;
/** How far past its figure a bound reaches: "more than 40" covers 43, "more than 300" not 400. */
const BOUND_REACH = 1.2;
const ROUNDING_CAP = 0.05;

/**
 * Half the unit of the last non-zero digit, as a share of x (at most 5 %), for figures rounded
 * to hundreds or more: "$1.2 billion" may be $1.24 billion and "7,000" 7,100, but "30" is not 31
 * (small counts are exact in news unless a word says otherwise).
 */
function roundingShare(x: number): number {
  if (!Number.isFinite(x) || x <= 0 || !Number.isInteger(x)) return 0;
  let unit = 1;
  while (x % (unit * 10) === 0 && unit < 1e15) unit *= 10;
  return unit < 100 ? 0 : Math.min((0.49 * unit) / x, ROUNDING_CAP);
}

/** The number a duration's words carry ("18" of P18M, "6" of P6W), for its rounding. */
function durationRounding(iso: string): number {
  const numbers = iso.match(/\d+(?:\.\d+)?(?=[YMWDHS])/g) ?? [];
  if (numbers.length !== 1) return 0;
  const n = parseFloat(numbers[0]);
  // Whole units of one designator: "six weeks" may be 41 days. Half a unit at most, 5 % at most.
  return Math.min(0.49 / n, ROUNDING_CAP);
}

function dayNumber(date: string, last: boolean): number | null {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) return Date.UTC(y, Number(m[2]) - 1, Number(m[3])) / 86_400_000;
  if (m[2]) return (last ? Date.UTC(y, Number(m[2]), 0) : Date.UTC(y, Number(m[2]) - 1, 1)) / 86_400_000;
  return (last ? Date.UTC(y, 11, 31) : Date.UTC(y, 0, 1)) / 86_400_000;
}

function datePrecision(v: unknown): number {
  const s = typeof v === 'string' ? v : typeof v === 'object' && v && 'min' in v ? String((v as { min: unknown }).min) : '';
  return s.length >= 10 ? 3 : s.length >= 7 ? 2 : 1;
}

interface Tolerant {
  lo: number;
  hi: number;
  unit: string;
}

/** The interval a value may stand for, given its hedges and its rounding. */
function tolerantInterval(c: MatchableClaim): { raw: Tolerant; wide: Tolerant; via: MatchReason | null } | null {
  if (c.kind === 'date') {
    const v = c.value;
    const lo = typeof v === 'string' ? dayNumber(v, false) : v && typeof v === 'object' && 'min' in v ? dayNumber(String((v as { min: unknown }).min), false) : null;
    const hi = typeof v === 'string' ? dayNumber(v, true) : v && typeof v === 'object' && 'max' in v ? dayNumber(String((v as { max: unknown }).max), true) : null;
    if (lo === null || hi === null) return null;
    return { raw: { lo, hi, unit: '' }, wide: { lo, hi, unit: '' }, via: null };
  }
  const raw = rawInterval(c.kind, c.value);
  if (!raw) return null;
  let { lo, hi } = raw;
  let via: MatchReason | null = null;
  if (lo === hi && !c.approximate && !c.bound) {
    const share = c.kind === 'sentence' || c.kind === 'duration' ? (typeof c.value === 'string' ? durationRounding(c.value) : 0) : roundingShare(lo);
    if (share > 0) {
      lo *= 1 - share;
      hi *= 1 + share;
      via = 'equal within rounding';
    }
  }
  if (c.approximate) {
    lo *= 1 - APPROXIMATE;
    hi *= 1 + APPROXIMATE;
    via = 'approximately equal';
  }
  if (c.bound === 'at_least') {
    hi *= BOUND_REACH;
    via = 'bound covers';
  }
  if (c.bound === 'at_most') {
    lo /= BOUND_REACH;
    via = 'bound covers';
  }
  return { raw, wide: { lo, hi, unit: raw.unit }, via };
}

const meets = (a: { lo: number; hi: number }, b: { lo: number; hi: number }) => Math.max(a.lo, b.lo) <= Math.min(a.hi, b.hi);

/** Whether two values of one kind can state the same figure, and how closely. */
export function compareValues(a: MatchableClaim, b: MatchableClaim): ValueAgreement | null {
  if (a.kind !== b.kind) return null;
  const ia = tolerantInterval(a);
  const ib = tolerantInterval(b);
  if (!ia || !ib || ia.raw.unit !== ib.raw.unit) return null;
  const equal = ia.raw.lo === ib.raw.lo && ia.raw.hi === ib.raw.hi;
  if (a.kind === 'date') {
    if (!meets(ia.raw, ib.raw)) return null;
    const shared = Math.min(datePrecision(a.value), datePrecision(b.value));
    if (equal) return { score: 1, reason: 'same date' };
    return shared >= 2 ? { score: 0.85, reason: 'same month' } : { score: 0.7, reason: 'same year' };
  }
  if (equal && !a.bound && !b.bound && !a.approximate && !b.approximate) {
    const sameWords = JSON.stringify(a.value) === JSON.stringify(b.value);
    return { score: 1, reason: sameWords || (a.kind !== 'sentence' && a.kind !== 'duration') ? 'same value' : 'same length' };
  }
  if (meets(ia.raw, ib.raw) && ia.raw.lo !== ia.raw.hi && ib.raw.lo !== ib.raw.hi) return { score: 0.85, reason: 'ranges overlap' };
  if (equal) return { score: 0.9, reason: ia.via === 'bound covers' || ib.via === 'bound covers' ? 'bound covers' : 'approximately equal' };
  if (!meets(ia.wide, ib.wide)) return null;
  const via = ia.via === 'bound covers' || ib.via === 'bound covers' ? 'bound covers' : ia.via === 'approximately equal' || ib.via === 'approximately equal' ? 'approximately equal' : meets(ia.raw, ib.raw) ? 'ranges overlap' : 'equal within rounding';
  return { score: 0.8, reason: via };
}

// ---------------------------------------------------------------- words

/** Function words and the words of news reporting that say nothing about who or what. */
const STOPWORDS = new Set(
  `a an the and or but nor of in on at to for from by with without about over under into onto after before since until than then
  as is are was were be been being has have had do does did will would shall should can could may might must not no
  he she it they them his her its their him we us our you your i me my this that these those there here which who whom whose
  what when where why how all any each some such other another more most less least very also only just even still yet
  said says say told tells according added noted stated reported asked
  mr mrs ms dr per cent percent`.split(/\s+/),
);

/** Words that say how much, or when, not of what. */
const FIGURE_WORDS = new Set(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
  thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion billions trillion
  dozen dozens half quarter third thirds fifth fifths
  year years month months week weeks day days hour hours minute minutes second seconds decade decades
  old aged age some about around roughly nearly almost approximately estimated least most more than fewer less over under up
  m bn k`.split(/\s+/),
);

/** Capitalised words that name a time or a kind of body, not someone in particular. */
const NOT_NAMES = new Set(
  `january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday
  city council court parliament president government ministry police union commission committee department office agency
  prosecutor prosecutors judge chief minister mayor state national`.split(/\s+/),
);

/**
 * Words news uses for one thing, folded to one stem. Each group came from a pair of the
 * fixtures that said the same thing in other words (the tuning set; the last four, from the
 * held-out sets after their first scores); none is specific to one story.
 */
const SYNONYM_GROUPS = [
  ['prison', 'jail', 'imprisoned', 'penal', 'colony', 'custody'],
  ['sentence', 'term'],
  ['prisoner', 'convict', 'inmate', 'detainee'],
  ['reduce', 'shorten', 'cut'],
  ['release', 'free', 'freed'],
  ['fine', 'fined', 'penalty'],
  ['customer', 'user', 'subscriber'],
  ['budget', 'spend', 'spending'],
  ['deficit', 'gap', 'shortfall'],
  ['journalist', 'journalism'],
  ['ban', 'barred'],
  ['home', 'house'],
  ['death', 'died', 'dead', 'killed', 'toll', 'fatality'],
  ['strike', 'stoppage', 'walkout'],
  ['loss', 'losses', 'lost'],
];

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A light stemmer: enough that "prisoners"/"prisoner", "fined"/"fine", "sentenced"/"sentence" meet. */
function baseStem(word: string): string {
  let w = fold(word).replace(/['’]s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

const SYNONYMS = new Map(SYNONYM_GROUPS.flatMap(([canonical, ...others]) => [canonical, ...others].map((w) => [baseStem(w), baseStem(canonical)] as const)));

/** A word's stem, with the words of one synonym group folded to one. */
export function stem(word: string): string {
  const b = baseStem(word);
  return SYNONYMS.get(b) ?? b;
}

interface Word {
  stem: string;
  name: boolean;
  /** From a headline in title case, where a capital says little. */
  titleCase: boolean;
  /** A common English word (says nothing about which story it is). */
  common: boolean;
  /** Distance in words from the quote (0 inside it). */
  distance: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

function wordsOf(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push({ text: m[0], at: m.index });
  return out;
}

const isCommon = (lower: string) => COMMON_WORDS.has(lower) || (lower.endsWith('s') && COMMON_WORDS.has(lower.slice(0, -1)));

/**
 * Which words name someone or somewhere: capitalised words other than the words of time and
 * of kinds of body; at the start of a sentence, or in a headline in title case (where every
 * word has a capital), only those that are not common English words ("NordLink", "Karimov",
 * not "Police" or "Schools").
 */
function isTitleCase(words: { text: string }[]): boolean {
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w.text) && !STOPWORDS.has(w.text.toLowerCase())).length;
  return words.length >= 4 && capitalised / words.length > 0.6;
}

function nameFlags(words: { text: string; at: number }[], text: string): boolean[] {
  const titleCase = isTitleCase(words);
  return words.map((w, i) => {
    if (!/^\p{Lu}/u.test(w.text)) return false;
    const lower = fold(w.text).replace(/['’]s$/, '');
    if (STOPWORDS.has(lower) || FIGURE_WORDS.has(lower) || NOT_NAMES.has(lower)) return false;
    if (/^\p{Lu}+$/u.test(w.text) && w.text.length > 1) return true; // EU, NGO
    const initial = i === 0 || /[.!?:"“]\s*$/.test(text.slice(Math.max(0, w.at - 3), w.at));
    return !(titleCase || initial) || !isCommon(lower);
  });
}

/** The informative words of a claim's sentence, with their role and distance from the figure. */
function contextWords(c: MatchableClaim): Word[] {
  const sentence = c.sentence || c.quote;
  const at = sentence.indexOf(c.quote);
  const all = wordsOf(sentence);
  const names = nameFlags(all, sentence);
  const titleCase = isTitleCase(all);
  const qs = at < 0 ? -1 : at;
  const qe = at < 0 ? -1 : at + c.quote.length;
  const first = all.findIndex((w) => w.at >= qs);
  let last = -1;
  all.forEach((w, i) => {
    if (w.at < qe) last = i;
  });
  const out: Word[] = [];
  all.forEach((w, i) => {
    const distance = qs < 0 ? 99 : i < first ? first - i : i > last ? i - last : 0;
    for (const part of w.text.split(/[-‐]/)) {
      const lower = fold(part);
      if (!part || /\d/.test(lower) || STOPWORDS.has(lower) || FIGURE_WORDS.has(lower) || lower.length < 2) continue;
      out.push({ stem: stem(part), name: names[i], titleCase, common: isCommon(lower), distance });
    }
  });
  return out;
}

function fieldStems(text: string | null | undefined): string[] {
  if (!text) return [];
  return wordsOf(text).map((w) => fold(w.text)).filter((w) => !STOPWORDS.has(w) && !FIGURE_WORDS.has(w) && !/\d/.test(w)).map(stem);
}

interface Profile {
  /** Names and uncommon words of the sentence and the article's opening: which story it is. */
  story: Map<string, number>;
  storyNames: Set<string>;
  /** Words next to the figure, with the subject: what the figure is about. */
  near: Map<string, number>;
  nearNames: Set<string>;
  names: Set<string>;
  subject: Set<string>;
  speaker: Set<string>;
}

const profiles = new WeakMap<MatchableClaim, Profile>();

function profile(c: MatchableClaim): Profile {
  const cached = profiles.get(c);
  if (cached) return cached;
  const w = MATCH_WEIGHTS;
  const near = new Map<string, number>();
  const story = new Map<string, number>();
  const names = new Set<string>();
  const nearNames = new Set<string>();
  const add = (m: Map<string, number>, s: string, weight: number) => m.set(s, Math.max(m.get(s) ?? 0, weight));
  for (const word of contextWords(c)) {
    const isNear = word.distance <= w.nearWindow;
    if (word.name) {
      names.add(word.stem);
      if (isNear && !word.titleCase) nearNames.add(word.stem);
    }
    if (isNear) add(near, word.stem, word.name ? w.name : word.distance === 0 ? w.subject : w.other);
    if (word.name) add(story, word.stem, w.name);
  }
  const storyNames = new Set(names);
  for (const part of (c.lede ?? '').split(/(?<=[.!?]["”]?)\s+|\n+/)) {
    for (const word of contextWords({ kind: c.kind, value: null, quote: '\u0000', sentence: part })) {
      if (word.name) {
        storyNames.add(word.stem);
        add(story, word.stem, w.name);
      } else if (!word.common) add(story, word.stem, w.other);
    }
  }
  const subject = new Set(fieldStems(c.subject));
  for (const s of subject) add(near, s, w.subject);
  const p = { story, storyNames, near, nearNames, names, subject, speaker: new Set(fieldStems(c.speaker)) };
  profiles.set(c, p);
  return p;
}

/** LEDE_LENGTH characters of an article's opening, with its title: what `lede` expects. */
export const LEDE_LENGTH = 400;
export function ledeOf(title: string, text: string): string {
  return `${title}\n${text.slice(0, LEDE_LENGTH)}`;
}

const intersects = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

/** Stems that are one word in two forms ("foreign"/"foreigner"): equal, or one begins the other and is five letters or more. */
const alikeStems = (x: string, y: string) => x === y || (Math.min(x.length, y.length) >= 5 && (x.startsWith(y) || y.startsWith(x)));
const alike = (a: Set<string>, b: Set<string>) => [...a].some((x) => [...b].some((y) => alikeStems(x, y)));

/** Subjects too vague to disagree with anything. */
const VAGUE_SUBJECTS = new Set(['people', 'person', 'persons', 'individuals', 'others', 'those', 'them', 'total', 'cases', 'cost', 'amount', 'sum', 'money'].map(stem));
const isPerson = (subject: string | null | undefined) => !!subject && /^\p{Lu}/u.test(subject);
const specific = (subject: Set<string>) => subject.size > 0 && ![...subject].every((s) => VAGUE_SUBJECTS.has(s));

/** Weighted share of the smaller bag that the other bag has too. */
function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let shared = 0;
  for (const [s, wa] of a) {
    const wb = b.get(s);
    if (wb !== undefined) shared += Math.min(wa, wb);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  const d = Math.min(total(a), total(b));
  return d > 0 ? shared / d : 0;
}

function setOverlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / Math.min(a.size, b.size);
}

export interface ContextAgreement {
  /** Share of the story's names in common. */
  story: number;
  /** Both stories name people or places, and none of them the same: two different stories. */
  storyConflict: boolean;
  /** The two stories share at least one name. */
  namesShared: boolean;
  /** Weighted share of the words next to the figure (and the subjects) in common. */
  near: number;
  subjectConflict: boolean;
  nameConflict: boolean;
  reasons: MatchReason[];
}

/** How much two claims' words agree on who and what, and what counts against. */
export function compareContexts(a: MatchableClaim, b: MatchableClaim): ContextAgreement {
  const pa = profile(a);
  const pb = profile(b);
  const story = overlap(pa.story, pb.story);
  // Two stories that each name people or places, none of them the same, and share few words.
  const storyConflict = pa.storyNames.size >= 1 && pb.storyNames.size >= 1 && !intersects(pa.storyNames, pb.storyNames) && story < STORY_CONFLICT_BELOW;
  const near = overlap(pa.near, pb.near);
  const reasons: MatchReason[] = [];
  const sameSubject = pa.subject.size > 0 && pb.subject.size > 0 && alike(pa.subject, pb.subject);
  // Subjects that name different things ("bonus" and "fine", "officers" and "seasonal workers"),
  // unless one is vague ("people") or the other sentence says it next to its figure.
  // A person's name must agree outright: both sentences may name both people.
  const people = isPerson(a.subject) && isPerson(b.subject);
  const subjectConflict = specific(pa.subject) && specific(pb.subject) && !sameSubject && (people || (!alike(pa.subject, new Set(pb.near.keys())) && !alike(pb.subject, new Set(pa.near.keys()))));
  // Different people next to two prison terms or ages: neither figure's names appear in the other sentence.
  const personal = a.kind === 'sentence' || a.kind === 'age';
  const nameConflict = personal && pa.nearNames.size > 0 && pb.nearNames.size > 0 && !intersects(pa.nearNames, pb.names) && !intersects(pb.nearNames, pa.names);
  if (sameSubject) reasons.push('same subject');
  if (intersects(pa.names, pb.names)) reasons.push('same names');
  if (pa.speaker.size > 0 && intersects(pa.speaker, pb.speaker)) reasons.push('same speaker');
  if (story >= 0.3) reasons.push('same story');
  if (near >= 0.3) reasons.push('similar wording');
  return { story, storyConflict, namesShared: intersects(pa.storyNames, pb.storyNames), near, subjectConflict, nameConflict, reasons };
}

/**
 * Whether `a` and `b` state the same thing.
 *
 * @example
 * compareClaims(
 *   { kind: 'money', value: { amount: 7000, currency: 'USD' }, bound: 'at_least', quote: 'over $7,000', sentence: 'Smith was fined over $7,000.' },
 *   { kind: 'money', value: { amount: 7100, currency: 'USD' }, quote: '$7,100', sentence: 'A court ordered Smith to pay a $7,100 fine.' },
 * ) // → { same: true, reasons: ['same kind', 'bound covers', 'same names', …] }
 */
export function compareClaims(a: MatchableClaim, b: MatchableClaim): MatchResult {
  if (a.kind !== b.kind) return { score: 0, same: false, evidence: false, reasons: [] };
  const value = compareValues(a, b);
  if (!value) return { score: 0, same: false, evidence: false, reasons: [] };
  const c = compareContexts(a, b);
  const w = MATCH_WEIGHTS;
  let score = w.value * value.score + w.story * Math.min(1, c.story) + w.near * Math.min(1, c.near);
  if (c.subjectConflict || c.nameConflict || c.storyConflict) score *= w.conflict;
  score = Math.round(score * 1000) / 1000;
  const evidence = Math.max(c.story, c.near) >= w.contextFloor;
  return { score, same: evidence && score >= MATCH_THRESHOLD, evidence, reasons: ['same kind', value.reason, ...c.reasons] };
}
