/** Archives as FileTrees: the TUM fixture from .zip, .tar and .tgz, lazily; bombs, truncation and hostile names end in sentences. */
import { describe, expect, it } from 'vitest';
import { gzipSync, zipSync } from 'fflate';
import { depthGrid, TUM_EXPECTED_COLOUR } from '../../../../scripts/make-dataset-fixtures';
import { writeTar } from '../../../../scripts/tar-writer';
import { DepthDecodeError } from '../../../core/depth-image';
import type { ByteSource } from '../../../core/recording';
import { bytesSource } from '../../byte-source';
import { openDataset } from '../open-dataset';
import { fixtureBytes, testColourDecoder } from '../test-support';
import { MAX_ENTRY_BYTES } from './archive-limits';
import { gunzipBounded } from './gunzip-bounded';
import { unpackArchive } from './unpack-archive';

/** A source that counts the bytes read from it. */
function counted(bytes: Uint8Array, name: string): { source: ByteSource; read: () => number } {
  const inner = bytesSource(bytes, name);
  let total = 0;
  return {
    source: { name, size: bytes.length, read: async (o, l) => { const out = await inner.read(o, l); total += out.length; return out; } },
    read: () => total,
  };
}

const find = (bytes: Uint8Array, signature: number, from = 0): number => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = from; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === signature) return i;
  return -1;
};
const CENTRAL = 0x02014b50;
const text = (s: string) => new TextEncoder().encode(s);

