import { describe, expect, it } from 'vitest';
import { d2dFactor, depthToDisparity, disparityToDepth } from './disparity-librealsense';
import { chainDomains, D435_BASELINE_MM, FLOAT_SOURCE, makeStage, PRESETS } from '../filter-chain';

const f = Math.fround;

describe('librealsense disparity (disparity-transform.h)', () => {
  it('factor = baseline (m, from mm x 0.001f) x fx x 32 / depth unit, in float left to right (h:107-116)', () => {
    const factor = d2dFactor(50, 382.5, 0.001);
    expect(factor).toBe(f(f(f(f(f(50) * f(0.001)) * f(382.5)) * 32) / f(0.001)));
    expect(factor).toBeCloseTo(612000, -1);
    // Float sources: depth_units = 1 m.
    expect(d2dFactor(50, 382.5, null)).toBe(f(f(f(f(50) * f(0.001)) * f(382.5)) * 32));
  });

  it('depth -> disparity: whole units, then the float quotient, no rounding (round = 0 for integer input)', () => {
    const stereo = { factor: d2dFactor(50, 382.5, 0.001), unitM: 0.001 };
    const d = depthToDisparity(Float32Array.of(1, 0.0004, NaN, -2, 2.0004), stereo);
    expect(d[0]).toBe(f(stereo.factor / 1000));
    expect(d[1]).toBeNaN(); // 0.4 units rounds to 0: no depth
    expect(d[2]).toBeNaN();
    expect(d[3]).toBeNaN();
    expect(d[4]).toBe(f(stereo.factor / 2000)); // 2000.4 units -> 2000
  });

  it('disparity -> depth: trunc(factor / d + 0.5f), so the unit is rounded half up, exactly at .5', () => {
    const factor = d2dFactor(50, 382.5, 0.001);
    const stereo = { factor, unitM: 0.001 };
    // The smallest f32 disparity whose quotient is below 1000.5 gives 1000; the next one down reaches 1000.5 and gives 1001.
    let d = f(factor / 1000.5);
    const next = (x: number, up: boolean) => {
      const a = new Float32Array([x]);
      new Uint32Array(a.buffer)[0] += up ? 1 : -1;
      return a[0];
    };
    while (f(f(factor / d) + 0.5) >= 1001) d = next(d, true);
    while (f(f(factor / next(d, false)) + 0.5) < 1001) d = next(d, false);
    expect(Array.from(disparityToDepth(Float32Array.of(d, next(d, false)), stereo))).toEqual([f(1000 * f(0.001)), f(1001 * f(0.001))]);
  });

  it('a round trip returns every Z16 value exactly, and leaves 0 and over 65535 as no depth', () => {
    const stereo = { factor: d2dFactor(55, 640, 0.001), unitM: 0.001 };
    const depth = Float32Array.from({ length: 65535 }, (_, k) => f((k + 1) * f(0.001)));
    const back = disparityToDepth(depthToDisparity(depth, stereo), stereo);
    expect(back.every((z, k) => z === f((k + 1) * f(0.001)))).toBe(true);
    expect(disparityToDepth(Float32Array.of(f(stereo.factor / 70000), 0, -1, Infinity), stereo).every(Number.isNaN)).toBe(true);
  });

  it('float sources: the quotient both ways, nothing rounded to units', () => {
    const stereo = { factor: d2dFactor(50, 525, null), unitM: null };
    const d = depthToDisparity(Float32Array.of(1.2345), stereo);
    expect(d[0]).toBe(f(stereo.factor / f(1.2345)));
    expect(disparityToDepth(d, stereo)[0]).toBe(f(stereo.factor / d[0]));
  });
});

describe('the chain: which disparity each switch uses', () => {
  it('librealsense units with a known baseline (the source first, then the stage), with fx as decimation leaves it; else 1/m', () => {
    const chain = [makeStage('decimate', { factor: 2 }), makeStage('disparity', { baselineMm: 50 }), makeStage('spatial'), makeStage('disparity')];
    const source = { depthUnitM: 0.001, focalPx: 525, baselineMm: null };
    const { domains, switches, back } = chainDomains(chain, source);
    const stereo = { factor: d2dFactor(50, f(525 / 2), 0.001), unitM: 0.001 };
    expect(switches[1]).toEqual({ kind: 'to-disparity', stereo });
    expect(domains[2]).toEqual({ kind: 'stereo', stereo });
    expect(switches[3]).toEqual({ kind: 'to-depth', stereo });
    expect(back).toBeNull();
    // The source's baseline wins over the stage's.
    expect(chainDomains(chain, { ...source, baselineMm: 95 }).switches[1]).toEqual({ kind: 'to-disparity', stereo: { ...stereo, factor: d2dFactor(95, f(525 / 2), 0.001) } });
    // No baseline anywhere: inverse depth, switched back at the end when left open.
    const open = chainDomains([makeStage('disparity'), makeStage('spatial')], FLOAT_SOURCE);
    expect(open.switches[0]).toEqual({ kind: 'inverse' });
    expect(open.back).toEqual({ kind: 'inverse' });
  });

  it("the Sensor default preset is RealSense Viewer's D400 chain with its defaults", () => {
    const sensor = PRESETS.find((p) => p.id === 'sensor')!.stages();
    expect(sensor.map((s) => [s.kind, s.enabled, s.params])).toEqual([
      ['decimate', true, { factor: 2 }],
      ['threshold', true, { minM: 0.1, maxM: 4 }],
      ['disparity', true, { baselineMm: D435_BASELINE_MM }],
      ['spatial', true, { alpha: 0.5, delta: 20, iterations: 2, holeFill: 0 }],
      ['temporal', true, { alpha: 0.4, delta: 20, persistence: 'valid-2-of-4' }],
      ['hole-fill', false, { mode: 'farthest', levels: 4, fill: 'blend' }],
      ['disparity', true, { baselineMm: D435_BASELINE_MM }],
    ]);
  });
});
