/** The committed recording fixtures as ByteSources, and a source that counts what is read. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ByteSource, OpenRecordingOptions, Recording } from '../../core/recording';
import { bytesSource } from '../byte-source';
import { openRecordingFile } from './open-recording-file';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__fixtures__/recordings');

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

export function openFixture(name: string, options: OpenRecordingOptions = {}): Promise<Recording> {
  return openRecordingFile(bytesSource(fixtureBytes(name), name), options);
}

export function openBytes(bytes: Uint8Array, options: OpenRecordingOptions = {}, name = 'test.bag'): Promise<Recording> {
  return openRecordingFile(bytesSource(bytes, name), options);
}

/** A source that adds up the bytes asked of it. */
export function countingSource(bytes: Uint8Array, name: string): ByteSource & { bytesRead: number } {
  const inner = bytesSource(bytes, name);
  const counted = {
    name,
    size: inner.size,
    bytesRead: 0,
    async read(offset: number, length: number) {
      const out = await inner.read(offset, length);
      counted.bytesRead += out.length;
      return out;
    },
  };
  return counted;
}
