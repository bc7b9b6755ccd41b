// Numbers that are not claims: phone numbers, times of day, version numbers,
// numbers inside URLs / e-mail addresses / hashtags, list and page numbering,
// legal and document references ("Article 328", "No. 5"), and model or code
// names with digits glued to letters ("COVID-19", "F-16", "G7"). They are
// found once as ranges; any candidate touching one is dropped by the
// orchestrator, which is simpler and safer than teaching each family about
// each of them.

export type Range = [number, number];

const PATTERNS: RegExp[] = [
  // URLs and bare domains with a path
  /\b(?:https?:\/\/|www\.)[^\s<>"”)\]]+/gi,
  // hashtags and handles
  /[#@][\p{L}\p{N}_]+/gu,
  // phone numbers: international "+992 37 221 1234", "(555) 123-4567", "555-123-4567", "020 7946 0958"
  /\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}\d/g,
  /\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}\b/g,
  /(?<![\d,.])\d{3}[.-]\d{3}[.-]\d{4}\b/g,
  /(?<![\d,.])0\d{2,4}[\s-]\d{3,4}[\s-]\d{3,4}\b/g,
  // times of day: "10:30", "10.30am", "9 a.m.", "9pm", "9 o'clock", "1400 GMT"
  /(?<![\d.,])\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?!\d)/gi,
  /(?<![\d.,])\d{1,2}\.\d{2}\s*[ap]\.?\s?m\b\.?/gi,
  /(?<![\d.,])\d{1,2}\s*(?:[ap]\.m\.|[ap]m\b)/gi,
  /(?<![\d.,])\d{1,2}\s*o['’]clock\b/gi,
  /(?<![\d.,])(?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|UTC|hours|hrs|local\s+time)\b(?!\s+of\b)/g,
  // "9/11", "24/7": day/month or slash shorthand without a year, never a count
  /(?<![\d/.,]|\d\s)\d{1,2}\/\d{1,2}(?![\d/])/g, // not the "1/2" of "7 1/2 years"
  // version numbers: "v2", "v1.2.3", "version 4.1", "1.2.3"
  /\bv\d+(?:\.\d+)*\b/gi,
  /\bversion\s+\d+(?:\.\d+)*\b/gi,
  /(?<![\d.])(?!(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:1[5-9]|20)\d\d\b)\d+\.\d+\.\d+(?:\.\d+)*\b/g, // not a dotted date
  // list numbering at the start of a line: "1.", "2)", "(3)", "a)"
  /^[ \t]*(?:\(?\d{1,3}[.)]|\(\d{1,3}\))(?=\s)/gm,
  // digits and letters mixed in one token: "2x4", "4G5"
  /\b\d+[A-Za-z]+\d[\w-]*/g,
];


// Patterns that would start with a long word alternation are anchored on the
// digits instead: each run of digits is checked against the words just before
// it, then the excluded range is extended forward. Trying a word alternation
// at every position of a long text is what made the first version slow.
const RE_DIGIT_RUN = /\d+/g;
// "Article 302", "page 12", "No. 5", "Ward 3", "Resolution 2231", "junction 10"
const REF_BEFORE =
  /(?:^|[^A-Za-z])(?:pages?|pp?\.|paragraphs?|paras?\.|articles?|art\.|sections?|sec\.|§|clauses?|chapters?|ch\.|parts?|rules?|items?|figures?|fig\.|tables?|steps?|resolutions?|amendments?|decrees?|case\s+no\.?|nos?\.|number|room|flat|apartment|suite|building|route|highway|flight|platform|gate|ward|district|precinct|vol\.|volume|episode|question|exhibit|annex|appendix|proposition|prop\.|measure|junction|exit|channel|terminal)\s+(?:no\.?\s*)?$/i;
const REF_AFTER = /\d*(?:[.:\-–/]\d+)*(?![\d]|[,.]\d)(?:\s*(?:,|and|&|to|or|-|–)\s*\d+(?:[.:\-–/]\d+)*(?![\d]|[,.]\d))*/y;
// product and software generations: "iOS 17", "Windows 11", "Python 3.12", "iPhone 15"
const PRODUCT_BEFORE =
  /(?:^|[^A-Za-z])(?:iOS|iPadOS|macOS|OS\s?X|Android|Windows|Linux|Ubuntu|Debian|Python|Java|PHP|Node(?:\.js)?|Firefox|Chrome|Safari|iPhone|iPad|Galaxy|Pixel|Xbox|PlayStation|PS|Web|HTTP|HTML|IPv|USB|Bluetooth|Wi-Fi|Series|Model|Mark|Mk\.?)\s?$/;
