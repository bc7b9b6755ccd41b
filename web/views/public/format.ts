/** Small formatting helpers shared by the public pages. */

/** The date part of a timestamp, for <time datetime>. */
export const machineDate = (iso: string) => (/^\d{4}(-\d{2}(-\d{2})?)?/.exec(iso)?.[0] ?? iso);

/** The host name of a URL, or the URL when it cannot be parsed. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Paragraphs of normalised article text (blank lines separate them). */
export const paragraphs = (text: string) => text.split(/\n{2,}/).filter((p) => p.trim());
