import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Bytewise } from './crc32';

describe('crc32', () => {
  it('gives the check value of the CRC-32 catalogue and of an IEND chunk', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('equals the byte-at-a-time CRC on any bytes and any range', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (b % (bytes.length - start + 1));
        expect(crc32(bytes, start, end)).toBe(crc32Bytewise(bytes, start, end));
      }),
      { numRuns: 500 },
    );
  });
});
