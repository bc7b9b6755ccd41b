// Money in any written form: symbols ("$8,500", "€2.3bn", "US$5m"), ISO codes
// before or after the figure ("TJS 80,000", "500 USD"), currency names after
// it ("80,000 somoni", "1.5 million euros", "two million Russian rubles"),
// with a range where the text gives one ("$5-10 million"). A parenthesised
// conversion ("80,000 somoni ($8,500)") is simply a second amount; the two
// share the subject found for either of them.
//
// value: {amount, currency} with an ISO 4217 code; a range is
// {min, max, currency} (the shape src/domain/claim-values.ts accepts). Subject: the nearest word in the clause
// that says what the money is (fine, damages, bail, salary, budget, …).

import type { Span } from './types';
import { MONEY_NUMBER, matchesAt, numberStarts, parseNumber, shareScale } from './numbers';
import { type Qualifier, qualifierBefore, qualifierAfter } from './qualifiers';
import { keepLongest } from './spans';

const SYMBOLS: Record<string, string> = {
  'US$': 'USD', 'U.S.$': 'USD', 'A$': 'AUD', 'AU$': 'AUD', 'C$': 'CAD', 'CA$': 'CAD', 'NZ$': 'NZD', 'HK$': 'HKD',
  'S$': 'SGD', 'R$': 'BRL', 'MX$': 'MXN', $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₽': 'RUB', '₹': 'INR',
  '₩': 'KRW', '₺': 'TRY', '₴': 'UAH', '₸': 'KZT', '₪': 'ILS', '₦': 'NGN', '₫': 'VND', '₱': 'PHP', 'Rs.': 'INR', Rs: 'INR',
  KSh: 'KES', Sh: 'KES', 'NT$': 'TWD',
};
const SYMBOL = '(?:US\\$|U\\.S\\.\\$|A\\$|AU\\$|C\\$|CA\\$|NZ\\$|NT\\$|HK\\$|S\\$|R\\$|MX\\$|\\$|€|£|¥|₽|₹|₩|₺|₴|₸|₪|₦|₫|₱|(?:Rs\\.?|KSh|Sh)(?=\\s?\\d))';

const CODES = new Set(
  ('USD EUR GBP JPY CNY RMB RUB TJS UZS KZT KGS TMT AZN AMD GEL UAH BYN MDL CHF CAD AUD NZD HKD SGD INR PKR ' +
    'AFN IRR TRY SEK NOK DKK ISK PLN CZK HUF RON BGN RSD ZAR NGN KES GHS EGP MAD SAR AED QAR KWD ILS BRL MXN ARS ' +
    'CLP COP PEN KRW THB VND IDR MYR PHP BDT LKR NPR MNT').split(' '),
);
const CODE = `(?:${[...CODES].join('|')})`;

