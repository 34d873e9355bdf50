/**
 * One iteration of frame-to-model point-to-plane ICP (KinectFusion, Newcombe
 * et al. 2011): the CPU reference of shaders/icp-rows.wgsl and
 * icp-merge.wgsl, in float64.
 *
 * For each live pixel with a vertex p and normal n (camera frame, pyramid.ts),
 * under the current camera-to-world estimate T: p_w = T p, n_w = R n. p_w is
 * projected into the model's camera (the pose the model maps were ray-cast
 * from) and read at the nearest pixel (floor(x + 0.5), as integration does):
 * the model's vertex v_m and normal n_m (world). The pair is kept when
 * |p_w - v_m| <= distance threshold and n_w . n_m >= cos(angle threshold).
 * Residual r = n_m . (p_w - v_m); for a twist xi = [w, t] applied on the left
 * (T <- exp(xi) T), r(xi) ~ r + J xi with J = [p_w x n_m, n_m].
 *
 * With a colour weight and intensity images of the live and the last frame,
 * each inlier also adds the colour row of photometric.ts to A and b.
 *
 * The sums, 32 words: the 21 upper-triangle entries of A = sum J^T J
 * (row-major), the 6 of b = sum J^T r, sum r^2 (geometric), the inliers, the
 * live pixels with a vertex and normal, sum r_c^2 (weighted colour) and the
 * inliers with a colour row. The update solves A xi = -b.
 */
import type { PinholeIntrinsics } from '../filters/depth-field';
import type { RigidTransform } from '../recording';
import { worldToCamera } from '../tsdf/settings';
import { F32_SLACK } from '../tsdf/volume';
import { colourRow, sampleIntensity, type IntensitySample } from './photometric';
import { livePoint, type DepthLevel } from './pyramid';

export const ICP_SUM_WORDS = 32;
export const SUM_B = 21;
export const SUM_ERROR = 27;
export const SUM_INLIERS = 28;
export const SUM_VALID = 29;
export const SUM_COLOUR_ERROR = 30;
export const SUM_COLOUR_PAIRS = 31;
/** Words a kept pair adds to: all but the live-pixel count. */
const KEPT_WORDS = Array.from({ length: ICP_SUM_WORDS }, (_, k) => k).filter((k) => k !== SUM_VALID);

/** The surface ray-cast from the volume at one level: world-frame vertex and normal per pixel (xyz, NaN = none). */
export interface ModelMaps {
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
  /** Camera-to-world of the camera the maps were cast from. */
  pose: RigidTransform;
  vertices: Float32Array;
  normals: Float32Array;
  /** The last frame's intensity at this level (the image of the camera the maps were cast from; photometric.ts): the colour term needs it. */
  intensity?: Float32Array;
}

export interface IcpThresholds {
  distanceM: number;
  /** Largest angle between the live and the model normal, degrees. */
  angleDeg: number;
  /** Depth-jump ratio of the live normals (pyramid.ts). */
  jumpRel: number;
  /** Metres per unit of intensity of the colour row (photometric.ts); 0: depth only. */
  colourWeight: number;
}

/**
 * What the GPU may differ by, per word (e2e/kernel-icp.spec.ts): `bound`, the
 * first-order float32 error of each pixel's terms summed; `abs`, the sum of
 * |term| (the tree summation adds at most log2(N) + 1 roundings of it); and
 * `slack`, the most an association decided within float32 error of a
 * threshold or a rounding edge could change the word (the other outcome's
 * terms, or none).
 */
export interface IcpSumTrace {
  bound: Float64Array;
  abs: Float64Array;
  slack: Float64Array;
  ambiguousPixels: number;
}

export function newIcpTrace(): IcpSumTrace {
  return { bound: new Float64Array(ICP_SUM_WORDS), abs: new Float64Array(ICP_SUM_WORDS), slack: new Float64Array(ICP_SUM_WORDS), ambiguousPixels: 0 };
}

const U = 2 ** -24;

