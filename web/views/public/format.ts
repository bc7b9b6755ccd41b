/** Small formatting helpers shared by the public pages. */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A partial ISO date or timestamp for people: "2017", "August 2017", "22 August 2017". */
export function humanDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (!mo) return y;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

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