// Currency names (case-insensitive), most specific first.
const NAMES: [RegExp, string][] = [
  [/^(?:us|u\.s\.|american)\s+dollars?$/i, 'USD'],
  [/^australian\s+dollars?$/i, 'AUD'],
  [/^canadian\s+dollars?$/i, 'CAD'],
  [/^new\s+zealand\s+dollars?$/i, 'NZD'],
  [/^hong\s+kong\s+dollars?$/i, 'HKD'],
  [/^singapore(?:an)?\s+dollars?$/i, 'SGD'],
  [/^taiwan(?:ese)?\s+dollars?$/i, 'TWD'],
  [/^(?:dollars?|bucks)$/i, 'USD'],
  [/^euros?$/i, 'EUR'],
  [/^(?:(?:british\s+)?pounds?(?:\s+sterling)?|sterling)$/i, 'GBP'],
  [/^(?:russian\s+)?r(?:o)?ubles?$/i, 'RUB'],
  [/^belarusian\s+r(?:o)?ubles?$/i, 'BYN'],
  [/^(?:tajik(?:istani)?\s+)?somoni$/i, 'TJS'],
  [/^(?:kazakh(?:stani)?\s+)?tenge$/i, 'KZT'],
  [/^(?:kyrgyz(?:stani)?\s+)?soms?$/i, 'KGS'],
  [/^(?:uzbek(?:istani)?\s+)?(?:sums|soums?)$/i, 'UZS'],
  [/^turkmen(?:istani)?\s+manats?$/i, 'TMT'],
  [/^(?:azerbaijani\s+)?manats?$/i, 'AZN'],
  [/^(?:georgian\s+)?lari$/i, 'GEL'],
  [/^(?:armenian\s+)?drams?$/i, 'AMD'],
  [/^(?:ukrainian\s+)?hryvn(?:i)?as?$/i, 'UAH'],
  [/^(?:chinese\s+)?(?:yuan|renminbi)$/i, 'CNY'],
  [/^(?:japanese\s+)?yen$/i, 'JPY'],
  [/^pakistani\s+rupees?$/i, 'PKR'],
  [/^(?:indian\s+)?rupees?$/i, 'INR'],
  [/^(?:swiss\s+)?francs?$/i, 'CHF'],
  [/^(?:swedish\s+)?kronor$/i, 'SEK'],
  [/^norwegian\s+kroner$/i, 'NOK'],
  [/^(?:danish\s+)?kroner$/i, 'DKK'],
  [/^(?:polish\s+)?zloty(?:s)?$/i, 'PLN'],
  [/^(?:turkish\s+)?liras?$/i, 'TRY'],
  [/^mexican\s+pesos?$/i, 'MXN'],
  [/^pesos?$/i, 'MXN'],
  [/^(?:south\s+african\s+)?rand$/i, 'ZAR'],
  [/^(?:uae\s+|emirati\s+)?dirhams?$/i, 'AED'],
  [/^(?:saudi\s+)?riyals?$/i, 'SAR'],
  [/^(?:iranian\s+)?rials?$/i, 'IRR'],
  [/^(?:israeli\s+)?(?:new\s+)?shekels?$/i, 'ILS'],
  [/^(?:nigerian\s+)?naira$/i, 'NGN'],
  [/^(?:kenyan\s+)?shillings?$/i, 'KES'],
  [/^afghanis?$/i, 'AFN'],
  // "71.62 U.S. cents", "85 Canadian cents": hundredths of the named dollar.
  [/^(?:us|u\.s\.|american)\s+cents?$/i, 'USD/100'],
  [/^canadian\s+cents?$/i, 'CAD/100'],
  [/^australian\s+cents?$/i, 'AUD/100'],
  [/^new\s+zealand\s+cents?$/i, 'NZD/100'],
  [/^cents?$/i, 'USD/100'],
  [/^pence$/i, 'GBP/100'],
];
const NAME =
  '(?:(?:US|U\\.S\\.|American|Australian|Canadian|New\\s+Zealand|Hong\\s+Kong|Singapore(?:an)?|Taiwan(?:ese)?)\\s+dollars?|dollars?|bucks|euros?|(?:British\\s+)?pounds?(?:\\s+sterling)?|sterling|(?:Russian\\s+|Belarusian\\s+)?r(?:o)?ubles?|(?:Tajik(?:istani)?\\s+)?somoni|(?:Kazakh(?:stani)?\\s+)?tenge|(?:Kyrgyz(?:stani)?\\s+)?soms?|(?:Uzbek(?:istani)?\\s+)?(?:sums|soums?)|(?:Turkmen(?:istani)?\\s+|Azerbaijani\\s+)?manats?|(?:Georgian\\s+)?lari|(?:Armenian\\s+)?drams?|(?:Ukrainian\\s+)?hryvn(?:i)?as?|(?:Chinese\\s+)?(?:yuan|renminbi)|(?:Japanese\\s+)?yen|(?:Indian\\s+|Pakistani\\s+)?rupees?|(?:Swiss\\s+)?francs?|(?:Swedish\\s+)?kronor|(?:Norwegian\\s+|Danish\\s+)?kroner|(?:Polish\\s+)?zloty(?:s)?|(?:Turkish\\s+)?liras?|(?:Mexican\\s+)?pesos?|(?:South\\s+African\\s+)?rand|(?:UAE\\s+|Emirati\\s+)?dirhams?|(?:Saudi\\s+)?riyals?|(?:Iranian\\s+)?rials?|(?:Israeli\\s+)?(?:new\\s+)?shekels?|(?:Nigerian\\s+)?naira|(?:Kenyan\\s+)?shillings?|afghanis?|(?:(?:US|U\\.S\\.|American|Canadian|Australian|New\\s+Zealand)\\s+)?cents?|pence)';

