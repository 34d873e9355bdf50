/**
 * What an archive may ask of us. An archive is unpacked into a FileTree lazily
 * where the format allows (zip: a source per entry that inflates when read;
 * tar: slices of the file), so these bound the listing and each entry; a .tgz
 * has no random access and is unpacked into memory, up to MAX_TGZ_BYTES.
 */
import { DepthDecodeError } from '../../../core/depth-image';
import { quoteText } from '../../../core/quoted-text';

/** Entries listed (files, folders, links): a dataset of 100k frames with colour and poses is ~300k. */
export const MAX_ENTRIES = 500_000;
/** One entry's size, declared or actual: the largest file decodeDepth opens. */
export const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
/** A .tgz is inflated into memory: its whole tar may be at most this. */
export const MAX_TGZ_BYTES = 1024 * 1024 * 1024;
/** A zip's central directory (~100 bytes per entry, so ~650k entries) and a tar's long name. */
export const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;
export const MAX_NAME_BYTES = 64 * 1024;

/**
 * A safe relative path for an entry, or null for a folder entry. Backslashes are
 * separators (zips made on Windows); "." segments are dropped; an absolute path,
 * a drive letter or a ".." segment is refused: nothing is written to disk here,
 * but such a name means the archive is hostile or broken, and saying so is
 * clearer than a frame that cannot be found.
 */
export function safeEntryPath(raw: string, archive: string): string | null {
  const name = raw.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.includes('\0')) {
    throw new DepthDecodeError(`“${archive}” names an entry with an absolute path (${quoteText(name, 60)}); it is damaged or hostile, so it is not opened.`);
  }
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) {
    throw new DepthDecodeError(`“${archive}” names an entry outside itself (${quoteText(name, 60)}); it is damaged or hostile, so it is not opened.`);
  }
  if (parts.length === 0 || name.endsWith('/')) return null;
  return parts.join('/');
}

export function tooManyEntries(archive: string): DepthDecodeError {
  return new DepthDecodeError(`“${archive}” has more than ${MAX_ENTRIES.toLocaleString('en')} entries; it is not opened (extract the part you need).`);
}

export function entryTooLarge(archive: string, entry: string, size: number): DepthDecodeError {
  return new DepthDecodeError(
    `“${entry}” in “${archive}” is ${Math.round(size / 2 ** 20)} MiB; entries up to ${MAX_ENTRY_BYTES / 2 ** 20} MiB are read.`,
  );
}
