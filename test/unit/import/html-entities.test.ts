import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../src/services/html-entities';

describe('character references, as a browser reads them in text', () => {
  it.each([
    ['Fines &amp; bail', 'Fines & bail'],
    ['&pound;80&#8239;000 &ndash; &euro;2.4&nbsp;million', '£80\u202f000 – €2.4\u00a0million'],
    ['&ldquo;We take this seriously,&rdquo; &lsquo;he&rsquo;s&rsquo;', '\u201cWe take this seriously,\u201d \u2018he\u2019s\u2019'],
    ['&#x2019; &#X2019; &#8217;', '\u2019 \u2019 \u2019'],
    ['&#150; &#146;', '\u2013 \u2019'], // windows-1252 meanings
    ['&#0; &#xD800; &#1114112;', '\ufffd \ufffd \ufffd'],
    ['&copy2024 &amp &ampx &notit;', '\u00a92024 & &x \u00acit;'], // legacy names without ;
    ['&alpha;&Omega;&rarr;&le;&hellip;&apos;&AMP;', '\u03b1\u03a9\u2192\u2264\u2026\u0027&'],
    ['&NewLine; &bogus; & alone &#; &#x;', '&NewLine; &bogus; & alone &#; &#x;'],
  ])('%s', (input, out) => {
    expect(decodeEntities(input)).toBe(out);
  });

  it('in attributes, a legacy name followed by a letter, digit or = stays', () => {
    expect(decodeEntities('a?b=1&copy=2&amp;c', true)).toBe('a?b=1&copy=2&c');
    expect(decodeEntities('&copy 2024', true)).toBe('\u00a9 2024');
  });
});
