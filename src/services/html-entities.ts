/**
 * HTML character references, decoded as a browser decodes them in text: numeric ones (decimal
 * and hex, with the windows-1252 meaning of 128–159 and U+FFFD for what is not a character)
 * and the named ones of HTML 4 (the 253 that news pages use: Latin-1, typography, Greek,
 * arrows and mathematical signs, plus `&apos;` and the upper-case legacy spellings), the
 * legacy ones also without their `;` (`&copy2024` is "©2024"). A name outside that set is
 * left as it is written (HTML 5 has about 2,000 more, such as `&NewLine;`; the embed, which
 * reads the browser's text, would see the character: the two readers then differ on that one
 * character). Written for the importer (`./page-reader.ts`) in place of a full table: the
 * Worker's bundle has a budget.
 */

/** name:hex code point, for the HTML 4 entities and `apos`. Generated from the HTML 4.01 list. */
const TABLE = 'quot:22,QUOT:22,amp:26,AMP:26,apos:27,lt:3c,LT:3c,gt:3e,GT:3e,nbsp:a0,iexcl:a1,cent:a2,pound:a3,curren:a4,yen:a5,brvbar:a6,sect:a7,uml:a8,copy:a9,COPY:a9,ordf:aa,laquo:ab,not:ac,shy:ad,reg:ae,REG:ae,macr:af,deg:b0,plusmn:b1,sup2:b2,sup3:b3,acute:b4,micro:b5,para:b6,middot:b7,cedil:b8,sup1:b9,ordm:ba,raquo:bb,frac14:bc,frac12:bd,frac34:be,iquest:bf,Agrave:c0,Aacute:c1,Acirc:c2,Atilde:c3,Auml:c4,Aring:c5,AElig:c6,Ccedil:c7,Egrave:c8,Eacute:c9,Ecirc:ca,Euml:cb,Igrave:cc,Iacute:cd,Icirc:ce,Iuml:cf,ETH:d0,Ntilde:d1,Ograve:d2,Oacute:d3,Ocirc:d4,Otilde:d5,Ouml:d6,times:d7,Oslash:d8,Ugrave:d9,Uacute:da,Ucirc:db,Uuml:dc,Yacute:dd,THORN:de,szlig:df,agrave:e0,aacute:e1,acirc:e2,atilde:e3,auml:e4,aring:e5,aelig:e6,ccedil:e7,egrave:e8,eacute:e9,ecirc:ea,euml:eb,igrave:ec,iacute:ed,icirc:ee,iuml:ef,eth:f0,ntilde:f1,ograve:f2,oacute:f3,ocirc:f4,otilde:f5,ouml:f6,divide:f7,oslash:f8,ugrave:f9,uacute:fa,ucirc:fb,uuml:fc,yacute:fd,thorn:fe,yuml:ff,OElig:152,oelig:153,Scaron:160,scaron:161,Yuml:178,fnof:192,circ:2c6,tilde:2dc,Alpha:391,Beta:392,Gamma:393,Delta:394,Epsilon:395,Zeta:396,Eta:397,Theta:398,Iota:399,Kappa:39a,Lambda:39b,Mu:39c,Nu:39d,Xi:39e,Omicron:39f,Pi:3a0,Rho:3a1,Sigma:3a3,Tau:3a4,Upsilon:3a5,Phi:3a6,Chi:3a7,Psi:3a8,Omega:3a9,alpha:3b1,beta:3b2,gamma:3b3,delta:3b4,epsilon:3b5,zeta:3b6,eta:3b7,theta:3b8,iota:3b9,kappa:3ba,lambda:3bb,mu:3bc,nu:3bd,xi:3be,omicron:3bf,pi:3c0,rho:3c1,sigmaf:3c2,sigma:3c3,tau:3c4,upsilon:3c5,phi:3c6,chi:3c7,psi:3c8,omega:3c9,thetasym:3d1,upsih:3d2,piv:3d6,ensp:2002,emsp:2003,thinsp:2009,zwnj:200c,zwj:200d,lrm:200e,rlm:200f,ndash:2013,mdash:2014,lsquo:2018,rsquo:2019,sbquo:201a,ldquo:201c,rdquo:201d,bdquo:201e,dagger:2020,Dagger:2021,bull:2022,hellip:2026,permil:2030,prime:2032,Prime:2033,lsaquo:2039,rsaquo:203a,oline:203e,frasl:2044,euro:20ac,image:2111,weierp:2118,real:211c,trade:2122,alefsym:2135,larr:2190,uarr:2191,rarr:2192,darr:2193,harr:2194,crarr:21b5,lArr:21d0,uArr:21d1,rArr:21d2,dArr:21d3,hArr:21d4,forall:2200,part:2202,exist:2203,empty:2205,nabla:2207,isin:2208,notin:2209,ni:220b,prod:220f,sum:2211,minus:2212,lowast:2217,radic:221a,prop:221d,infin:221e,ang:2220,and:2227,or:2228,cap:2229,cup:222a,int:222b,there4:2234,sim:223c,cong:2245,asymp:2248,ne:2260,equiv:2261,le:2264,ge:2265,sub:2282,sup:2283,nsub:2284,sube:2286,supe:2287,oplus:2295,otimes:2297,perp:22a5,sdot:22c5,lceil:2308,rceil:2309,lfloor:230a,rfloor:230b,lang:2329,rang:232a,loz:25ca,spades:2660,clubs:2663,hearts:2665,diams:2666';

/** Names a browser also decodes without the `;` (legacy). */
const LEGACY = new Set('AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT Iacute Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig agrave amp aring atilde auml brvbar ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml frac12 frac14 frac34 gt iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp not ntilde oacute ocirc ograve ordf ordm oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1 sup2 sup3 szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml'.split(' '));

const NAMED = new Map<string, string>(
  TABLE.split(',').map((p) => {
    const [name, hex] = p.split(':');
    return [name, String.fromCodePoint(parseInt(hex, 16))];
  }),
);

/** What 128–159 mean in a numeric reference (the Encoding Standard's windows-1252 mapping). */
const WIN1252 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function numeric(n: number): string {
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\ufffd';
  if (n >= 0x80 && n <= 0x9f) return WIN1252[n - 0x80];
  return String.fromCodePoint(n);
}

/**
 * Decodes the character references in a piece of text (`attribute`: in an attribute value,
 * where a legacy name without `;` followed by a letter, digit or `=` is left alone).
 *
 * @example decodeEntities('Fines &amp; bail: &pound;80&#8239;000 &ndash; &copy2024') // 'Fines & bail: £80 000 – ©2024'
 */
export function decodeEntities(text: string, attribute = false): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*))(;?)/g, (all: string, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string, at: number, whole: string) => {
    if (dec !== undefined) return numeric(Number(dec));
    if (hex !== undefined) return numeric(parseInt(hex, 16));
    const n = name as string;
    if (semi && NAMED.has(n)) return NAMED.get(n) as string;
    // The longest legacy name the text begins with, decoded without its `;`.
    for (let k = n.length; k > 1; k--) {
      const head = n.slice(0, k);
      if (!LEGACY.has(head)) continue;
      const rest = n.slice(k) + semi;
      if (attribute && !semi && /^[A-Za-z0-9=]/.test(rest || whole.charAt(at + all.length))) return all;
      return (NAMED.get(head) as string) + rest;
    }
    return all;
  });
}
