/**
 * The first step of opening an image, the same for the main image and the
 * comparison's reference: the bytes of a picked file (read with progress) or of
 * an address (downloaded with progress), handed on only while no newer open of
 * the same kind has started. When a slow download (the start-up sample, a large
 * link) finishes after the user has dropped a file, the newer one wins: the older
 * one stops before it decodes.
 */
import { describeError } from '../core/depth-image';
import type { UnitSettings } from '../core/units';
import { fetchWithProgress } from '../io/fetch-with-progress';

/** Numbers the opens of one kind; an answer for a number that is no longer the latest is dropped. */
export interface OpenCounter {
  latest: number;
}

export interface BytesTarget {
  opens: OpenCounter;
  /** What a sentence calls the file: “a.png”, or the reference “a.png”. */
  what: (name: string) => string;
  progress: (name: string, stage: 'reading' | 'downloading', fraction: number | null) => void;
  fail: (error: string) => void;
  open: (bytes: ArrayBuffer, name: string, mime: string, url: string | null, scale?: UnitSettings['scale']) => Promise<boolean>;
}

export async function openPickedFile(target: BytesTarget, file: File): Promise<boolean> {
  const request = ++target.opens.latest;
  target.progress(file.name, 'reading', 0);
  let bytes: ArrayBuffer;
  try {
    bytes = await readFileWithProgress(file, (fraction) => target.progress(file.name, 'reading', fraction));
  } catch (e) {
    target.fail(`Could not read ${target.what(file.name)}: ${describeError(e)}`);
    return false;
  }
  if (request !== target.opens.latest) return false;
  return target.open(bytes, file.name, file.type, null);
}

/** `scale`: units that come with the address (a sample, a link). */
export async function openAddress(target: BytesTarget, url: string, scale?: UnitSettings['scale']): Promise<boolean> {
  const name = decodeURIComponent(url.split(/[?#]/)[0].split('/').pop() || url);
  const request = ++target.opens.latest;
  target.progress(name, 'downloading', null);
  let fetched: { bytes: ArrayBuffer; mime: string };
  try {
    fetched = await fetchWithProgress(url, (fraction) => target.progress(name, 'downloading', fraction));
  } catch (e) {
    // fetchWithProgress's sentences name the address already.
    if (request === target.opens.latest) target.fail(describeError(e));
    return false;
  }
  if (request !== target.opens.latest) return false;
  return target.open(fetched.bytes, name, fetched.mime, url, scale);
}

function readFileWithProgress(file: File, onProgress: (fraction: number) => void): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('the browser could not read the file'));
    reader.readAsArrayBuffer(file);
  });
}
