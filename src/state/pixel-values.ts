/**
 * What a pixel holds: the raw sample exactly as stored, and depth in metres
 * computed from it in float64 by the same converter the depth field uses (so
 * the readout shows 2.184, not the float32 2.18400001525).
 */
import { depthConverter, type UnitSettings } from '../core/units';
import type { RawDepthImage } from '../core/depth-image';

export interface PixelValue {
  x: number;
  y: number;
  raw: number;
  /** Metres (or relative units when uncalibrated relative), null when there is no depth. */
  depth: number | null;
}

const converters = new WeakMap<UnitSettings, Map<string, (raw: number) => number>>();

function converterFor(units: UnitSettings, sampleType: RawDepthImage['sampleType']): (raw: number) => number {
  let bySample = converters.get(units);
  if (!bySample) {
    bySample = new Map();
    converters.set(units, bySample);
  }
  let c = bySample.get(sampleType);
  if (!c) {
    c = depthConverter(units, sampleType);
    bySample.set(sampleType, c);
  }
  return c;
}

export function pixelValue(raw: RawDepthImage, units: UnitSettings, x: number, y: number): PixelValue | null {
  if (x < 0 || y < 0 || x >= raw.width || y >= raw.height) return null;
  const sample = raw.data[y * raw.width + x];
  const d = converterFor(units, raw.sampleType)(sample);
  return { x, y, raw: sample, depth: Number.isFinite(d) ? d : null };
}

/** The raw sample as text that reads back to the same stored value. */
export function formatRaw(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

export function formatDepth(d: number | null, metric: boolean): string {
  if (d === null) return 'no depth';
  return metric ? `${d.toFixed(4)} m` : `${d.toPrecision(5)} (relative)`;
}
