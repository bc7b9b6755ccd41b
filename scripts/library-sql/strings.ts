/** A SQL string literal; control characters (which a literal cannot hold readably) are written with char(). */
export function sqlString(s: string): string {
  const parts: string[] = [];
  let run = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 32) {
      if (run) parts.push(`'${run.replace(/'/g, "''")}'`);
      run = '';
      parts.push(`char(${code})`);
    } else run += ch;
  }
  if (run || parts.length === 0) parts.push(`'${run.replace(/'/g, "''")}'`);
  return parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`;
}
