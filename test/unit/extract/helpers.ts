import { extractClaims, type Candidate, type ClaimKind } from '../../../src/extract/index';

/** Candidates of one kind. */
export function ofKind(text: string, kind: ClaimKind, publishedAt?: string): Candidate[] {
  return extractClaims(text, publishedAt ? { publishedAt } : {}).filter((c) => c.kind === kind);
}

/** The single candidate of a kind; fails the test when there is not exactly one. */
export function one(text: string, kind: ClaimKind, publishedAt?: string): Candidate {
  const found = ofKind(text, kind, publishedAt);
  if (found.length !== 1) throw new Error(`expected one ${kind} in ${JSON.stringify(text)}, got ${JSON.stringify(found)}`);
  return found[0];
}
