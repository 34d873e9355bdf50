import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { RawDepthImage, RawSamples, SampleType } from './depth-image';
import {
  scaleSuits,
  convertToDepth,
  DEFAULT_UNITS,
  defaultScaleFor,
  depthConverter,
  isMetric,
  parseScale,
  sunRotate,
  swapBytes16,
  UNIT_PRESETS,
  type UnitSettings,
} from './units';
import { calibrateFromPoints } from './calibration';

function units(patch: Partial<UnitSettings>): UnitSettings {
  return { ...DEFAULT_UNITS, ...patch };
}

function image(data: RawSamples, sampleType: SampleType): RawDepthImage {
  return { width: data.length, height: 1, data, sampleType, format: 'png', pageCount: 1, page: 0, notes: [] };
}

describe('probe values of /work/shared/samples/README.md', () => {
  // [preset, raw, metres or null for "no depth"], copied from the README's table.
  const probes: [UnitSettings['scale'], number, number | null][] = [
    ['tum', 10920, 2.184],
    ['tum', 12335, 2.467],
    ['tum', 11665, 2.333],
    ['tum', 0, null],
    ['mm', 2195, 2.195],
    ['mm', 1377, 1.377],
    ['mm', 1331, 1.331],
    ['mm', 0, null],
    ['sun', 0, null],
    ['sun', 18408, 2.301],
    ['nyu', 53507, 3.0416],
    ['nyu', 59139, 3.7572],
    ['nyu', 50947, 2.7992],
    ['nyu', 65287, null],
  ];
  it.each(probes)('%s raw %d -> %s m', (scale, raw, metres) => {
    const z = depthConverter(units({ scale }), 'uint16')(raw);
    if (metres === null) expect(z).toBeNaN();
    else expect(z).toBeCloseTo(metres, 4);
    // The bulk path must agree with the per-sample one.
    const bulk = convertToDepth(image(Uint16Array.of(raw), 'uint16'), units({ scale }));
    if (metres === null) expect(bulk[0]).toBeNaN();
    else expect(bulk[0]).toBeCloseTo(metres, 4);
  });
});

describe('preset conventions', () => {
  const u16 = (scale: UnitSettings['scale'], raw: number) => depthConverter(units({ scale }), 'uint16')(raw);

  it('applies the documented formulas', () => {
    expect(u16('mm', 1000)).toBeCloseTo(1, 12);
    expect(u16('tum', 5000)).toBe(1);
    expect(u16('kitti', 256)).toBe(1);
    expect(u16('m', 3)).toBe(3);
    expect(u16(0.01, 250)).toBeCloseTo(2.5, 12);
    expect(u16('sun', 1000 << 3)).toBe(1);
    // NYU: bytes 0x03D1 stored as 0xD103 -> d = 977 -> 351.3 / 115.5
    expect(u16('nyu', 0xd103)).toBeCloseTo(351.3 / 115.5, 12);
    const disp = depthConverter(units({ scale: 'disparity', disparity: { focalPx: 500, baselineM: 0.1 } }), 'float32');
    expect(disp(25)).toBeCloseTo(2, 12);
  });

  it('treats integer 0 as no depth in every preset, relative included', () => {
    for (const scale of UNIT_PRESETS) {
      for (const t of ['uint8', 'uint16', 'uint32'] as const) expect(depthConverter(units({ scale }), t)(0)).toBeNaN();
    }
  });

  it('rejects non-finite floats, and floats <= 0 except in relative', () => {
    for (const scale of UNIT_PRESETS) {
      const f = depthConverter(units({ scale }), 'float32');
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(f(bad)).toBeNaN();
      if (scale === 'relative') {
        expect(f(0)).toBe(0);
        expect(f(-1.5)).toBe(-1.5);
      } else {
        expect(f(0)).toBeNaN();
        expect(f(-1)).toBeNaN();
      }
    }
  });

  it('rejects NYU disparity codes 0 and >= 2047, and the negative depths past 1092.5', () => {
    expect(u16('nyu', swapBytes16(2047))).toBeNaN();
    expect(u16('nyu', swapBytes16(2046))).toBeNaN(); // 351.3 / (1092.5 - 2046) < 0
    expect(u16('nyu', swapBytes16(1092))).toBeCloseTo(702.6, 9);
    expect(u16('nyu', 0)).toBeNaN();
  });

  it('refuses sun and nyu on values that are not 16-bit integers', () => {
    const f = depthConverter(units({ scale: 'sun' }), 'float32');
    expect(f(2.5)).toBeNaN();
    expect(depthConverter(units({ scale: 'nyu' }), 'uint32')(0x10000)).toBeNaN();
  });

  it('calibrated relative gives metres; uncalibrated gives the value itself', () => {
    const calibration = calibrateFromPoints(
      [
        { x: 0, y: 0, value: 10, depthM: 1 },
        { x: 1, y: 0, value: 5, depthM: 2 },
      ],
      true,
    );
    const cal = depthConverter(units({ scale: 'relative', calibration }), 'uint8');
    expect(cal(10)).toBeCloseTo(1, 12);
    expect(cal(5)).toBeCloseTo(2, 12);
    expect(depthConverter(units({ scale: 'relative' }), 'uint8')(7)).toBe(7);
  });

  it('applies validRange in metres, inclusive, and in relative units when uncalibrated', () => {
    const band = { min: 1, max: 2 };
    const mm = depthConverter(units({ scale: 'mm', validRange: band }), 'uint16');
    expect(mm(999)).toBeNaN();
    expect(mm(1000)).toBe(1);
    expect(mm(1500)).toBe(1.5);
    expect(mm(2000)).toBe(2);
    expect(mm(2001)).toBeNaN();
    const rel = depthConverter(units({ scale: 'relative', validRange: { min: 100, max: null } }), 'uint8');
    expect(rel(99)).toBeNaN();
    expect(rel(200)).toBe(200);
  });
});