const PRODUCT_AFTER = /\d*(?:\.\d+)*/y;
// "call 911", "tel. 020 …": digits after a phone word
const PHONE_BEFORE = /(?:^|[^A-Za-z])(?:tel|phone|telephone|fax|call|hotline|helpline|mobile|cell|whatsapp)[.:]?\s*(?:on|at)?\s*[\s().+-]*$/i;
const PHONE_AFTER = /[\d\s().+-]{5,}\d/y;
// digits glued to a code name: "COVID-19", "F-16", "Su-27", "G7", "MH17", "CO2", "A4" — but not "Mid-2015"
const CODE_BEFORE = /(?:^|[^A-Za-z0-9])([A-Z][A-Za-z]*-?)$/;
// ...nor a currency written against its figure: "Sh50,000", "Rs500", "TJS80,000"
const NOT_CODE = /^(?:(?:Mid|Pre|Post|Early|Late|Since|Summer|Winter|Spring|Autumn|Fall)-|Sh|KSh|Rs|[A-Z]{3})$/;
const CODE_AFTER = /\d*[A-Za-z]*\b/y;
// Street addresses ("14 Hedges Avenue", "200 Main Street"): found from the street word
// (rarer than digits), then the house number and one to three capitalised words before it.
// Only words that name nothing but a street: "Court", "Square", "Way", "Place" and "Dr" also
// end names of courts, squares and people ("In 2017 Supreme Court judges", "On 25 January
// Tahrir Square", "in 2019 Dr Jones").
const RE_STREET = /\b(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Boulevard|Blvd|Terrace|Tce|Crescent|Cres|Highway|Hwy|Esplanade|Strasse|Straße)\b/g;
const HOUSE_NUMBER_BEFORE = /(?:^|[^\d.,])(\d{1,5}[A-Za-z]?\s+(?:[A-Z][\w'’-]*\s+){1,3})$/;
// What rules a "house number" out: the day of a date ("August 22 Ring Road …"), or a year
// not written as an address ("In 2016 Wembley Road …"; "at 1600 Pennsylvania Avenue" is one).
const MONTH_BEFORE = /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+$/i;
const AT_BEFORE = /\bat\s+$/i;
// bare domains with a path and e-mail addresses, anchored on ".com/" and "@". Any
// top-level domain ("bankofcanada.ca/2025/10", "gov.au/"): two to six lower-case letters
// after the dot, and a label with a letter before it (not "in 2015.He/she said").
const RE_DOMAIN_PATH = /\.[a-z]{2,6}\/[^\s<>"”)\]]*/g;
const RE_AT = /@[\w-]+(?:\.[\w-]+)+\b/g;

function anchored(text: string, out: Range[]): void {
  RE_DIGIT_RUN.lastIndex = 0;
  for (let m = RE_DIGIT_RUN.exec(text); m; m = RE_DIGIT_RUN.exec(text)) {
    const s = m.index;
    if (s === 0) continue; // every *_BEFORE pattern needs at least one character
    // The character just before the digits rules most patterns out without running them.
    const prev = text[s - 1];
    const prevSpace = /\s/.test(prev);
    const prevLetter = /[A-Za-z]/.test(prev);
    const before = text.slice(Math.max(0, s - 30), s);
    const tryAfter = (re: RegExp, from: number, start: number) => {
      re.lastIndex = from;
      const a = re.exec(text);
      out.push([start, a ? a.index + a[0].length : from]);
    };
    // REF_BEFORE ends in whitespace or "no" / "no.".
    const ref = (prevSpace || prev === '.' || prev === 'o' || prev === 'O') && REF_BEFORE.exec(before);
    if (ref) {
      tryAfter(REF_AFTER, s, s);
      continue;
    }
    // PRODUCT_BEFORE ends in a product name (letters, "Mk.") or one space.
    if ((prevSpace || prevLetter || prev === '.') && PRODUCT_BEFORE.test(before)) {
      tryAfter(PRODUCT_AFTER, s, s);
      continue;
    }
    // PHONE_BEFORE ends in a phone word or in [.:\s().+-].
    const ph = (prevSpace || prevLetter || '.:()+-'.includes(prev)) && PHONE_BEFORE.exec(before);
    if (ph) {
      PHONE_AFTER.lastIndex = s;
      const a = PHONE_AFTER.exec(text);
      if (a) out.push([s, a.index + a[0].length]);
    }
    // CODE_BEFORE ends in a letter or '-'.
    const code = (prevLetter || prev === '-') && CODE_BEFORE.exec(before);
    if (code && !NOT_CODE.test(code[1])) tryAfter(CODE_AFTER, s, s - code[1].length);
  }
  RE_STREET.lastIndex = 0;
  for (let m = RE_STREET.exec(text); m; m = RE_STREET.exec(text)) {
    const h = HOUSE_NUMBER_BEFORE.exec(text.slice(Math.max(0, m.index - 60), m.index));
    if (!h) continue;
    const start = m.index - h[1].length;
    const before = text.slice(Math.max(0, start - 12), start);
    if (MONTH_BEFORE.test(before)) continue;
    if (/^(?:1[89]|20)\d\d\s/.test(h[1]) && !AT_BEFORE.test(before)) continue;
    out.push([start, m.index + m[0].length]);
  }
  RE_DOMAIN_PATH.lastIndex = 0;
  for (let m = RE_DOMAIN_PATH.exec(text); m; m = RE_DOMAIN_PATH.exec(text)) {
    let st = m.index;
    while (st > 0 && /[\w.-]/.test(text[st - 1])) st--;
    if (st < m.index && /[A-Za-z]/.test(text.slice(st, m.index))) out.push([st, m.index + m[0].length]);
  }
  RE_AT.lastIndex = 0;
  for (let m = RE_AT.exec(text); m; m = RE_AT.exec(text)) {
    let st = m.index;
    while (st > 0 && /[\w.+-]/.test(text[st - 1])) st--;
    if (st < m.index) out.push([st, m.index + m[0].length]);
  }
}

export function findExclusions(text: string): Range[] {
  const out: Range[] = [];
  anchored(text, out);
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push([m.index, m.index + m[0].length]);
    }
  }
  out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  // merge
  const merged: Range[] = [];
  for (const r of out) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** True when [s, e) touches any excluded range (ranges sorted and merged). */
export function overlapsExcluded(ranges: Range[], s: number, e: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (r[1] <= s) lo = mid + 1;
    else if (r[0] >= e) hi = mid - 1;
    else return true;
  }
  return false;
}
