// Public types of the extractor, kept in their own module so every family
// module can share them without importing the orchestrator (no cycles).

// The kinds are the data model's (src/domain/vocabulary.ts), not a list of the extractor's own.
import type { ClaimKind } from '../domain/vocabulary';

export type { ClaimKind };

/** What the extractor returns: a Span with its quote, offsets in code points. */
export interface Candidate extends Omit<Span, 'hidden'> {
  /** Exact substring of the text. */
  quote: string;
}

export interface ExtractOptions {
  /** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' (a longer ISO timestamp is cut to its date). */
  publishedAt?: string;
}

/**
 * What the family modules produce: the same shape as a Candidate but with
 * UTF-16 offsets (what JavaScript regexes give). The orchestrator converts the
 * offsets to code points once, at the end, in a single pass over the text.
 */
export interface Span {
  kind: ClaimKind;
  /** UTF-16 offsets here; code points once the orchestrator has converted them (Candidate). */
  start: number;
  end: number;
  value: unknown;
  approximate?: boolean;
  bound?: 'at_least' | 'at_most';
  subject?: string;
  /** Who the sentence credits with the figure (Candidate only; see who.ts). */
  speaker?: string;
  confidence?: number;
  /**
   * Occupies its span without being returned: a date that cannot be resolved
   * (no year, no publishedAt) still keeps "March 3" from becoming a count of 3.
   */
  hidden?: boolean;
}

/** The reference date the text is resolved against (from publishedAt). */
export interface RefDate {
  y: number;
  m?: number;
  d?: number;
}
