/** What "Clear the open matches" says it did, the same with scripts or without. */
export function clearedMessage(r: { proposed: number; published: number; failed: readonly string[] }): string {
  const n = (k: number) => `${k} claim${k === 1 ? '' : 's'}`;
  const did = r.published ? `Published this check on ${n(r.published)}` : `Proposed this check on ${n(r.proposed)}`;
  const next = r.published || !r.proposed ? '' : '; editors publish them from the queue';
  return r.failed.length ? `${did}; not on ${r.failed.length}: ${r.failed.join(' ')}` : `${did}${next}.`;
}
