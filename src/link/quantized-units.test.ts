import { describe, expect, it } from 'vitest';
import { DEFAULT_UNITS, depthConverter, scaleSuits, UNIT_PRESETS, type UnitPreset } from '../core/units';
import { scaleForQuantized } from './quantized-units';

describe('scaleForQuantized', () => {
  // sun and nyu are 16-bit only, and 16-bit maps are never quantized.
  const quantizable = UNIT_PRESETS.filter((p) => p !== 'sun' && p !== 'nyu');

  it.each(quantizable)('%s: a quantized (float32) map keeps units that apply to it', (preset) => {
    expect(scaleSuits(scaleForQuantized(preset)!, 'float32')).toBe(true);
  });

  it.each(['mm', 'tum', 'kitti'] as UnitPreset[])('%s: reads the same metres as the preset did', (preset) => {
    const before = depthConverter({ ...DEFAULT_UNITS, scale: preset }, 'uint32');
    const after = depthConverter({ ...DEFAULT_UNITS, scale: scaleForQuantized(preset)! }, 'float32');
    // Equal to float64 rounding: a factor times raw against a division by the preset's divisor.
    for (const raw of [1, 1234, 65535, 4e9]) expect(after(raw)).toBeCloseTo(before(raw), 9);
  });

  it('leaves numbers and units that apply to floats alone', () => {
    expect(scaleForQuantized(0.0002)).toBe(0.0002);
    expect(scaleForQuantized('relative')).toBe('relative');
    expect(scaleForQuantized(undefined)).toBeUndefined();
  });
});