describe('unpackArchive', () => {
  for (const ext of ['zip', 'tar', 'tgz']) {
    it(`opens the TUM layout from .${ext}, exactly`, async () => {
      const tree = await unpackArchive(bytesSource(fixtureBytes(`archives/tum-mini.${ext}`), `tum-mini.${ext}`));
      expect(tree.name).toBe('tum-mini');
      expect([...tree.files.keys()]).toContain('rgbd_dataset_mini/depth.txt');
      const rec = await openDataset(tree, { decodeColour: testColourDecoder });
      expect(rec.summary.kind).toBe('tum');
      expect(Array.from((await rec.readDepth(2)).data)).toEqual(Array.from(depthGrid('tum', 2)));
      expect(rec.summary.frames.map((f) => f.hasColour)).toEqual(TUM_EXPECTED_COLOUR.map((c) => c >= 0));
    });
  }

  it('lists a zip from its central directory and a tar from its headers, without reading the entries', async () => {
    const big = new Uint8Array(1 << 20).map((_, i) => (i * 2654435761) >>> 24);
    const files = { 'big.bin': big, 'depth.txt': text('# depth maps\n') };
    const archives = { zip: zipSync(files, { level: 0 }), tar: writeTar(new Map(Object.entries(files))) };
    for (const [ext, bytes] of Object.entries(archives)) {
      const { source, read } = counted(bytes, `t.${ext}`);
      const tree = await unpackArchive(source);
      // The tail and the directory (zip), the headers (tar): never the megabyte inside.
      expect(read(), ext).toBeLessThan(80 * 1024);
      expect(tree.files.get('big.bin')!.size).toBe(big.length);
      expect(new TextDecoder().decode(await tree.files.get('depth.txt')!.read(0, 12))).toBe('# depth maps');
      expect(read(), ext).toBeLessThan(80 * 1024);
      expect(Array.from(await tree.files.get('big.bin')!.read(500_000, 4))).toEqual(Array.from(big.subarray(500_000, 500_004)));
    }
  });

  it('reads a nested archive as a plain entry, never unpacking it', async () => {
    const inner = zipSync({ 'a/b.png': fixtureBytes('folder/frame_1_depth.png') });
    const tree = await unpackArchive(bytesSource(zipSync({ 'inner.zip': inner, 'x.txt': text('x') }), 'outer.zip'));
    expect([...tree.files.keys()].sort()).toEqual(['inner.zip', 'x.txt']);
    expect(tree.files.get('inner.zip')!.size).toBe(inner.length);
  });

  it('refuses an entry declaring more than the entry limit, at listing', async () => {
    const zip = zipSync({ 'big.png': new Uint8Array(10) }, { level: 0 });
    const at = find(zip, CENTRAL);
    new DataView(zip.buffer).setUint32(at + 24, MAX_ENTRY_BYTES + 1, true);
    await expect(unpackArchive(bytesSource(zip, 'bomb.zip'))).rejects.toThrow(/“big.png” in “bomb.zip” is 1024 MiB; entries up to 1024 MiB are read/);
  });

  it('refuses, at listing, a declared size its compressed data cannot produce (it would be allocated on reading)', async () => {
    const zip = zipSync({ 'small.png': new Uint8Array(100).fill(7) }, { level: 9 });
    const at = find(zip, CENTRAL);
    new DataView(zip.buffer).setUint32(at + 24, 500 << 20, true);
    await expect(unpackArchive(bytesSource(zip, 'liar.zip'))).rejects.toThrow(/“small.png” in “liar.zip” declares 524288000 bytes from \d+ stored: more than its data can hold/);
  });

  it('refuses an entry that inflates beyond its declared size, with bounded work', async () => {
    const zip = zipSync({ 'bomb.png': new Uint8Array(2 << 20) }, { level: 1 });
    const central = find(zip, CENTRAL);
    new DataView(zip.buffer).setUint32(central + 24, 100, true);
    const tree = await unpackArchive(bytesSource(zip, 'bomb.zip'));
    await expect(tree.files.get('bomb.png')!.read(0, 100)).rejects.toThrow('“bomb.png” in “bomb.zip” inflates beyond its declared 100 bytes; the archive is damaged or hostile.');
  });

  it('refuses millions of declared entries and an oversized directory (Zip64 end record)', async () => {
    const zip = zipSync({ 'a.txt': text('a') });
    const eocd = find(zip, 0x06054b50);
    const dirSize = new DataView(zip.buffer).getUint32(eocd + 12, true);
    const dirOffset = new DataView(zip.buffer).getUint32(eocd + 16, true);
    const zip64 = (entries: number, size: number) => {
      const record = new DataView(new ArrayBuffer(56 + 20 + 22));
      record.setUint32(0, 0x06064b50, true);
      record.setUint32(32, entries % 2 ** 32, true);
      record.setUint32(36, Math.floor(entries / 2 ** 32), true);
      record.setUint32(40, size, true);
      record.setUint32(48, dirOffset, true);
      record.setUint32(56, 0x07064b50, true);
      record.setUint32(56 + 8, eocd, true);
      record.setUint32(76, 0x06054b50, true);
      record.setUint16(76 + 10, 0xffff, true);
      const out = new Uint8Array(eocd + 98);
      out.set(zip.subarray(0, eocd));
      out.set(new Uint8Array(record.buffer), eocd);
      return out;
    };
    await expect(unpackArchive(bytesSource(zip64(5_000_000, dirSize), 'many.zip'))).rejects.toThrow(/“many.zip” has more than 500,000 entries/);
    await expect(unpackArchive(bytesSource(zip64(1, 200 << 20), 'dir.zip'))).rejects.toThrow(/its central directory is 200 MiB; at most 64 MiB/);
  });

  it('stops a .tgz that unpacks beyond its limit (here 1 MiB, to keep the test small)', async () => {
    const bomb = gzipSync(new Uint8Array(8 << 20), { level: 1 });
    expect(bomb.length).toBeLessThan(64 << 10);
    await expect(gunzipBounded(bytesSource(bomb, 'bomb.tgz'), 1 << 20)).rejects.toThrow('“bomb.tgz” unpacks to more than 1 MiB; a .tgz is unpacked in memory, so extract it and open the folder instead.');
  });

  it('refuses truncated archives', async () => {
    for (const ext of ['zip', 'tar', 'tgz']) {
      const bytes = fixtureBytes(`archives/tum-mini.${ext}`);
      const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
      const attempt = unpackArchive(bytesSource(cut, `cut.${ext}`)).then(async (tree) => {
        // A tar cut inside an entry is caught at listing; this reads every entry to be sure.
        for (const s of tree.files.values()) await s.read(0, s.size);
      });
      await expect(attempt, ext).rejects.toThrow(/truncated|damaged/);
      await expect(attempt).rejects.toBeInstanceOf(DepthDecodeError);
    }
  });

  it('refuses path traversal and absolute names', async () => {
    await expect(unpackArchive(bytesSource(zipSync({ '../evil.png': text('x') }), 'a.zip'))).rejects.toThrow('“a.zip” names an entry outside itself ("../evil.png"); it is damaged or hostile, so it is not opened.');
    await expect(unpackArchive(bytesSource(zipSync({ 'a\\..\\..\\evil.png': text('x') }), 'b.zip'))).rejects.toThrow(/names an entry outside itself/);
    await expect(unpackArchive(bytesSource(writeTar(new Map([['/etc/passwd', text('x')]])), 'c.tar'))).rejects.toThrow(/names an entry with an absolute path \("\/etc\/passwd"\)/);
    await expect(unpackArchive(bytesSource(writeTar(new Map([['ok/../../x', text('x')]])), 'd.tar'))).rejects.toThrow(/outside itself/);
  });

  it('reads GNU long names and refuses what is not an archive', async () => {
    const long = `${'d'.repeat(120)}/frame.png`;
    const tree = await unpackArchive(bytesSource(writeTar(new Map([[long, text('abc')]])), 'long.tar'));
    expect([...tree.files.keys()]).toEqual([long]);
    expect(new TextDecoder().decode(await tree.files.get(long)!.read(0, 3))).toBe('abc');
    await expect(unpackArchive(bytesSource(text('hello'), 'x.bin'))).rejects.toThrow('“x.bin” is not an archive Depthscope opens (.zip, .tar, .tgz or .tar.gz).');
    await expect(unpackArchive(bytesSource(new Uint8Array(0), 'e.zip'))).rejects.toThrow('“e.zip” is empty.');
  });
});