const CENTS_IN_THE = /^\s+(?:in|on|to)\s+the\s+(?:dollar|pound|euro|rand)\b/i;
const RANGE_SEP = '\\s*(?:-|–|to)\\s*';
// ASCII lookbehind, no 'u' flag: Unicode-property lookbehinds are slow on long texts.
// No lookbehind here (it would run at every position); the character before
// the symbol is checked in code.
const RE_SYMBOL = new RegExp(
  // A range only when the symbol is written once ("$5-10 million"); "Rs 5,000 to
  // Rs 20,000" is two amounts, like "between $2 million and $3 million".
  `(${SYMBOL})\\s?(${MONEY_NUMBER})(?:${RANGE_SEP}(?!${SYMBOL})\\s?(${MONEY_NUMBER}))?(?:\\s+(${CODE})\\b)?`,
  'g',
);
const RE_CODE = new RegExp(
  `\\b(${CODE})\\s?(${MONEY_NUMBER})(?:${RANGE_SEP}(?:${CODE}\\s?)?(${MONEY_NUMBER}))?`,
  'g',
);
// Sticky: tried only where a number starts (see numbers.ts, matchesAt).
const RE_NAME = new RegExp(
  `(${MONEY_NUMBER})(?:${RANGE_SEP}(${MONEY_NUMBER}))?(?:\\s*|-)(?:(${NAME})|(${CODE}))\\b`,
  'iy',
);

// What the money is. The first group names the canonical subject.
const SUBJECTS: [RegExp, string][] = [
  [/^fine[sd]?$/, 'fine'],
  [/^damages$/, 'damages'],
  [/^compensat/, 'compensation'],
  [/^bail$/, 'bail'],
  [/^(?:salar|wage|earn)/, 'salary'],
  [/^bonus/, 'bonus'],
  [/^budget/, 'budget'],
  [/^(?:brib|kickback)/, 'bribe'],
  [/^embezzl/, 'embezzlement'],
  [/^(?:loan|lend|borrow)/, 'loan'],
  [/^debt/, 'debt'],
  [/^grant/, 'grant'],
  [/^fund/, 'funding'],
  [/^revenue/, 'revenue'],
  [/^tax/, 'tax'],
  [/^cost/, 'cost'],
  [/^price/, 'price'],
  [/^(?:spending|spend|spent|expenditure)/, 'spending'],
  [/^(?:deficit|shortfall)/, 'deficit'],
  [/^surplus/, 'surplus'],
  [/^invest/, 'investment'],
  [/^aid$/, 'aid'],
  [/^ransom/, 'ransom'],
  [/^settle/, 'settlement'],
  [/^penalt/, 'penalty'],
  [/^donat/, 'donation'],
  [/^pension/, 'pension'],
  [/^reward/, 'reward'],
  [/^contract/, 'contract'],
  [/^fees?$/, 'fee'],
  [/^rent$/, 'rent'],
  [/^income/, 'income'],
  [/^profit/, 'profit'],
  [/^(?:loss|losses)$/, 'loss'],
  [/^assets?$/, 'assets'],
  [/^(?:theft|stole|stolen)/, 'theft'],
  [/^(?:subsid)/, 'subsidy'],
  [/^(?:allocat)/, 'allocation'],
];
const SUBJECT_WORD =
  /\b(?:fine[sd]?|damages|compensat\w*|bail|salar(?:y|ies)|wages?|bonus(?:es)?|earn\w*|budget\w*|brib\w*|kickbacks?|embezzl\w*|loans?|lend\w*|borrow\w*|debts?|grants?|fund(?:s|ing|ed)?|revenues?|tax(?:es)?|costs?|prices?|spending|spend|spent|expenditures?|deficits?|shortfalls?|surplus|invest\w*|aid|ransom|settle\w*|penalt(?:y|ies)|donat\w*|pensions?|rewards?|contracts?|fees?|rent|income|profits?|loss|losses|assets?|theft|stole|stolen|subsid\w*|allocat\w*)\b/gi;

