/**
 * The PLY reader's refusals (found by scripts/fuzz): each is a PlyReadError
 * with one short sentence, in work bounded by the file's size.
 */
import { describe, expect, it } from 'vitest';
import { encodePly } from './encode-ply';
import { MAX_PLY_HEADER_BYTES, PlyReadError, readPly } from './read-ply';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const header = (...lines: string[]) => ascii(['ply', 'format binary_little_endian 1.0', ...lines, 'end_header', ''].join('\n'));

function refusal(bytes: Uint8Array): string {
  try {
    readPly(bytes);
  } catch (e) {
    if (!(e instanceof PlyReadError)) throw e;
    expect(e.message.length).toBeLessThanOrEqual(300);
    expect(e.message).not.toMatch(/\p{Cc}/u);
    return e.message;
  }
  throw new Error('read, but should have been refused');
}

describe('readPly refuses', () => {
  it('a billion vertices with no properties at once, instead of building a billion empty rows', () => {
    const t0 = performance.now();
    expect(refusal(header('element vertex 1000000000'))).toBe('The PLY header declares 1000000000 vertices with no properties.');
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('a vertex count that is not a whole number (it was taken as -1 and gave count -1 with no rows)', () => {
    expect(refusal(header('element vertex -1'))).toMatch(/vertex count "-1" is not a whole number/);
    expect(refusal(header('element vertex 1e3', 'property float x'))).toMatch(/vertex count "1e3"/);
  });

  it('a property type that is only an Object.prototype key', () => {
    expect(refusal(header('element vertex 1', 'property constructor x'))).toBe('The PLY header has a line this reader does not take: "property constructor x".');
  });

  it('a header without end_header in 64 KiB, without scanning the rest', () => {
    const big = new Uint8Array(MAX_PLY_HEADER_BYTES * 4).fill(0x0a);
    big.set(ascii('ply\n'));
    expect(refusal(big)).toBe('The PLY header has no end_header line in its first 64 KiB.');
  });

  it('other files and formats, quoting at most 40 characters without control characters', () => {
    expect(refusal(ascii(`\u0001${'x'.repeat(5000)}\nend_header\n`))).toMatch(/^The file starts with "\?x{39}…", not "ply"/);
    expect(refusal(ascii('ply\nformat ascii 1.0\nelement vertex 0\nend_header\n'))).toMatch(/format is "ascii 1.0"; this reader takes binary_little_endian 1.0 only/);
    expect(refusal(header('property float x'))).toBe('The PLY header declares no vertex element.');
  });

  it('a body that does not match the header, and still reads what the writer writes', () => {
    const { bytes } = encodePly({ positions: Float32Array.of(1, 2, 3, 4, 5, 6) });
    expect(refusal(bytes.subarray(0, bytes.length - 1))).toBe('The PLY body holds 23 bytes; the header declares 2 vertices of 12 bytes (24).');
    expect(readPly(bytes).rows).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});
