/**
 * A claim keeps every verdict ever proposed; readers see the one an editor published, and
 * reviewers the newest proposal too. Worked out here once, from the verdicts newest first.
 *
 * @example
 * const { latest, published, pendingRevision } = verdictStanding(verdictsNewestFirst, claim.publishedVerdictId);
 */
export function verdictStanding<V extends { id: string }>(newestFirst: readonly V[], publishedVerdictId: string | null) {
  const latest = newestFirst[0] ?? null;
  const published = publishedVerdictId === null ? null : (newestFirst.find((v) => v.id === publishedVerdictId) ?? null);
  return {
    /** The newest proposal (it may be the published one). */
    latest,
    /** What readers see, or null while the claim is not public. */
    published,
    /** A newer verdict than the one readers see, waiting for an editor. */
    pendingRevision: published !== null && latest !== null && latest.id !== published.id,
  };
}