function canonicalSubject(word: string): string | undefined {
  const w = word.toLowerCase();
  for (const [re, s] of SUBJECTS) if (re.test(w)) return s;
  return undefined;
}

function currencyOfName(name: string): string | undefined {
  const n = name.replace(/\s+/g, ' ').trim();
  for (const [re, code] of NAMES) if (re.test(n)) return code;
  return undefined;
}

/** Blank out parenthesised text (same length) so a conversion does not hide the subject. */
function blankParens(s: string): string {
  return s.replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
}

function subjectNear(text: string, s: number, e: number): string | undefined {
  let after = blankParens(text.slice(e, e + 70));
  // The amount's own clause: "…€7.1m for data leak as chief's bonus draws fire" is not a bonus.
  const stop = after.search(/[.;!?]\s|[.;!?]$|\n|\s(?:as|while|whereas|but|although)\s/);
  if (stop >= 0) after = after.slice(0, stop);
  let before = text.slice(Math.max(0, s - 50), s);
  const bstop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('\n'));
  if (bstop >= 0) before = before.slice(bstop + 1);
  let best: { d: number; w: string } | undefined;
  SUBJECT_WORD.lastIndex = 0;
  const a = SUBJECT_WORD.exec(after);
  if (a) best = { d: a.index, w: a[0] };
  SUBJECT_WORD.lastIndex = 0;
  let lastB: RegExpExecArray | null = null;
  for (let m = SUBJECT_WORD.exec(before); m; m = SUBJECT_WORD.exec(before)) lastB = m;
  if (lastB) {
    const d = before.length - (lastB.index + lastB[0].length);
    if (!best || d < best.d) best = { d, w: lastB[0] };
  }
  return best ? canonicalSubject(best.w) : undefined;
}

interface Raw {
  start: number;
  end: number;
  min: string;
  max?: string;
  currency: string;
}

function amountOf(r: Raw): { amount: number; currency: string } | { min: number; max: number; currency: string } | null {
  let currency = r.currency;
  let divisor = 1;
  if (currency.endsWith('/100')) {
    currency = currency.slice(0, -4);
    divisor = 100;
  }
  // 71.62 / 100 is 0.7162000000000001 in binary floating point.
  const div = (n: number) => (divisor === 1 ? n : Number((n / divisor).toPrecision(12)));
  const maxV = r.max !== undefined ? parseNumber(r.max) : null;
  let minV = parseNumber(r.min);
  if (minV === null) return null;
  if (maxV !== null && r.max !== undefined) {
    minV = shareScale(r.min, minV, r.max, maxV);
    if (minV < maxV) return { min: div(minV), max: div(maxV), currency };
    return null; // "$5-3": not a range we understand
  }
  return { amount: div(minV), currency };
}

// "jailed over A$14.6m fraud", "sued over a $2m debt": after a sanction or a dispute,
// "over" + an amount used as an adjective means "because of", not "more than".
const OVER_CAUSE_BEFORE = /\b(?:jail(?:s|ed)?|sentenc(?:es|ed)|fine[sd]|sue[sd]?|charge[sd]|arrest(?:s|ed)|convict(?:s|ed)|bann?(?:s|ed)|sack(?:s|ed)|fire[sd]|resign(?:s|ed)?|quits?|probed?|investigat\w*|row|dispute|clash(?:es)?|protests?|lawsuit|feud|scandal)\b[^.;:!?]{0,60}$/i;
const ATTRIBUTIVE_AFTER = /^\s+(?!(?:in|of|on|for|a|an|the|each|per|worth|and|or|to|from|at|by|this|last|next|over|since|with|was|were|is|are|had|has|have|be|been|will|would)\b)[a-z]/;

