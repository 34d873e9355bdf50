/**
 * ByteSources (core/recording.ts) over the places bytes come from: a File or
 * Blob (read by slices, never whole), and bytes already in memory (tests,
 * archives unpacked in memory).
 */
import type { ByteSource } from '../core/recording';

export function blobSource(blob: Blob, name: string): ByteSource {
  return {
    name,
    size: blob.size,
    async read(offset, length) {
      const end = Math.min(blob.size, offset + length);
      if (offset >= end) return new Uint8Array(0);
      return new Uint8Array(await blob.slice(offset, end).arrayBuffer());
    },
  };
}

export function bytesSource(bytes: Uint8Array, name: string): ByteSource {
  return {
    name,
    size: bytes.length,
    read(offset, length) {
      return Promise.resolve(bytes.subarray(Math.min(offset, bytes.length), Math.min(bytes.length, offset + length)));
    },
  };
}

/** The whole of a (small) source: text files, a single frame's PNG. */
export function readAll(source: ByteSource): Promise<Uint8Array> {
  return source.read(0, source.size);
}
