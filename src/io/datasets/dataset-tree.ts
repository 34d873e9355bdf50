/**
 * Paths of a dropped folder or unpacked archive, as the layouts see them: with
 * the folder every file shares stripped ("rgbd_dataset_freiburg1_xyz/rgb.txt" is
 * "rgb.txt"), without the debris of copying (macOS's __MACOSX/, ._ files,
 * .DS_Store, Thumbs.db), in numeric name order (frame-2 before frame-10).
 */
import type { ByteSource, FileTree } from '../../core/recording';

const collator = new Intl.Collator('en', { numeric: true });
export const compareNames = collator.compare;

function isDebris(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return path.startsWith('__MACOSX/') || base.startsWith('._') || base === '.DS_Store' || base === 'Thumbs.db' || base === 'desktop.ini';
}

/** The deepest folder that holds every path, with its trailing slash ('' when none). */
export function commonFolder(paths: readonly string[]): string {
  if (paths.length === 0) return '';
  const dirs = paths.map((path) => path.split('/').slice(0, -1));
  const common: string[] = [];
  for (let i = 0; dirs.every((d) => i < d.length && d[i] === dirs[0][i]); i++) common.push(dirs[0][i]);
  return common.length ? common.join('/') + '/' : '';
}

/** The tree without the debris of copying, paths as given. */
export function withoutDebris(tree: FileTree): FileTree {
  return { name: tree.name, files: new Map([...tree.files].filter(([path]) => !isDebris(path))) };
}

/** The tree re-rooted at the deepest folder that holds every file. */
export function rootedTree(tree: FileTree): FileTree {
  const entries = [...withoutDebris(tree).files];
  const prefix = commonFolder(entries.map(([path]) => path));
  const files = new Map<string, ByteSource>(entries.map(([path, source]) => [path.slice(prefix.length), source]));
  return { name: tree.name, files };
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A tree path as core/file-pairing.ts takes files: its name, and the path as a folder input gives it. */
export function pairingFile(path: string): { name: string; webkitRelativePath: string } {
  return { name: baseName(path), webkitRelativePath: path };
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The name without its last extension. */
export function stemOf(path: string): string {
  const base = baseName(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Files directly inside `dir` ('' for the root), in numeric name order. */
export function filesIn(tree: FileTree, dir: string): string[] {
  return [...tree.files.keys()].filter((p) => dirName(p) === dir).sort(compareNames);
}

export function hasDir(tree: FileTree, dir: string): boolean {
  return filesIn(tree, dir).length > 0;
}

export const DEPTH_IMAGE_EXTENSIONS = /\.(png|tiff?|pgm|pfm|npy|exr)$/i;
export const COLOUR_IMAGE_EXTENSIONS = /\.(jpe?g|png|ppm|bmp|webp)$/i;
