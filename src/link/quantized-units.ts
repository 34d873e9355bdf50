/**
 * The units of a map carried quantized. Quantized samples open as float32,
 * and the integer dataset presets (mm, tum, kitti) do not apply to floats: the
 * loader would fall back to metres and be off by their factor. Those presets
 * are linear, so the map opens with their factor as a number instead, and
 * reads the same metres.
 */
import type { UnitSettings } from '../core/units';

/** Metres per raw unit of the presets that are a plain factor. */
export const METRES_PER_UNIT: Readonly<Record<string, number>> = { m: 1, mm: 0.001, tum: 1 / 5000, kitti: 1 / 256 };

export function scaleForQuantized(scale: UnitSettings['scale'] | undefined): UnitSettings['scale'] | undefined {
  if (typeof scale !== 'string' || scale === 'm') return scale;
  return METRES_PER_UNIT[scale] ?? scale;
}
