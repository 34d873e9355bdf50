/**
 * The size of a colour picture from its first bytes, without decoding it: a PNG's
 * IHDR, a JPEG's start-of-frame marker. Used to describe a colour stream when a
 * dataset opens; null when the header is not there (the size is then 0 x 0
 * until a frame is decoded).
 */

export function probeImageSize(head: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 24 && head[0] === 0x89 && head[1] === 0x50 && head[12] === 0x49 && head[15] === 0x52) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) {
    let at = 2;
    // Walk the marker segments up to a start-of-frame (SOF0..SOF15 except DHT, JPG and DAC).
    while (at + 9 <= head.length) {
      if (head[at] !== 0xff) return null;
      const marker = head[at + 1];
      if (marker === 0xff) {
        at++;
        continue;
      }
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
      }
      at += 2 + length;
    }
  }
  return null;
}
