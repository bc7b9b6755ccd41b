// PLACEHOLDER written by the backend engineer so the Worker builds before the extractor lands.
// The extractor's author replaces this whole file with the real orchestrator.
import type { Candidate, ExtractOptions } from './types';
export type { Candidate, ClaimKind, ExtractOptions } from './types';
export const EXTRACTOR_VERSION = '0.0.0-placeholder';
export function extractClaims(_text: string, _options: ExtractOptions = {}): Candidate[] {
  return [];
}
