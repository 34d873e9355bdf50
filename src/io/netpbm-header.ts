/**
 * Reading the text header shared by PGM and PFM: whitespace-separated fields, '#'
 * comments to the end of the line, and exactly one whitespace byte between the last
 * field and the binary data.
 */

import { quoteText } from '../core/quoted-text';
import { DepthDecodeError } from '../core/depth-image';

/** Fields longer than this are not numbers any writer produces; stop early on garbage. */
const MAX_FIELD_CHARS = 64;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}

export interface HeaderFields {
  fields: string[];
  /** Offset of the first data byte. */
  dataOffset: number;
}

/**
 * Reads `count` fields after the 2-byte magic. `names` are used in error messages
 * ("the image width"...), `format` prefixes them.
 */
export function readHeaderFields(
  bytes: Uint8Array,
  names: readonly string[],
  format: string,
  allowComments: boolean,
): HeaderFields {
  const fields: string[] = [];
  let pos = 2;
  for (const name of names) {
    // Skip whitespace and comments.
    for (;;) {
      if (pos >= bytes.length) {
        throw new DepthDecodeError(`${format}: the file is truncated (the header ends before ${name}).`);
      }
      const b = bytes[pos];
      if (isSpace(b)) pos++;
      else if (b === 0x23 /* # */ && allowComments) {
        while (pos < bytes.length && bytes[pos] !== 0x0a && bytes[pos] !== 0x0d) pos++;
      } else break;
    }
    const start = pos;
    while (pos < bytes.length && !isSpace(bytes[pos]) && !(allowComments && bytes[pos] === 0x23)) {
      pos++;
      if (pos - start > MAX_FIELD_CHARS) {
        throw new DepthDecodeError(`${format}: the header is malformed (${name} is not a number).`);
      }
    }
    fields.push(String.fromCharCode(...bytes.subarray(start, pos)));
  }
  // Exactly one whitespace byte separates the header from the data.
  if (pos >= bytes.length || !isSpace(bytes[pos])) {
    throw new DepthDecodeError(
      `${format}: the file is ${pos >= bytes.length ? 'truncated (no pixel data after the header)' : 'malformed (no whitespace after the header)'}.`,
    );
  }
  return { fields, dataOffset: pos + 1 };
}

/** A decimal whole number as written in Netpbm headers (digits only, no sign). */
export function parseWholeNumber(text: string, name: string, format: string): number {
  if (!/^[0-9]{1,10}$/.test(text)) {
    throw new DepthDecodeError(
      `${format}: the header is malformed: ${name} should be a positive whole number, found ${quoteText(text, 20)}.`,
    );
  }
  return Number(text);
}

/**
 * Where the binary samples start, given the header's end and the bytes they need.
 * Tools writing in text mode end the header with "\r\n", and some add a blank line
 * ("\n\n"): the one whitespace byte the formats allow is then followed by another,
 * which would be read as the first data byte and shift every sample (a 16-bit 1000
 * becomes 2563). When the file is exactly one byte longer than the samples need
 * and the header ended that way, that byte is skipped, with a note; a file of any
 * other length than the samples need is said to be so.
 */
export function locateSamples(
  bytes: Uint8Array,
  header: HeaderFields,
  needed: number,
  pixels: string,
  format: string,
  notes: string[],
): number {
  const at = header.dataOffset;
  const available = bytes.length - at;
  if (available < needed) {
    throw new DepthDecodeError(
      `${format}: the file is truncated: ${pixels} need ${needed} bytes of pixel data, found ${available}.`,
    );
  }
  if (available === needed + 1) {
    const last = bytes[at - 1];
    if ((last === 0x0d || last === 0x0a) && bytes[at] === 0x0a) {
      const ending = last === 0x0d ? '"\\r\\n" (as text-mode tools write it)' : 'a blank line';
      notes.push(`The ${format} header ends with ${ending}; the extra byte was skipped, not read as pixel data.`);
      return at + 1;
    }
  }
  if (available > needed) {
    notes.push(`The ${format} file is ${available - needed} byte(s) longer than ${pixels} need; the extra data was ignored.`);
  }
  return at;
}
