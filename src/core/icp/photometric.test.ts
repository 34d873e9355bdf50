/**
 * ICP's colour term (photometric.ts) and the pose bookkeeping it relies on:
 * the sampling, the colour row's Jacobian against finite differences, a flat
 * textured wall that depth alone cannot track and colour can, and poses that
 * stay rigid over a long constant-velocity track.
 */
import { describe, expect, it } from 'vitest';
import { multiplyTransforms } from '../camera-path';
import { sequenceIntrinsics } from '../synthetic-sequence';
import { TsdfVolume } from '../tsdf';
import { rigidTransformProblem, worldToCamera } from '../tsdf/settings';
import { incrementTransform, reorthonormalised } from './linear-algebra';
import { colourRow, rgbaIntensity, sampleIntensity } from './photometric';
import { trackFrameCpu } from './track-cpu';
import { DEFAULT_TRACKER_SETTINGS, predictPose } from './tracker-policy';

describe('sampling the model intensity', () => {
  const W = 8;
  const H = 6;
  // A plane: I = 0.01 u + 0.02 v, so bilinear reads it exactly and central differences are its slopes.
  const ramp = Float32Array.from({ length: W * H }, (_, i) => 0.01 * (i % W) + 0.02 * Math.floor(i / W));

  it('reads a ramp exactly, with its gradient', () => {
    const s = sampleIntensity(ramp, W, H, 3.25, 2.5)!;
    expect(s.value).toBeCloseTo(0.01 * 3.25 + 0.02 * 2.5, 6);
    expect(s.gx).toBeCloseTo(0.01, 6);
    expect(s.gy).toBeCloseTo(0.02, 6);
    expect(s.bend).toBeLessThan(1e-6);
  });

  it('has no sample within a pixel of the border', () => {
    expect(sampleIntensity(ramp, W, H, 0.5, 2)).toBeNull();
    expect(sampleIntensity(ramp, W, H, 6, 2)).toBeNull(); // x0 + 2 = 8: past the last column
    expect(sampleIntensity(ramp, W, H, 2.5, 0.9)).toBeNull();
    expect(sampleIntensity(ramp, W, H, 2.5, 4)).toBeNull();
    expect(sampleIntensity(ramp, W, H, 1, 1)).not.toBeNull();
    expect(sampleIntensity(ramp, W, H, 5.9, 3.9)).not.toBeNull();
  });

  it('takes luma of RGBA', () => {
    expect(Array.from(rgbaIntensity([255, 255, 255, 255, 255, 0, 0, 255], 2))).toEqual([expect.closeTo(1, 6), expect.closeTo(0.299, 6)]);
  });
});