/** Adds one row's A, b and r^2 terms (r^2 into `errorWord`) with their first-order error bounds for errors dJ, dr of J, r. */
function addRow(J: readonly number[], r: number, dJ: readonly number[], dr: number, errorWord: number, terms: Float64Array, errors: Float64Array): void {
  let k = 0;
  for (let i = 0; i < 6; i++) {
    for (let j = i; j < 6; j++, k++) {
      terms[k] += J[i] * J[j];
      errors[k] += Math.abs(J[i]) * dJ[j] + Math.abs(J[j]) * dJ[i] + dJ[i] * dJ[j] + U * Math.abs(J[i] * J[j]);
    }
  }
  for (let i = 0; i < 6; i++) {
    terms[SUM_B + i] += J[i] * r;
    errors[SUM_B + i] += Math.abs(J[i]) * dr + Math.abs(r) * dJ[i] + dJ[i] * dr + U * Math.abs(J[i] * r);
  }
  terms[errorWord] += r * r;
  errors[errorWord] += 2 * Math.abs(r) * dr + dr * dr + U * r * r;
}

/** A pixel's colour row and its error bounds (colourRow's J and r), or null where it has none. */
interface ColourTerms {
  J: number[];
  r: number;
  dJ: number[];
  dr: number;
}

/** Everything a kept pair adds (ICP_SUM_WORDS words) and the bounds, for input error E on p_w; the colour row when given. */
function keptTerms(pw: readonly number[], vm: ArrayLike<number>, nm: readonly number[], E: number, colour: ColourTerms | null): { terms: Float64Array; errors: Float64Array } {
  const terms = new Float64Array(ICP_SUM_WORDS);
  const errors = new Float64Array(ICP_SUM_WORDS);
  const diff = [pw[0] - vm[0], pw[1] - vm[1], pw[2] - vm[2]];
  const r = nm[0] * diff[0] + nm[1] * diff[1] + nm[2] * diff[2];
  const J = [pw[1] * nm[2] - pw[2] * nm[1], pw[2] * nm[0] - pw[0] * nm[2], pw[0] * nm[1] - pw[1] * nm[0], nm[0], nm[1], nm[2]];
  // Errors: p_w off by E per component; each product and sum rounds (2^-24 of its magnitude, 2 per cross term, 5 per dot).
  const mag = Math.abs(pw[0]) + Math.abs(pw[1]) + Math.abs(pw[2]);
  const dJ = [0, 1, 2].map(() => 2 * E + 3 * U * mag).concat([0, 0, 0]);
  const dr = 2 * E + 5 * U * (mag + Math.abs(vm[0]) + Math.abs(vm[1]) + Math.abs(vm[2]));
  addRow(J, r, dJ, dr, SUM_ERROR, terms, errors);
  terms[SUM_INLIERS] = 1;
  if (colour) {
    addRow(colour.J, colour.r, colour.dJ, colour.dr, SUM_COLOUR_ERROR, terms, errors);
    terms[SUM_COLOUR_PAIRS] = 1;
  }
  return { terms, errors };
}

/**
 * The colour row of a live point (photometric.ts) with its float32 error
 * bounds: the sample position off by (xErr, yErr) pixels moves the bilinear
 * intensity by at most the cell's slope per pixel and the blended central
 * differences by its bend (crossing into the next cell is an alternative of
 * its own, in icpSums); each blend and the live intensity round by a few ulps
 * of 1; E on p_w and q carries through dI/dq.
 */
function colourTerms(pw: readonly number[], q: readonly number[], s: IntensitySample, live: number, model: ModelMaps, W: ArrayLike<number>, weight: number, E: number, xErr: number, yErr: number): ColourTerms {
  const row = colourRow(pw, q, s, live, model.intrinsics, W, weight);
  const k = model.intrinsics;
  const f = Math.max(k.fx, k.fy);
  const z = q[2];
  const lateral = (Math.abs(q[0]) + Math.abs(q[1])) / z;
  const move = xErr + yErr;
  const dg = move * s.bend + 16 * U;
  const gMag = ((Math.abs(s.gx) + Math.abs(s.gy)) * f) / z;
  // dI/dq: (g f / z) x (1 + lateral) bounds every component; its relative error is E / z per division and product.
  const dG = weight * (((dg * f) / z) * (1 + lateral) + gMag * (1 + lateral) * ((3 * E) / z + 16 * U));
  const G = row.J.slice(3);
  const mag = Math.abs(pw[0]) + Math.abs(pw[1]) + Math.abs(pw[2]);
  const gAbs = Math.abs(G[0]) + Math.abs(G[1]) + Math.abs(G[2]);
  const dJ = [0, 1, 2].map(() => 2 * (mag * dG + gAbs * E) + 3 * U * mag * gAbs).concat([dG, dG, dG]);
  const dr = weight * (move * s.slope + 16 * U);
  return { ...row, dJ, dr };
}