describe('properties', () => {
  const positiveU16 = fc.integer({ min: 1, max: 0xffff });

  it('mm, tum, kitti and numeric scales are strictly increasing', () => {
    for (const scale of ['mm', 'tum', 'kitti', 0.002] as const) {
      const f = depthConverter(units({ scale }), 'uint16');
      fc.assert(
        fc.property(positiveU16, positiveU16, (a, b) => {
          if (a === b) return true;
          return a < b === f(a) < f(b);
        }),
      );
    }
  });

  it('the sun rotation is a bijection on 16 bits (rotating left by 3 undoes it)', () => {
    const rotl3 = (r: number) => ((r << 3) | (r >>> 13)) & 0xffff;
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (raw) => rotl3(sunRotate(raw)) === raw));
    const seen = new Uint8Array(0x10000);
    for (let raw = 0; raw <= 0xffff; raw++) seen[sunRotate(raw)] = 1;
    expect(seen.every((s) => s === 1)).toBe(true);
  });

  it('swapping bytes twice gives the sample back', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (raw) => swapBytes16(swapBytes16(raw)) === raw));
  });

  it('every result is NaN or a positive metre value inside validRange', () => {
    const arbBand = fc.record({
      min: fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
      max: fc.option(fc.double({ min: 0, max: 70, noNaN: true })),
    });
    fc.assert(
      fc.property(fc.constantFrom(...UNIT_PRESETS.filter((p) => p !== 'relative')), arbBand, fc.integer({ min: 0, max: 0xffff }), (scale, validRange, raw) => {
        const z = depthConverter(units({ scale, validRange }), 'uint16')(raw);
        if (Number.isNaN(z)) return true;
        return z > 0 && Number.isFinite(z) && (validRange.min === null || z >= validRange.min) && (validRange.max === null || z <= validRange.max);
      }),
    );
  });

  it('convertToDepth equals depthConverter sample by sample, on the LUT path and the direct one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 50 }), fc.constantFrom(...UNIT_PRESETS), (values, scale) => {
        const u = units({ scale });
        for (const t of ['uint16', 'uint32'] as const) {
          const data = t === 'uint16' ? Uint16Array.from(values) : Uint32Array.from(values);
          const out = convertToDepth(image(data, t), u);
          const f = depthConverter(u, t);
          for (let i = 0; i < values.length; i++) if (!Object.is(out[i], Math.fround(f(values[i])))) return false;
        }
        return true;
      }),
    );
  });

  it('parseScale reads back any positive finite number written by String()', () => {
    fc.assert(fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => parseScale(String(x)) === x));
  });
});

describe('defaults and helpers', () => {
  it('defaultScaleFor: m for floats, relative for 8-bit, mm for other integers', () => {
    expect(defaultScaleFor('float32', 'pfm')).toBe('m');
    expect(defaultScaleFor('float64', 'npy')).toBe('m');
    expect(defaultScaleFor('uint8', 'png')).toBe('relative');
    expect(defaultScaleFor('uint8', 'image')).toBe('relative');
    expect(defaultScaleFor('uint16', 'png')).toBe('mm');
    expect(defaultScaleFor('uint32', 'tiff')).toBe('mm');
  });

  it('isMetric is false only for uncalibrated relative', () => {
    expect(isMetric(units({ scale: 'relative' }))).toBe(false);
    expect(isMetric(units({ scale: 'mm' }))).toBe(true);
    expect(isMetric(units({ scale: 0.001 }))).toBe(true);
    const calibration = calibrateFromPoints([{ x: 0, y: 0, value: 2, depthM: 1 }], false);
    expect(isMetric(units({ scale: 'relative', calibration }))).toBe(true);
  });

  it('parseScale accepts presets and positive numbers, refuses the rest', () => {
    for (const p of UNIT_PRESETS) expect(parseScale(p)).toBe(p);
    expect(parseScale(' TUM ')).toBe('tum');
    expect(parseScale('0.001')).toBe(0.001);
    expect(parseScale('1e-3')).toBe(0.001);
    expect(parseScale('.5')).toBe(0.5);
    for (const bad of ['', '0', '-1', 'Infinity', 'NaN', '0x10', '1/256', 'metres', '1e999']) expect(parseScale(bad)).toBeNull();
  });
});

describe('scaleSuits', () => {
  it('carries integer dataset presets only to 16/32-bit integer files', () => {
    expect(scaleSuits('tum', 'uint16')).toBe(true);
    expect(scaleSuits('mm', 'uint32')).toBe(true);
    expect(scaleSuits('tum', 'uint8')).toBe(false);
    expect(scaleSuits('kitti', 'float32')).toBe(false);
    expect(scaleSuits('sun', 'uint32')).toBe(false);
    expect(scaleSuits('nyu', 'uint16')).toBe(true);
  });
  it('carries metres only to float files, and relative, disparity or a number anywhere', () => {
    expect(scaleSuits('m', 'float64')).toBe(true);
    expect(scaleSuits('m', 'uint16')).toBe(false);
    for (const t of ['uint8', 'uint16', 'uint32', 'float32', 'float64'] as const) {
      expect(scaleSuits('relative', t)).toBe(true);
      expect(scaleSuits('disparity', t)).toBe(true);
      expect(scaleSuits(0.001, t)).toBe(true);
    }
  });
});