function overIsCause(text: string, r: Raw, q: Qualifier): Qualifier {
  if (q.bound !== 'at_least' || !/^over\s/i.test(text.slice(q.start, r.start + 1))) return q;
  if (!ATTRIBUTIVE_AFTER.test(text.slice(r.end, r.end + 20))) return q;
  if (!OVER_CAUSE_BEFORE.test(text.slice(Math.max(0, q.start - 80), q.start))) return q;
  return { start: r.start };
}

export function findMoney(text: string, starts: number[] = numberStarts(text)): Span[] {
  const raws: Raw[] = [];
  let m: RegExpExecArray | null;

  RE_SYMBOL.lastIndex = 0;
  while ((m = RE_SYMBOL.exec(text))) {
    if (m.index > 0 && /[A-Za-z0-9]/.test(text[m.index - 1])) {
      RE_SYMBOL.lastIndex = m.index + 1; // "US$5": try again from the next character
      continue;
    }
    const sym = m[1].replace(/\s/g, '');
    const currency = m[4] ?? SYMBOLS[sym] ?? SYMBOLS[sym.replace(/\.$/, '')];
    if (!currency) continue;
    raws.push({ start: m.index, end: m.index + m[0].length, min: m[2], max: m[3], currency });
  }
  RE_CODE.lastIndex = 0;
  while ((m = RE_CODE.exec(text))) {
    raws.push({ start: m.index, end: m.index + m[0].length, min: m[2], max: m[3], currency: m[1] });
  }
  for (m of matchesAt(RE_NAME, text, starts)) {
    let currency: string | undefined;
    if (m[3]) currency = currencyOfName(m[3]);
    else if (m[4] && m[4] === m[4].toUpperCase() && CODES.has(m[4])) currency = m[4];
    if (!currency) continue;
    // Number words need a real number: "a pound" / "one euro" are not claims
    // unless a scale word makes them large ("a million dollars").
    if (!/\d/.test(m[1]) && /^(?:an?|one)$/i.test(m[1].trim())) continue;
    // "200 pounds of cocaine", "weighed 90 pounds": weight, not sterling.
    if (currency === 'GBP' && /pounds?$/i.test(m[3] ?? '') &&
      (/^\s+of\s+(?!(?:the\s+)?(?:taxpayers|public|state|government)\b)/i.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30)) ||
        /\bweigh\w*\s+(?:\w+\s+){0,3}$/i.test(text.slice(Math.max(0, m.index - 40), m.index)))) continue;
    // "60 cents in the dollar", "40p in the pound": a rate, left to the fractions.
    if (currency.endsWith('/100') && CENTS_IN_THE.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))) continue;
    raws.push({ start: m.index, end: m.index + m[0].length, min: m[1], max: m[2], currency });
  }

  // Longest wins among overlapping matches ("US$5m" over "$5m").
  const taken = keepLongest(raws, text.length);

  const spans: Span[] = [];
  for (const r of taken) {
    const v = amountOf(r);
    if (!v) continue;
    const q = overIsCause(text, r, qualifierBefore(text, r.start));
    const qa = qualifierAfter(text, r.end);
    const span: Span = { kind: 'money', start: q.start, end: r.end, value: v, confidence: 0.9 };
    if (q.approximate || qa.approximate) span.approximate = true;
    const bound = q.bound ?? qa.bound;
    if (bound) span.bound = bound;
    if (qa.end > r.end) span.end = qa.end;
    const subject = subjectNear(text, r.start, r.end);
    if (subject) span.subject = subject;
    spans.push(span);
  }
  // A parenthesised conversion describes the same money as the amount before it.
  for (let i = 0; i + 1 < spans.length; i++) {
    const a = spans[i];
    const b = spans[i + 1];
    if (/^\s*\(\s*(?:about|approximately|around|roughly|some|nearly|almost|or|~|≈|equivalent\s+to|worth)?\s*$/i.test(text.slice(a.end, b.start))) {
      const subject = a.subject ?? b.subject;
      if (subject) a.subject = b.subject = subject;
    }
  }
  return spans;
}
