/**
 * http: and https: links only, with a host. The one rule for article and source URLs,
 * shared by the API's validation and the reviewer UI's scripts (which answer before the
 * round trip); dependency-free so it bundles into browser code.
 */
export function isHttpUrl(value: string): boolean {
  // `new URL` also accepts "https:example.com"; we store what was typed, so the form must be plain.
  if (!/^https?:\/\/[^/\s]/i.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** An e-mail address as people type one (something@somewhere), not the full RFC 5322 grammar. */
export const isEmailAddress = (s: string): boolean => /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()".]+$/.test(s);

/**
 * A corrections contact as a link: `mailto:` for an e-mail address, the URL itself for an
 * http(s) URL, null for anything else.
 *
 * @example contactHref('corrections@news.example') // 'mailto:corrections@news.example'
 */
export function contactHref(contact: string | null | undefined): string | null {
  if (!contact) return null;
  if (isHttpUrl(contact)) return contact;
  return isEmailAddress(contact) ? `mailto:${contact}` : null;
}
