/** Argument checks shared by the encoders (misuse by our own code, so plain RangeError/TypeError). */

import type { RawSamples } from '../core/depth-image';
import type { SampleGrid } from '../core/samples';

export function checkGrid(grid: SampleGrid<RawSamples>, encoder: string): void {
  const { width, height, data } = grid;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`${encoder}: invalid size ${width} x ${height}`);
  }
  if (data.length !== width * height) {
    throw new RangeError(`${encoder}: ${data.length} samples for ${width} x ${height} pixels`);
  }
}

export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
