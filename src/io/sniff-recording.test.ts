import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sniffRecordingFile } from './sniff-recording';

const tarHead = () => new Uint8Array(readFileSync(new URL('./__fixtures__/datasets/archives/tum-mini.tar', import.meta.url))).subarray(0, 512);

const bytes = (text: string, at = 0) => {
  const out = new Uint8Array(512);
  out.set([...text].map((c) => c.charCodeAt(0)), at);
  return out;
};

describe('sniffRecordingFile', () => {
  it('knows bags, MCAP files and archives by their magic, wherever it sits', () => {
    expect(sniffRecordingFile(bytes('#ROSBAG V2.0\nE'))).toBe('rosbag');
    const mcap = bytes('_MCAP0\r\n');
    mcap[0] = 0x89;
    expect(sniffRecordingFile(mcap)).toBe('mcap');
    expect(sniffRecordingFile(bytes('PK\x03\x04'))).toBe('zip');
    expect(sniffRecordingFile(bytes('\x1f\x8b\x08'))).toBe('gzip');
    expect(sniffRecordingFile(tarHead())).toBe('tar');
  });

  it('leaves depth files and other bags to the other readers', () => {
    expect(sniffRecordingFile(bytes('\x89PNG\r\n\x1a\n'))).toBeNull();
    expect(sniffRecordingFile(bytes('#ROSBAG V1.2\n'))).toBeNull();
    expect(sniffRecordingFile(new Uint8Array(0))).toBeNull();
    // "ustar" alone is not a tar: the header's checksum must hold, as the tar reader requires.
    expect(sniffRecordingFile(bytes('ustar', 257))).toBeNull();
    const damaged = tarHead().slice();
    damaged[0] ^= 1;
    expect(sniffRecordingFile(damaged)).toBeNull();
  });
});
