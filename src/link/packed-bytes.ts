/**
 * Bytes carried in a link: zlib-compressed, then base64url. Unpacking is bounded
 * on both sides, because the text comes from whoever wrote the link: the text's
 * length is checked before any decoding, and inflation stops at a byte limit, so
 * a few kilobytes crafted to inflate to gigabytes (a "zip bomb") cost nothing.
 */
import { zlibSync } from 'fflate';
import { inflateStream, looksLikeZlib } from '../core/bounded-inflate';
import { base64UrlToBytes, bytesToBase64Url } from './base64url';

export function packBytes(bytes: Uint8Array): string {
  return bytesToBase64Url(zlibSync(bytes, { level: 9 }));
}

export interface UnpackLimits {
  /** Longest text accepted, in characters. */
  maxChars: number;
  /** Most bytes the text may inflate to. */
  maxBytes: number;
}

/** The inflated bytes, or a sentence saying why there are none (for the user, after the parameter's name). */
export function unpackBytes(text: string, limits: UnpackLimits): { bytes: Uint8Array } | { problem: string } {
  if (text.length > limits.maxChars) return { problem: `is ${text.length} characters long; at most ${limits.maxChars} are read` };
  const packed = base64UrlToBytes(text);
  if (packed === null) return { problem: 'is not base64url text (letters, digits, "-" and "_"); the link was probably cut or altered' };
  const notPacked = { problem: 'is not compressed data Depthscope wrote; the link was probably cut or altered' };
  // Links always hold a zlib stream; without its header the bytes are not ours (raw deflate would read garbage as data).
  if (!looksLikeZlib(packed)) return notPacked;
  const pieces: Uint8Array[] = [];
  let total = 0;
  let tooBig = false;
  let ended: boolean;
  try {
    ended = inflateStream(
      packed,
      (piece) => {
        total += piece.length;
        tooBig = total > limits.maxBytes;
        if (!tooBig) pieces.push(piece.slice());
        return !tooBig;
      },
      'unpacking',
      limits.maxBytes + 1,
    ).ended;
  } catch {
    return notPacked;
  }
  if (tooBig) return { problem: `unpacks to more than ${limits.maxBytes} bytes, the most a link may hold` };
  if (!ended) return { problem: 'ends too early; the link was probably cut' };
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes };
}
