/**
 * Numbers and quoted values in links (issue 13). A link comes from anyone, so
 * reading one of its numbers must take time in proportion to a few characters,
 * whatever the link holds: every number is first held to MAX_NUMBER_CHARS, then
 * read by a scanner that looks at each character once. (The regular expressions
 * this replaces, /^(\d+\.?\d*|...)$/, tried every split of a digit run between
 * \d+ and \d*: 40,000 digits and a letter took over a second per parameter.)
 */

import { quoteText } from '../core/quoted-text';

/**
 * Longest number text read from a link. The longest number the app writes is a
 * double in shortest form, e.g. "-1.7976931348623157e+308" (24 characters);
 * 32 leaves room for a hand-typed "+" or zeros, and nothing longer is a number
 * anyone meant: it is refused before it is scanned.
 */
export const MAX_NUMBER_CHARS = 32;

/** Characters of a refused value quoted back in a message; the rest becomes "…". */
export const MAX_QUOTED_CHARS = 32;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/**
 * Whether `text` is a plain decimal, `[-+]?(d+[.d*] | .d+)([eE][-+]?d+)?`,
 * optionally between spaces, of at most MAX_NUMBER_CHARS characters: no hex,
 * no "Infinity", no "1_000". One pass, no backtracking.
 */
export function isLinkDecimal(text: string): boolean {
  if (text.length > MAX_NUMBER_CHARS) return false;
  let i = 0;
  const n = text.length;
  const at = () => (i < n ? text.charCodeAt(i) : -1);
  while (isSpace(at())) i++;
  if (at() === 43 || at() === 45) i++; // + -
  let digits = 0;
  while (isDigit(at())) {
    i++;
    digits++;
  }
  if (at() === 46) {
    i++; // .
    while (isDigit(at())) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (at() === 101 || at() === 69) {
    i++; // e E
    if (at() === 43 || at() === 45) i++;
    let exponent = 0;
    while (isDigit(at())) {
      i++;
      exponent++;
    }
    if (exponent === 0) return false;
  }
  while (isSpace(at())) i++;
  return i === n;
}

/** The value of a plain decimal from a link (see isLinkDecimal), or NaN. */
export function readLinkDecimal(text: string): number {
  return isLinkDecimal(text) ? Number(text) : Number.NaN;
}

/** Whether `text` is 1 to `maxDigits` digits and nothing else (a pixel, a page, a stride). */
export function isLinkWhole(text: string, maxDigits: number): boolean {
  if (text.length === 0 || text.length > maxDigits) return false;
  for (let i = 0; i < text.length; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/**
 * A value from a link, quoted for a message: JSON-quoted (so it reads as text),
 * cut to MAX_QUOTED_CHARS characters and "…" so a 40,000-character value
 * neither floods the page nor hides the sentence that follows it.
 */
export function quoteLinkValue(value: string): string {
  return quoteText(value, MAX_QUOTED_CHARS);
}
