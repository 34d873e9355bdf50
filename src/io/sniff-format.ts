/**
 * Recognises a file by its first bytes (never by its name: depth files are often
 * renamed, and ".png" files from some tools are really TIFFs).
 */

export type SniffedFormat =
  | 'png'
  | 'tiff'
  | 'pgm'
  | 'pfm'
  | 'npy'
  | 'exr'
  | 'jpeg'
  | 'webp'
  | 'gif'
  | 'bmp'
  | 'unknown';

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

/** Netpbm headers separate fields with whitespace; a comment may follow the magic directly. */
function isNetpbmSeparator(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c || b === 0x23;
}

/**
 * 'pgm' covers the whole Netpbm family (P1-P7): the PGM decoder then explains why a
 * bitmap, a colour PPM or a PAM is not read, which is more helpful than "unknown".
 * A BigTIFF ("II+" / "MM\0+") is reported as 'tiff' for the same reason.
 */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])
  ) {
    return 'tiff';
  }
  if (startsWith(bytes, [0x93, ...ascii('NUMPY')])) return 'npy';
  // OpenEXR's magic number 20000630 (0x01312f76), little-endian.
  if (startsWith(bytes, [0x76, 0x2f, 0x31, 0x01])) return 'exr';
  if (bytes[0] === 0x50 /* P */ && isNetpbmSeparator(bytes[2])) {
    const kind = bytes[1];
    if (kind === 0x66 /* f */ || kind === 0x46 /* F */) return 'pfm';
    if (kind >= 0x31 && kind <= 0x37 /* 1..7 */) return 'pgm';
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('BM')) && bytes.length >= 18) {
    // "BM" alone is too weak; the DIB header size that follows is one of a few values.
    const dib = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24);
    if ([12, 16, 40, 52, 56, 64, 108, 124].includes(dib)) return 'bmp';
  }
  return 'unknown';
}

/**
 * True for an ordinary 8-bit colour picture: a JPEG, WebP, GIF, BMP or binary PPM, or a PNG
 * of 8-bit RGB or RGBA (IHDR bit depth 8, colour type 2 or 6). Dropped together
 * with a depth map, such a file is the depth's colour frame rather than depth.
 */
export function isColourPicture(bytes: Uint8Array): boolean {
  const format = sniffFormat(bytes);
  if (format === 'jpeg' || format === 'webp' || format === 'gif' || format === 'bmp') return true;
  // A binary PPM (P6): NYU Depth V2's colour frames come as such.
  if (format === 'pgm' && bytes[1] === 0x36) return true;
  // PNG: the IHDR chunk comes first; bit depth at byte 24, colour type at byte 25.
  return format === 'png' && bytes.length >= 26 && startsWith(bytes, ascii('IHDR'), 12) && bytes[24] === 8 && (bytes[25] === 2 || bytes[25] === 6);
}
