import { describe, expect, it } from 'vitest';
import { droppedFolder, treeFromPickedFolder } from './folder-files';

/** A fake of the File and Directory Entries API: directories answer readEntries in batches of `batch`, then []. */
function dir(name: string, children: (FileSystemEntry | string)[], batch = 2): FileSystemDirectoryEntry {
  const entries = children.map((c) => (typeof c === 'string' ? file(c) : c));
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (e: FileSystemEntry[]) => void) => {
          ok(entries.slice(at, at + batch));
          at += batch;
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

function file(name: string): FileSystemFileEntry {
  return { name, isFile: true, isDirectory: false, file: (ok: (f: File) => void) => ok(new File([name], name)) } as unknown as FileSystemFileEntry;
}

const items = (...entries: FileSystemEntry[]) => entries.map((e) => ({ webkitGetAsEntry: () => e })) as unknown as DataTransferItemList;

describe('droppedFolder', () => {
  it('walks a dropped folder into relative paths, reading every batch of every directory', async () => {
    const tum = dir('rgbd_dataset', ['rgb.txt', 'depth.txt', dir('depth', ['1.png', '2.png', '3.png']), dir('rgb', ['1.png'])]);
    const tree = await droppedFolder(items(tum));
    expect(tree?.name).toBe('rgbd_dataset');
    expect(tree?.files.map((f) => f.path)).toEqual(['rgb.txt', 'depth.txt', 'depth/1.png', 'depth/2.png', 'depth/3.png', 'rgb/1.png']);
    expect(await tree?.files[2].file.text()).toBe('1.png');
  });

  it('leaves a drop of plain files to the file handler', () => {
    expect(droppedFolder(items(file('a.png'), file('b.png')))).toBeNull();
    expect(droppedFolder(undefined)).toBeNull();
  });
});

describe('treeFromPickedFolder', () => {
  it('takes paths below the folder picked', () => {
    const f = (path: string) => Object.assign(new File(['x'], path.split('/').pop()!), { webkitRelativePath: path });
    const tree = treeFromPickedFolder([f('scene/depth/0.png'), f('scene/pose/0.txt')]);
    expect(tree).toMatchObject({ kind: 'tree', name: 'scene' });
    expect(tree?.files.map((x) => x.path)).toEqual(['depth/0.png', 'pose/0.txt']);
    expect(treeFromPickedFolder([])).toBeNull();
  });
});
