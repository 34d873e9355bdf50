/**
 * Invariants of every filter on a real Kinect frame (TUM RGB-D, 640 x 480, with real
 * holes and depth edges): sizes, where NaN is, valid pixels kept, values in range.
 */
import { describe, expect, it } from 'vitest';
import { bilateral } from './bilateral';
import { decimate, decimatedIntrinsics } from './decimate';
import { fromInverseDepth, toInverseDepth } from './disparity';
import { fillFromLeft, fillFromNeighbours } from './hole-fill';
import { pushPullFill } from './push-pull';
import { discontinuityMask, normalsFromDepth } from './normals';
import { spatialFilter, type SpatialFilterParams } from './spatial-domain-transform';
import { createTemporalState, temporalStep } from './temporal';
import { readTumDepth, stdOfFinite, TUM_INTRINSICS } from '../../io/filter-field-fixtures';

const { depth, width, height } = readTumDepth();
const n = width * height;

/** Pixels where a and b differ (NaN equals NaN). Counting, then one expect(), keeps 300k-pixel checks fast. */
function differences(a: Float32Array, b: Float32Array): number {
  let d = a.length === b.length ? 0 : Math.max(a.length, b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!(a[i] === b[i] || (Number.isNaN(a[i]) && Number.isNaN(b[i])))) d++;
  return d;
}

/** Pixels that are NaN in one array and not in the other. */
function holeDifferences(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) d++;
  return d;
}
const validValues = Array.from(depth).filter(Number.isFinite);
const MIN = validValues.reduce((a, b) => Math.min(a, b), Infinity);
const MAX = validValues.reduce((a, b) => Math.max(a, b), -Infinity);

function expectUnchangedWhereValid(out: Float32Array): void {
  let changed = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(depth[i]) && out[i] !== depth[i]) changed++;
  expect(changed).toBe(0);
}

function expectWithin(out: Float32Array, lo: number, hi: number): void {
  let outside = 0;
  for (let i = 0; i < out.length; i++) if (Number.isFinite(out[i]) && (out[i] < lo || out[i] > hi)) outside++;
  expect(outside).toBe(0);
}

describe('the TUM frame', () => {
  it('is what the samples README says', () => {
    expect([width, height]).toEqual([640, 480]);
    expect(depth[240 * width + 320]).toBe(Math.fround(10920 / 5000));
    expect(depth[10 * width + 10]).toBeNaN();
    const holes = n - validValues.length;
    expect(holes).toBeGreaterThan(1000); // the invariants below need real holes
  });
});

