/**
 * The filtered depth (float32 metres, non-finite = no depth, as every filter keeps it)
 * in the formats other tools expect, and file names that say what each file holds.
 */

import { encodeNpy } from './encode-npy';
import { encodePng16 } from './encode-png16';
import { encodeTiff } from './encode-tiff';

export interface MillimetrePng {
  readonly bytes: Uint8Array;
  /** Depths beyond 65.535 m: written as 0 (no depth), since 65535 would be a wrong depth. */
  readonly tooFar: number;
  /** Finite depths that round to 0 mm or less: they become 0 too, so indistinguishable from holes. */
  readonly tooNear: number;
}

/** The usual 16-bit depth PNG (TUM, ScanNet, Azure Kinect...): millimetres, 0 = no depth. */
export function depthToMillimetrePng(depth: Float32Array, width: number, height: number): MillimetrePng {
  const mm = new Uint16Array(depth.length);
  let tooFar = 0;
  let tooNear = 0;
  for (let i = 0; i < depth.length; i++) {
    const z = depth[i];
    if (!Number.isFinite(z)) continue;
    const v = Math.round(z * 1000);
    if (v > 0xffff) tooFar++;
    else if (v <= 0) tooNear++;
    else mm[i] = v;
  }
  return { bytes: encodePng16({ width, height, data: mm }), tooFar, tooNear };
}

/** Every no-depth value as one plain NaN, the float convention numpy, OpenCV and GDAL users expect. */
function metresWithNaN(depth: Float32Array): Float32Array {
  const out = Float32Array.from(depth);
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) out[i] = NaN;
  return out;
}

/** float32 metres, NaN = no depth. */
export function depthToFloatTiff(depth: Float32Array, width: number, height: number): Uint8Array {
  return encodeTiff({ width, height, data: metresWithNaN(depth) });
}

/** float32 metres ('<f4', shape (height, width)), NaN = no depth: np.load gives the array as is. */
export function depthToFloatNpy(depth: Float32Array, width: number, height: number): Uint8Array {
  return encodeNpy({ width, height, data: metresWithNaN(depth) });
}

/** Leaves room under the 255-byte name limit of common file systems even in multi-byte UTF-8. */
const MAX_STEM = 60;

/**
 * Runs of characters that Windows, macOS or Linux refuse or treat specially, plus
 * whitespace (which shells and URLs make awkward), become one '_'.
 */
function safePart(text: string): string {
  return text.replace(/[\s\p{Cc}<>:"/\\|?*]+/gu, '_').replace(/^[._-]+|[._-]+$/g, '');
}

/**
 * `tum-depth.png`, 'filtered_depth-mm', 'png' -> `tum-depth_filtered_depth-mm.png`.
 * The source may be a path or URL; its folders, query and extension are dropped.
 */
export function exportFileName(sourceName: string, what: string, ext: string): string {
  let base = sourceName;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) {
    try {
      base = decodeURIComponent(new URL(base).pathname);
    } catch {
      // Not a parsable URL after all: use the text as it is.
    }
  }
  base = base.slice(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  if (dot > 0) base = base.slice(0, dot);
  // Cap by code points so a surrogate pair is never cut in half.
  const stem = safePart(Array.from(safePart(base)).slice(0, MAX_STEM).join('')) || 'depth';
  const label = safePart(what);
  const extension = ext.replace(/^\.+/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  return `${stem}${label ? `_${label}` : ''}${extension ? `.${extension}` : ''}`;
}
