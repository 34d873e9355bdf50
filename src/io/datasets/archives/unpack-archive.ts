/**
 * An archive (.zip, .tar, .tgz / .tar.gz) as a FileTree, recognised by its first
 * bytes (the name only as a last hint). Bounds are in archive-limits.ts: listing
 * is bounded in entries and bytes, an entry in size; a nested archive is an
 * entry like any other and is never unpacked.
 */
import { DepthDecodeError } from '../../../core/depth-image';
import type { ByteSource, FileTree } from '../../../core/recording';
import { bytesSource } from '../../byte-source';
import { MAX_TGZ_BYTES } from './archive-limits';
import { gunzipBounded } from './gunzip-bounded';
import { readTar } from './tar-reader';
import { RECORDING_SNIFF_BYTES, sniffRecordingFile } from '../../sniff-recording';
import { readZip } from './zip-reader';

export interface UnpackArchiveOptions {
  onProgress?: (stage: string, fraction: number | null) => void;
}

export type ArchiveKind = 'zip' | 'tar' | 'tgz';

/** By the first bytes (sniff-recording.ts, the page's sniff too), the name only as a last hint. */
export function archiveKind(head: Uint8Array, name: string): ArchiveKind | null {
  const sniffed = sniffRecordingFile(head);
  if (sniffed === 'zip' || sniffed === 'tar') return sniffed;
  if (sniffed === 'gzip') return 'tgz';
  if (/\.zip$/i.test(name)) return 'zip';
  if (/\.tar$/i.test(name)) return 'tar';
  return null;
}

/** The archive's name without its extension: the dataset's name. */
function treeName(name: string): string {
  return name.replace(/\.(zip|tar|tgz|tar\.gz)$/i, '');
}

export async function unpackArchive(source: ByteSource, options: UnpackArchiveOptions = {}): Promise<FileTree> {
  if (source.size === 0) throw new DepthDecodeError(`“${source.name}” is empty.`);
  const kind = archiveKind(await source.read(0, RECORDING_SNIFF_BYTES), source.name);
  options.onProgress?.(`Listing ${source.name}`, null);
  let tree: FileTree;
  if (kind === 'zip') tree = await readZip(source);
  else if (kind === 'tar') tree = await readTar(source);
  else if (kind === 'tgz') tree = await readTar(bytesSource(await gunzipBounded(source, MAX_TGZ_BYTES), source.name));
  else throw new DepthDecodeError(`“${source.name}” is not an archive Depthscope opens (.zip, .tar, .tgz or .tar.gz).`);
  return { name: treeName(source.name), files: tree.files };
}