describe('filters on the TUM frame', () => {
  it('decimate: padded sizes, every output a valid sample of its block (2, 3) or its mean (5, 8), NaN only for empty blocks', () => {
    for (const f of [2, 3, 5, 8]) {
      const r = decimate(depth, width, height, f);
      const realW = Math.floor(width / f);
      const realH = Math.floor(height / f);
      expect([r.width, r.height]).toEqual([Math.ceil(realW / 4) * 4, Math.ceil(realH / 4) * 4]);
      let wrong = 0; // per-pixel expect() calls would dominate the run time: count, then expect once
      const block: number[] = [];
      for (let oy = 0; oy < r.height; oy++) {
        for (let ox = 0; ox < r.width; ox++) {
          if (ox >= realW || oy >= realH) {
            if (!Number.isNaN(r.depth[oy * r.width + ox])) wrong++;
            continue;
          }
          block.length = 0;
          for (let y = oy * f; y < oy * f + f; y++) {
            for (let x = ox * f; x < ox * f + f; x++) if (Number.isFinite(depth[y * width + x])) block.push(depth[y * width + x]);
          }
          const got = r.depth[oy * r.width + ox];
          if (block.length === 0) {
            if (!Number.isNaN(got)) wrong++;
            continue;
          }
          if (f > 3) {
            if (got !== Math.fround(block.reduce((a, b) => a + b, 0) / block.length)) wrong++;
            continue;
          }
          let below = 0;
          let equal = 0;
          for (const v of block) {
            if (v < got) below++;
            else if (v === got) equal++;
          }
          if (equal === 0 || below > (block.length - 1) >> 1 || below + equal <= (block.length - 1) >> 1) wrong++;
        }
      }
      expect(wrong).toBe(0);
      const intr = decimatedIntrinsics(TUM_INTRINSICS, f);
      expect(intr.fx).toBeCloseTo(TUM_INTRINSICS.fx / f, 9);
    }
  });

  it('bilateral: same holes, each output within [min, max] of its valid window', () => {
    const r = 2;
    for (const rangeMode of ['absolute', 'relative'] as const) {
      const out = bilateral(depth, width, height, { radius: r, sigmaSpatialPx: 1.5, sigmaRange: rangeMode === 'absolute' ? 0.05 : 0.02, rangeMode });
      expect(holeDifferences(out, depth)).toBe(0);
      let outside = 0;
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const v = out[y * width + x];
          if (Number.isNaN(v)) continue;
          let lo = Infinity;
          let hi = -Infinity;
          for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy++) {
            for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx++) {
              const q = depth[yy * width + xx];
              if (q < lo) lo = q;
              if (q > hi) hi = q;
            }
          }
          if (v < lo || v > hi) outside++;
        }
      }
      expect(outside).toBe(0);
    }
  });

  it('spatialFilter: keeps every valid pixel valid and in range; holes stay without hole fill and shrink with it', () => {
    const p: SpatialFilterParams = { alpha: 0.5, delta: 0.05, iterations: 2, holeFill: 0 };
    const plain = spatialFilter(depth, width, height, p);
    expect(holeDifferences(plain, depth)).toBe(0);
    expectWithin(plain, MIN, MAX);
    // Smoother: the pixel-to-pixel differences on surfaces (below delta) get smaller.
    const rowDiffs = (a: Float32Array) => {
      const d: number[] = [];
      for (let i = 1; i < n; i++) if (i % width !== 0 && Math.abs(a[i] - a[i - 1]) < 0.05) d.push(a[i] - a[i - 1]);
      return d;
    };
    expect(stdOfFinite(rowDiffs(plain))).toBeLessThan(stdOfFinite(rowDiffs(depth)));
    const filled = spatialFilter(depth, width, height, { ...p, holeFill: 4 });
    let holesBefore = 0;
    let holesAfter = 0;
    let lost = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(depth[i])) holesBefore++;
      else if (!Number.isFinite(filled[i])) lost++;
      if (!Number.isFinite(filled[i])) holesAfter++;
    }
    expect(lost).toBe(0);
    expect(holesAfter).toBeLessThan(holesBefore);
    expectWithin(filled, MIN, MAX);
  });

  it('temporalStep: a repeated frame is a fixed point in TUM units; a dropout persists with "always"', () => {
    // TUM stores whole units of 1/5000 m: blends of a unit with itself truncate back to it.
    // (In float, librealsense's op-by-op f32 blend of v with v may land an ulp off v.)
    const tum = { kind: 'units', unitM: 1 / 5000 } as const;
    const p = { alpha: 0.3, delta: 0.1, persistence: 'always' as const };
    let s = createTemporalState(n);
    let out = depth;
    for (let k = 0; k < 3; k++) ({ depth: out, state: s } = temporalStep(s, depth, p, tum));
    expect(differences(out, depth)).toBe(0);
    const dropped = depth.slice();
    dropped.fill(NaN, 200 * width, 260 * width); // rows 200..259 lose their depth
    const r = temporalStep(s, dropped, p, tum);
    expect(differences(r.depth, depth)).toBe(0);
    expect(r.state.history[230 * width + 320]).toBe(0b1110);
    const off = temporalStep(s, dropped, { ...p, persistence: 'off' }, tum);
    expect(holeDifferences(off.depth, dropped)).toBe(0);
  });

  it('hole fills: valid pixels untouched, filled values in range, push-pull closes every hole', () => {
    const left = fillFromLeft(depth, width, height);
    expectUnchangedWhereValid(left);
    expectWithin(left, MIN, MAX);
    let wrong = 0; // NaN exactly where no valid pixel lies to the left in the row
    for (let y = 0; y < height; y++) {
      let seen = false;
      for (let x = 0; x < width; x++) {
        seen ||= Number.isFinite(depth[y * width + x]);
        if (Number.isFinite(left[y * width + x]) !== seen) wrong++;
      }
    }
    expect(wrong).toBe(0);
    for (const pick of ['farthest', 'nearest'] as const) {
      const nb = fillFromNeighbours(depth, width, height, pick);
      expectUnchangedWhereValid(nb);
      expectWithin(nb, MIN, MAX);
    }
    for (const levels of [2, 10]) {
      const pp = pushPullFill(depth, width, height, levels);
      expectUnchangedWhereValid(pp);
      expectWithin(pp, MIN, MAX);
      // With 10 levels the coarsest level is 1 x 1 and holds a valid mean, so nothing stays open.
      if (levels === 10) expect(Array.from(pp).some(Number.isNaN)).toBe(false);
    }
  });

  it('inverse depth: same holes, round trip within 1 ulp', () => {
    const inv = toInverseDepth(depth);
    expect(holeDifferences(inv, depth)).toBe(0);
    const back = fromInverseDepth(inv);
    let bad = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(depth[i]) && Math.abs(back[i] - depth[i]) > depth[i] * 2 ** -23) bad++;
    expect(bad).toBe(0);
  });

  it('normals and discontinuities: unit normals facing the camera, NaN and 0 where documented', () => {
    const normals = normalsFromDepth(depth, width, height, TUM_INTRINSICS);
    const { fx, fy, cx, cy } = TUM_INTRINSICS;
    let defined = 0;
    let wrong = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const border = x === 0 || y === 0 || x === width - 1 || y === height - 1;
        const usable = !border && [i, i - 1, i + 1, i - width, i + width].every((j) => Number.isFinite(depth[j]));
        const [nx, ny, nz] = [normals[3 * i], normals[3 * i + 1], normals[3 * i + 2]];
        if (Number.isFinite(nx) !== usable || Number.isFinite(ny) !== usable || Number.isFinite(nz) !== usable) wrong++;
        if (!usable) continue;
        defined++;
        const z = depth[i];
        if (Math.abs(Math.hypot(nx, ny, nz) - 1) > 1e-5) wrong++;
        if ((nx * ((x - cx) * z)) / fx + (ny * ((y - cy) * z)) / fy + nz * z > 1e-6) wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(defined).toBeGreaterThan(n / 2);
    const mask = discontinuityMask(depth, width, height, 0.05);
    let edges = 0;
    let maskedHoles = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(depth[i])) maskedHoles += mask[i];
      edges += mask[i];
    }
    expect(maskedHoles).toBe(0);
    expect(edges).toBeGreaterThan(0);
    expect(edges).toBeLessThan(n / 4);
  });
});