describe('the colour row', () => {
  it('is the derivative of the colour residual under a twist applied on the left', () => {
    // A smooth model image, a model camera, and a live point seen by it.
    const k = sequenceIntrinsics(64, 48);
    const I = Float32Array.from({ length: 64 * 48 }, (_, i) => 0.5 + 0.3 * Math.sin((i % 64) / 5) * Math.cos(Math.floor(i / 64) / 7));
    const modelPose = multiplyTransforms(incrementTransform([0.1, -0.2, 0.05, 0.3, 0.1, -0.2]), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    const W = worldToCamera(modelPose);
    const residual = (pw: number[]) => {
      const q = [0, 1, 2].map((r) => W[4 * r] * pw[0] + W[4 * r + 1] * pw[1] + W[4 * r + 2] * pw[2] + W[4 * r + 3]);
      const s = sampleIntensity(I, 64, 48, (k.fx * q[0]) / q[2] + k.cx, (k.fy * q[1]) / q[2] + k.cy)!;
      return { q, s, r: colourRow(pw, q, s, 0.4, k, W, 0.1) };
    };
    const q0 = [0.1, -0.05, 2];
    const pw = [0, 1, 2].map((r) => modelPose[4 * r] * q0[0] + modelPose[4 * r + 1] * q0[1] + modelPose[4 * r + 2] * q0[2] + modelPose[4 * r + 3]);
    const { r } = residual(pw);
    for (let j = 0; j < 6; j++) {
      const xi = [0, 0, 0, 0, 0, 0];
      xi[j] = 1e-6;
      const T = incrementTransform(xi);
      const moved = [0, 1, 2].map((row) => T[4 * row] * pw[0] + T[4 * row + 1] * pw[1] + T[4 * row + 2] * pw[2] + T[4 * row + 3]);
      const numeric = (residual(moved).r.r - r.r) / 1e-6;
      // Bilinear sampling is piecewise: the blended gradient is the derivative to within the image's curvature over a pixel.
      expect(Math.abs(numeric - r.J[j])).toBeLessThan(0.05 * Math.max(...r.J.map(Math.abs)));
    }
  });
});

describe('a flat textured wall', () => {
  // 80 x 60 px, 4 cm voxels; the wall 2 m ahead, a smooth 40 cm pattern on it; the live camera 2 cm to the right.
  const w = 80;
  const h = 60;
  const intrinsics = sequenceIntrinsics(w, h);
  const settings = { voxelSizeM: 0.04, truncationM: 0.16, depthMinM: 0.1, depthMaxM: 6, weightCap: 64, blockBudget: 1 << 16 };
  const depthM = new Float32Array(w * h).fill(2);
  const view = (tx: number) => {
    const rgba = new Uint8ClampedArray(4 * w * h);
    for (let v = 0; v < h; v++) {
      for (let u = 0; u < w; u++) {
        const x = ((u - intrinsics.cx) / intrinsics.fx) * 2 + tx;
        const y = ((v - intrinsics.cy) / intrinsics.fy) * 2;
        const grey = 255 * (0.5 + 0.3 * Math.sin((2 * Math.PI * x) / 0.4) * Math.sin((2 * Math.PI * y) / 0.4));
        rgba.set([grey, grey, grey, 255], 4 * (v * w + u));
      }
    }
    return rgba;
  };
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

  async function track(colourWeight: number) {
    const vol = new TsdfVolume(settings);
    vol.integrate({ width: w, height: h, intrinsics, depthM, rgba: view(0), pose: identity });
    const live = { width: w, height: h, intrinsics, depthM, intensity: rgbaIntensity(view(0.02), w * h) };
    return trackFrameCpu(vol, live, identity, null, { ...DEFAULT_TRACKER_SETTINGS, colourWeight }, rgbaIntensity(view(0), w * h));
  }

  it('is lost on depth alone (sliding along it changes no distance)', async () => {
    expect((await track(0)).state).toBe('lost');
  });

  it('is tracked with the colour term: the 2 cm slide found within 2 mm', async () => {
    const r = await track(DEFAULT_TRACKER_SETTINGS.colourWeight);
    expect(r.state).toBe('tracking');
    expect(Math.hypot(r.pose[3] - 0.02, r.pose[7], r.pose[11])).toBeLessThan(0.002);
  });
});

describe('poses over a long track', () => {
  it('stay rigid under constant-velocity prediction (rounding grew 2.4x a frame before they were re-orthonormalised)', () => {
    let before = identity();
    let last = multiplyTransforms(incrementTransform([0.02, 0.15, -0.01, 0.09, 0.01, -0.02]), before);
    for (let k = 0; k < 200; k++) [before, last] = [last, predictPose(last, before, 'constant-velocity')];
    expect(rigidTransformProblem(last)).toBeNull();
    // Without it the same chain breaks the 1e-4 rigidity check.
    let b = identity();
    let l = multiplyTransforms(incrementTransform([0.02, 0.15, -0.01, 0.09, 0.01, -0.02]), b);
    for (let k = 0; k < 200; k++) [b, l] = [l, multiplyTransforms(multiplyTransforms(l, rawInverse(b)), l)];
    expect(rigidTransformProblem(l)).not.toBeNull();
  });

  it('re-orthonormalises a rotation off by 1e-3 to 1e-12, keeping the translation', () => {
    const T = multiplyTransforms(incrementTransform([0.3, -0.1, 0.2, 1, 2, 3]), identity());
    const skewed = T.map((v, i) => (i < 11 && i % 4 !== 3 ? v * (1 + 1e-3 * Math.sin(i)) : v));
    const R = reorthonormalised(skewed);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) expect(Math.abs(R[i] * R[j] + R[4 + i] * R[4 + j] + R[8 + i] * R[8 + j] - (i === j ? 1 : 0))).toBeLessThan(1e-12);
    }
    expect([R[3], R[7], R[11]]).toEqual([T[3], T[7], T[11]]);
    R.forEach((v, i) => expect(v).toBeCloseTo(T[i], 2));
  });
});

function identity(): number[] {
  return [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
}

/** The rigid inverse by transposition, as camera-path's invertRigid computes it (no re-orthonormalisation). */
function rawInverse(t: number[]): number[] {
  const R = [t[0], t[4], t[8], t[1], t[5], t[9], t[2], t[6], t[10]];
  const tr = [0, 1, 2].map((r) => -(R[3 * r] * t[3] + R[3 * r + 1] * t[7] + R[3 * r + 2] * t[11]));
  return [R[0], R[1], R[2], tr[0], R[3], R[4], R[5], tr[1], R[6], R[7], R[8], tr[2], 0, 0, 0, 1];
}
