/**
 * Opens a map carried in a link as if it were a dropped file: its samples are
 * written as a NumPy array (a format the loader reads exactly, for every sample
 * type) and handed to openBytes, so it goes through the same decoder, units and
 * statistics as any file.
 */
import { encodeNpy } from '../io/encode-npy';
import { openBytes } from './load-actions';
import { store } from './store';
import type { UnitSettings } from '../core/units';
import type { EmbeddedDepth } from '../link/embedded-depth';
import { rememberEmbedding } from '../link/link-status';
import { scaleForQuantized } from '../link/quantized-units';

export async function openEmbeddedDepth(depth: EmbeddedDepth, text: string, scale?: UnitSettings['scale']): Promise<boolean> {
  const npy = encodeNpy({ width: depth.width, height: depth.height, data: depth.data });
  const bytes = npy.buffer.slice(npy.byteOffset, npy.byteOffset + npy.byteLength) as ArrayBuffer;
  // A quantized map is float32 now: integer presets become their factor (see quantized-units.ts).
  const units = depth.maxError === null ? scale : scaleForQuantized(scale);
  const ok = await openBytes(bytes, depth.name, 'application/x-npy', null, units);
  const source = store.getState().source;
  if (ok && source) rememberEmbedding(source.raw, { fits: true, text, maxError: depth.maxError }, true);
  return ok;
}
