import type { Child } from 'hono/jsx';

/** A search snippet as text with <mark> around the words the search found (ranges in code points). */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly (readonly [number, number])[] }) {
  const chars = Array.from(text);
  const parts: Child[] = [];
  let at = 0;
  for (const [s, e] of [...highlights].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    if (s > at) parts.push(chars.slice(at, s).join(''));
    parts.push(<mark>{chars.slice(s, e).join('')}</mark>);
    at = e;
  }
  if (at < chars.length) parts.push(chars.slice(at).join(''));
  return <>{parts}</>;
}