/** The sums of one ICP iteration at one level (see the header); `trace` gathers the GPU tolerance. */
export function icpSums(live: DepthLevel, model: ModelMaps, pose: RigidTransform, th: IcpThresholds, trace?: IcpSumTrace): Float64Array {
  const sums = new Float64Array(ICP_SUM_WORDS);
  const W = worldToCamera(model.pose);
  const { fx, fy, cx, cy } = model.intrinsics;
  const maxDist2 = th.distanceM * th.distanceM;
  const minCos = Math.cos((th.angleDeg * Math.PI) / 180);
  const tMag = Math.abs(pose[3]) + Math.abs(pose[7]) + Math.abs(pose[11]) + Math.abs(W[3]) + Math.abs(W[7]) + Math.abs(W[11]);
  for (let v = 0; v < live.height; v++) {
    for (let u = 0; u < live.width; u++) {
      const lp = livePoint(live, u, v, th.jumpRel);
      // A pixel whose depth-jump test lay within float32 error of its threshold may be valid or not on the GPU.
      const point = lp ?? (trace ? livePoint(live, u, v, th.jumpRel * (1 + 2 ** -18)) : null);
      if (!point || (!lp && !point.nearJump)) continue;
      const counted = lp !== null;
      const { p, n } = point;
      const pw = [0, 1, 2].map((r) => pose[4 * r] * p[0] + pose[4 * r + 1] * p[1] + pose[4 * r + 2] * p[2] + pose[4 * r + 3]);
      const nw = [0, 1, 2].map((r) => pose[4 * r] * n[0] + pose[4 * r + 1] * n[1] + pose[4 * r + 2] * n[2]);
      if (counted) sums[SUM_VALID]++;
      const x = W[0] * pw[0] + W[1] * pw[1] + W[2] * pw[2] + W[3];
      const y = W[4] * pw[0] + W[5] * pw[1] + W[6] * pw[2] + W[7];
      const z = W[8] * pw[0] + W[9] * pw[1] + W[10] * pw[2] + W[11];
      // Float32 error of p_w and of the model-camera point: 16 ulps of the magnitudes involved (as volume.ts).
      const E = F32_SLACK * (Math.abs(p[0]) + Math.abs(p[1]) + p[2] + Math.abs(pw[0]) + Math.abs(pw[1]) + Math.abs(pw[2]) + tMag);
      // The live normal's error: its inputs' rounding over the neighbour distance.
      const nErr = (F32_SLACK * (Math.abs(p[0]) + Math.abs(p[1]) + p[2])) / point.edge + F32_SLACK;
      const choose = (ui: number, vi: number) => {
        if (z <= 0 || ui < 0 || vi < 0 || ui >= model.width || vi >= model.height) return null;
        const m = vi * model.width + ui;
        const vm = model.vertices.subarray(3 * m, 3 * m + 3);
        const nm = Array.from(model.normals.subarray(3 * m, 3 * m + 3));
        if (!vm.every(Number.isFinite) || !nm.every(Number.isFinite)) return null;
        const d2 = (pw[0] - vm[0]) ** 2 + (pw[1] - vm[1]) ** 2 + (pw[2] - vm[2]) ** 2;
        const cos = nw[0] * nm[0] + nw[1] * nm[1] + nw[2] * nm[2];
        const near = Math.abs(d2 - maxDist2) < 4 * Math.sqrt(d2) * E + F32_SLACK * maxDist2 || Math.abs(cos - minCos) < 2 * nErr + F32_SLACK;
        return { vm, nm, keep: d2 <= maxDist2 && cos >= minCos, near };
      };
      const uf = z > 0 ? (fx * x) / z + cx : 0;
      const vf = z > 0 ? (fy * y) / z + cy : 0;
      const ui = Math.floor(uf + 0.5);
      const vi = Math.floor(vf + 0.5);
      // The projection's float32 error, in pixels.
      const uErr = z > 0 ? (fx * E * (1 + Math.abs(x / z))) / z + F32_SLACK * (Math.abs(uf) + Math.abs(cx)) : 0;
      const vErr = z > 0 ? (fy * E * (1 + Math.abs(y / z))) / z + F32_SLACK * (Math.abs(vf) + Math.abs(cy)) : 0;
      const c = choose(ui, vi);
      let colour: ColourTerms | null = null;
      // The colour rows the GPU may have on the other sides of such an edge (null: none there).
      const colourAcross: (ColourTerms | null)[] = [];
      if (c?.keep && th.colourWeight > 0 && model.intensity && live.intensity) {
        const sample = sampleIntensity(model.intensity, model.width, model.height, uf, vf);
        if (sample) colour = colourTerms(pw, [x, y, z], sample, live.intensity[v * live.width + u], model, W, th.colourWeight, E, uErr, vErr);
        // Within float32 error of a pixel edge the GPU may blend the next cell's taps (or, at the border, have none).
        const edge = Math.abs(uf - Math.round(uf)) < uErr || Math.abs(vf - Math.round(vf)) < vErr;
        if (edge && trace) {
          for (const [du, dv] of [[-1, -1], [1, -1], [-1, 1], [1, 1]]) {
            const other = sampleIntensity(model.intensity, model.width, model.height, uf + du * uErr, vf + dv * vErr);
            const across = other ? colourTerms(pw, [x, y, z], other, live.intensity[v * live.width + u], model, W, th.colourWeight, E, uErr, vErr) : null;
            colourAcross.push(across);
          }
        }
      }
      const kept = c?.keep ? keptTerms(pw, c.vm, c.nm, E, colour) : null;
      if (kept && counted) for (const k of KEPT_WORDS) sums[k] += kept.terms[k];
      if (!trace) continue;
      if (point.nearJump) {
        trace.ambiguousPixels++;
        trace.slack[SUM_VALID]++;
        if (kept) for (const k of KEPT_WORDS) trace.slack[k] += Math.abs(kept.terms[k]);
        if (!counted) continue;
      }
      if (kept) {
        for (const k of KEPT_WORDS) {
          trace.bound[k] += kept.errors[k];
          trace.abs[k] += Math.abs(kept.terms[k]);
        }
      }
      // A rounding edge of the projection within float32 error, or a threshold: the other outcomes' terms.
      const nearU = z > 0 && Math.abs(uf + 0.5 - Math.round(uf + 0.5)) < uErr;
      const nearV = z > 0 && Math.abs(vf + 0.5 - Math.round(vf + 0.5)) < vErr;
      const alternatives: ((NonNullable<ReturnType<typeof choose>> & { colour?: ColourTerms | null }) | null | 'none')[] = [];
      if (c?.near) alternatives.push('none', { ...c, keep: !c.keep });
      const otherU = Math.round(uf + 0.5) - (Math.round(uf + 0.5) === ui ? 1 : 0);
      const otherV = Math.round(vf + 0.5) - (Math.round(vf + 0.5) === vi ? 1 : 0);
      if (nearU) alternatives.push(choose(otherU, vi) ?? 'none');
      if (nearV) alternatives.push(choose(ui, otherV) ?? 'none');
      if (nearU && nearV) alternatives.push(choose(otherU, otherV) ?? 'none');
      if (c?.keep) for (const across of colourAcross) alternatives.push({ ...c, colour: across });
      if (alternatives.length === 0) continue;
      trace.ambiguousPixels++;
      const worst = new Float64Array(ICP_SUM_WORDS);
      worst[SUM_INLIERS] = 1;
      for (const alt of alternatives) {
        // The colour row belongs to the live point, whichever model pixel it pairs with.
        const other = alt !== 'none' && alt?.keep ? keptTerms(pw, alt.vm, alt.nm, E, alt.colour === undefined ? colour : alt.colour) : null;
        for (const k of KEPT_WORDS) worst[k] = Math.max(worst[k], Math.abs((kept?.terms[k] ?? 0) - (other?.terms[k] ?? 0)));
      }
      for (let k = 0; k < ICP_SUM_WORDS; k++) trace.slack[k] += worst[k];
    }
  }
  return sums;
}
