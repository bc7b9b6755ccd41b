/**
 * What the search index does with text, shared by the SQL that builds it
 * (scripts/library-sql.ts) and the code that queries it (src/domain/search-query.ts).
 */

/**
 * The columns of each index with their bm25 weights (what the figure says and who it is about
 * count most). The migration creates the tables from these names, the queries rank by these
 * weights: a column added here needs a migration from scripts/library-sql.ts.
 */
export const SEARCH_COLUMNS = {
  // A claim for reviewers: its quote, sentence, subject, speaker, published summary and statement.
  claims: { quote: 4, sentence: 1, subject: 3, speaker: 2, verdict: 2, statement: 3 },
  articles: { title: 8, publisher: 2, author: 3, text: 1 },
  // A published check for readers: the same as published, and its article's title and publisher.
  checks: { quote: 4, sentence: 1, subject: 3, speaker: 2, verdict: 2, article: 2, statement: 3 },
} as const satisfies Record<string, Record<string, number>>;

/** Words: Unicode letters and digits folded to lower case without diacritics ("Ä" finds "ä" and "a"), English endings folded by the Porter stemmer ("protest" finds "protesters"). */
export const WORD_TOKENIZER = 'porter unicode61 remove_diacritics 2';
/** Prefix indexes: "Mi*" and "Mir*" read a prefix index, not every term of the vocabulary. */
export const PREFIX_INDEXES = '2 3';
/** Substrings of three characters, for scripts written without spaces between words. */
export const TRIGRAM_TOKENIZER = 'trigram remove_diacritics 1';

/**
 * Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer,
 * Burmese) and Korean, whose words carry their particles: the word tokenizer sees a whole
 * run as one token there, so rows with these characters are also kept in a trigram index.
 */
export const SPACELESS_RANGES: readonly (readonly [number, number])[] = [
  [0x0e00, 0x109f], // Thai, Lao, Tibetan, Myanmar
  [0x1780, 0x17ff], // Khmer
  [0x3040, 0x9fff], // Hiragana, Katakana, Bopomofo, CJK symbols, extension A, unified ideographs
  [0xac00, 0xd7af], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
];

export const SPACELESS = new RegExp(`[${SPACELESS_RANGES.map(([a, b]) => `\\u{${a.toString(16)}}-\\u{${b.toString(16)}}`).join('')}]`, 'u');

/** The same test as a SQLite GLOB pattern (D1 refuses patterns over 50 bytes: this one is 39). */
export const SPACELESS_GLOB = `*[${SPACELESS_RANGES.map(([a, b]) => `${String.fromCodePoint(a)}-${String.fromCodePoint(b)}`).join('')}]*`;
