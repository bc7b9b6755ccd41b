/** The JSON in a response's text, or null when it is empty or not JSON (an HTML error page from a proxy, a cut body). */
export function jsonOrNull(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
