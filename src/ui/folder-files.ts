/**
 * Folders from the page: picked with "Open folder…" (an input with
 * webkitdirectory: each File knows its webkitRelativePath) or dropped (the
 * drop's entries walked with the File and Directory Entries API). Both give
 * the recording worker a tree of relative paths. The walk is bounded: a
 * dropped home folder must not freeze the page listing a million files.
 */
import type { RecordingInput } from '../io/recording-protocol';

type TreeInput = Extract<RecordingInput, { kind: 'tree' }>;

/** More files than any dataset sequence we open (ScanNet scenes hold ~10,000 frames x 3 files). */
export const MAX_FOLDER_FILES = 200_000;
const MAX_DEPTH = 16;

/** Files from a webkitdirectory input, by their paths under the folder picked. */
export function treeFromPickedFolder(files: readonly File[]): TreeInput | null {
  if (files.length === 0) return null;
  const first = files[0].webkitRelativePath || files[0].name;
  const name = first.split('/')[0];
  return {
    kind: 'tree',
    name,
    files: files.slice(0, MAX_FOLDER_FILES).map((file) => {
      const path = file.webkitRelativePath || file.name;
      return { path: path.startsWith(`${name}/`) ? path.slice(name.length + 1) : path, file };
    }),
  };
}

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(dir: FileSystemDirectoryEntry, prefix: string, out: { path: string; file: File }[], depth: number): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const reader = dir.createReader();
  // readEntries answers in batches (100 in Chromium) until it answers none.
  for (let batch = await readBatch(reader); batch.length > 0 && out.length < MAX_FOLDER_FILES; batch = await readBatch(reader)) {
    for (const entry of batch) {
      if (out.length >= MAX_FOLDER_FILES) return;
      if (entry.isFile) out.push({ path: prefix + entry.name, file: await fileOf(entry as FileSystemFileEntry) });
      else if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, `${prefix}${entry.name}/`, out, depth + 1);
    }
  }
}

/**
 * The folder among dropped items, or null when only files were dropped (they
 * open as before). Entries must be taken from the items during the drop event
 * itself, before the first await: the browser empties them afterwards.
 */
export function droppedFolder(items: DataTransferItemList | undefined): Promise<TreeInput> | null {
  const entries = [...(items ?? [])].map((i) => i.webkitGetAsEntry?.() ?? null);
  const folder = entries.find((e): e is FileSystemDirectoryEntry => e?.isDirectory === true);
  if (!folder) return null;
  return (async () => {
    const files: { path: string; file: File }[] = [];
    await walk(folder, '', files, 0);
    return { kind: 'tree', name: folder.name, files };
  })();
}
