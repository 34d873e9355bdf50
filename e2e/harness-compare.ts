/**
 * GPU-vs-reference comparisons for the kernels that are not a plain depth -> depth
 * run: the temporal stage over a sequence, normals and the discontinuity mask.
 * Bounds are derived next to each comparison.
 */
import { discontinuityMaskPass, edgeRejectStage, normalsPass, temporalStage } from '../src/gpu/stages';
import { readBufferF32, uploadF32 } from '../src/gpu/readback';
import { createTemporalState, temporalStep, type PersistenceMode, type TemporalVariant } from '../src/core/filters/temporal';
import { discontinuityMask, normalsFromDepth, rejectEdges } from '../src/core/filters/normals';
import type { PinholeIntrinsics } from '../src/core/filters/depth-field';
import { mulberry32 } from '../src/core/seeded-random';
import { U, type DepthCase } from './harness-kernels';

/** Records a command encoder with `record`, submits it, and fails on any validation error. */
export async function submitChecked(dev: GPUDevice, what: string, record: (encoder: GPUCommandEncoder) => void): Promise<void> {
  dev.pushErrorScope('validation');
  const encoder = dev.createCommandEncoder({ label: what });
  record(encoder);
  dev.queue.submit([encoder.finish()]);
  const error = await dev.popErrorScope();
  if (error) throw new Error(`GPU validation error in ${what}: ${error.message}`);
}

const bitsOf = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);

/** Pixels whose bits differ (NaN equals NaN), and the largest difference between valid ones. */
export function bitDiff(gpu: Float32Array, cpu: Float32Array) {
  const gb = bitsOf(gpu);
  const cb = bitsOf(cpu);
  let diffCount = 0;
  let validityMismatches = 0;
  let maxAbs = 0;
  const diffs: { i: number; gpu: number; cpu: number }[] = [];
  for (let i = 0; i < gpu.length; i++) {
    const gNaN = Number.isNaN(gpu[i]);
    const cNaN = Number.isNaN(cpu[i]);
    if (gb[i] === cb[i] || (gNaN && cNaN)) continue;
    diffCount++;
    if (diffs.length < 20) diffs.push({ i, gpu: gpu[i], cpu: cpu[i] });
    if (gNaN !== cNaN) validityMismatches++;
    else maxAbs = Math.max(maxAbs, Math.abs(gpu[i] - cpu[i]));
  }
  return { diffCount, diffs, validityMismatches, maxAbs };
}

export interface TemporalRun {
  frames: number;
  alpha: number;
  delta: number;
  persistence: PersistenceMode;
  seed: number;
  /** Metres per unit: librealsense's uint16_t path on whole units; absent: float. */
  unitM?: number;
  /** Parameters the GPU runs with instead (to show the comparison can fail). */
  gpu?: Partial<{ alpha: number; delta: number; persistence: PersistenceMode }>;
}

/**
 * Frame t of a sequence made from a still depth image: per-pixel noise of about delta
 * (so both "smooth" and "restart" happen), some jumps of several delta, and dropouts
 * whose rate depends on the pixel (0 to 80%, so every persistence rule has cases on
 * both sides); a tenth of the dropouts are +Infinity rather than NaN.
 */
function makeFrames(c: DepthCase, run: TemporalRun): Float32Array<ArrayBuffer>[] {
  const n = c.depth.length;
  const rate = new Float32Array(n);
  const pick = mulberry32(run.seed);
  for (let i = 0; i < n; i++) rate[i] = [0, 0.1, 0.3, 0.5, 0.8][Math.floor(pick() * 5)];
  const frames: Float32Array<ArrayBuffer>[] = [];
  for (let t = 0; t < run.frames; t++) {
    const r = mulberry32(run.seed * 7919 + t + 1);
    const f = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const drop = r();
      const noise = r();
      const jump = r();
      if (drop < rate[i]) f[i] = drop < rate[i] / 10 ? Infinity : NaN;
      else f[i] = c.depth[i] + run.delta * (jump < 0.1 ? 3 + 4 * noise : 1.6 * (noise - 0.5));
    }
    frames.push(f);
  }
  return frames;
}

/**
 * Runs the temporal stage over a sequence, advance() after each frame, and compares:
 * - with the reference run from the start on its own state (`sequence`): the reference
 *   is librealsense's C++ float arithmetic op by op, so bit-exact for every alpha;
 * - re-encoding the same frame without advance() gives the same bits (`rerun`);
 * then reset() (and an advance() with nothing encoded) starts over like frame 0, and a
 * new size starts over too.
 */
export async function compareTemporal(dev: GPUDevice, c: DepthCase, run: TemporalRun) {
  const { width, height } = c;
  const n = width * height;
  const params = { alpha: run.alpha, delta: run.delta, persistence: run.persistence };
  const variant: TemporalVariant = run.unitM === undefined ? { kind: 'float' } : { kind: 'units', unitM: run.unitM };
  const gpuParams = { ...params, ...run.gpu, variant };
  const frames = makeFrames(c, run);
  const stage = temporalStage(dev);
  const input = uploadF32(dev, frames[0], 'temporal-input');
  const output = uploadF32(dev, new Float32Array(n), 'temporal-output');
  const size = { width, height };
  const runFrame = async (frame: Float32Array<ArrayBuffer>, s = size) => {
    dev.queue.writeBuffer(input, 0, frame);
    await submitChecked(dev, 'temporal', (e) => stage.encode(e, input, output, s, gpuParams));
    return readBufferF32(dev, output, s.width * s.height);
  };

  let sequenceState = createTemporalState(n);
  const reports = [];
  let firstOutput: Float32Array | null = null;
  for (const frame of frames) {
    const gpu = await runFrame(frame);
    const again = await runFrame(frame);
    firstOutput ??= gpu;
    const sequence = temporalStep(sequenceState, frame, params, variant);
    let filled = 0;
    for (let i = 0; i < n; i++) if (!Number.isFinite(frame[i]) && Number.isFinite(gpu[i])) filled++;
    const seq = bitDiff(gpu, sequence.depth);
    reports.push({ sequenceDiffs: seq.diffCount, sequenceValidity: seq.validityMismatches, sequenceMaxAbs: seq.maxAbs, rerunDiffs: bitDiff(gpu, again).diffCount, filled, valid: gpu.filter(Number.isFinite).length });
    sequenceState = sequence.state;
    stage.advance();
  }

  // reset(), then an advance() with nothing encoded (must not swap in a stale state).
  stage.reset();
  stage.advance();
  const afterReset = bitDiff(await runFrame(frames[0]), firstOutput!).diffCount;
  // A new size starts over: the reference from a fresh state on the cropped frame.
  stage.advance();
  const small = { width: width - 1, height };
  const cropped = new Float32Array(small.width * height);
  for (let y = 0; y < height; y++) cropped.set(frames[1].subarray(y * width, y * width + small.width), y * small.width);
  const fresh = temporalStep(createTemporalState(cropped.length), cropped, params, variant).depth;
  const afterResize = bitDiff(await runFrame(cropped, small), fresh).diffCount;

  stage.destroy();
  input.destroy();
  output.destroy();
  return { frames: reports, afterReset, afterResize };
}

/**
 * Normals on the GPU (`gpuIntr`, default `intr`) vs normalsFromDepth (`intr`).
 * Bound per pixel, first order in u = 2^-24. With A (B) the sums of the magnitudes of
 * the terms of a = P(x+1,y) - P(x-1,y) (b = P(x,y+1) - P(x,y-1)) as the kernel writes
 * them, e.g. A_x = ((|x - cx| + |cx|) |zr - zl| + |zr| + |zl|) / |fx| (|cx| for cx's own
 * f32 rounding), each component is within 10 u A_i (at most ~8.5 roundings: cx, the
 * subtraction, product, two sums, fx's rounding, a 2.5-ulp division). A cross-product
 * component such as a_y b_z - a_z b_y is then within 23 u (A_y B_z + A_z B_y) (the input
 * errors, two products and a subtraction), and normalising moves the unit vector by at
 * most 2 |dc| / |c|, plus 12 u for the normalisation's own f32 steps (a division by the
 * largest component, the length: sqrt and a division). The orientation may come out
 * opposite only where the reference's |dot(n, P)| is within that error times |P|.
 */
export async function compareNormals(dev: GPUDevice, c: DepthCase, intr: PinholeIntrinsics, gpuIntr: PinholeIntrinsics = intr) {
  const { depth, width: w, height: h } = c;
  const input = uploadF32(dev, depth, 'normals-input');
  const output = uploadF32(dev, new Float32Array(3 * w * h), 'normals-output');
  const pass = normalsPass(dev);
  await submitChecked(dev, 'normals', (e) => pass.encode(e, input, output, { width: w, height: h }, gpuIntr));
  const gpu = await readBufferF32(dev, output, 3 * w * h);
  pass.destroy();
  input.destroy();
  output.destroy();
  const cpu = normalsFromDepth(depth, w, h, intr);
  const { fx, fy, cx, cy } = intr;
  let valid = 0;
  let validityMismatches = 0;
  let overBound = 0;
  let flipped = 0;
  let maxErr = 0;
  let worst = 0; // largest error / bound
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const g = [gpu[3 * i], gpu[3 * i + 1], gpu[3 * i + 2]];
      const r = [cpu[3 * i], cpu[3 * i + 1], cpu[3 * i + 2]];
      if (Number.isNaN(r[0]) || Number.isNaN(g[0])) {
        if (Number.isNaN(r[0]) !== Number.isNaN(g[0]) || g.some((v) => !Number.isNaN(v)) !== r.some((v) => !Number.isNaN(v))) validityMismatches++;
        continue;
      }
      valid++;
      const z = depth[i];
      const [zl, zr, zu, zd] = [depth[i - 1], depth[i + 1], depth[i - w], depth[i + w]];
      const ux = Math.abs(x - cx) + Math.abs(cx);
      const vy = Math.abs(y - cy) + Math.abs(cy);
      const A = [(ux * Math.abs(zr - zl) + Math.abs(zr) + Math.abs(zl)) / Math.abs(fx), (vy * Math.abs(zr - zl)) / Math.abs(fy), Math.abs(zr - zl)];
      const B = [(ux * Math.abs(zd - zu)) / Math.abs(fx), (vy * Math.abs(zd - zu) + Math.abs(zd) + Math.abs(zu)) / Math.abs(fy), Math.abs(zd - zu)];
      const dc = [23 * U * (A[1] * B[2] + A[2] * B[1]), 23 * U * (A[2] * B[0] + A[0] * B[2]), 23 * U * (A[0] * B[1] + A[1] * B[0])];
      // |c| from the reference's a and b (float64, as normalsFromDepth computes them).
      const a = [((x + 1 - cx) * zr) / fx - ((x - 1 - cx) * zl) / fx, ((y - cy) * zr) / fy - ((y - cy) * zl) / fy, zr - zl];
      const b = [((x - cx) * zd) / fx - ((x - cx) * zu) / fx, ((y + 1 - cy) * zd) / fy - ((y - 1 - cy) * zu) / fy, zd - zu];
      const cross = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
      const bound = (2 * Math.hypot(dc[0], dc[1], dc[2])) / Math.hypot(cross[0], cross[1], cross[2]) + 12 * U;
      const err = Math.max(...g.map((v, k) => Math.abs(v - r[k])));
      maxErr = Math.max(maxErr, err);
      if (err <= bound) {
        worst = Math.max(worst, err / bound);
        continue;
      }
      const P = [((x - cx) * z) / fx, ((y - cy) * z) / fy, z];
      const Pmag = Math.hypot((ux * Math.abs(z)) / fx, (vy * Math.abs(z)) / fy, z);
      const margin = (2 * bound + 13 * U) * Pmag;
      const dot = r[0] * P[0] + r[1] * P[1] + r[2] * P[2];
      const flipErr = Math.max(...g.map((v, k) => Math.abs(v + r[k])));
      if (Math.abs(dot) <= margin && flipErr <= bound) flipped++;
      else overBound++;
    }
  }
  return { pixels: w * h, valid, validityMismatches, overBound, flipped, maxErr, worst };
}

/**
 * Discontinuity mask on the GPU (`gpuJump`, default `jump`) vs discontinuityMask; with
 * `reject`, the same kernel as the edge-rejection stage (edgeRejectStage) vs rejectEdges:
 * its NaNs on valid input are its mask, and every other pixel must keep its bits exactly
 * (`keptChanged`).
 * The kernel's |a - b| is exact for neighbours within a factor 2 (else one rounding,
 * u |a - b|), and relative_jump * min(a, b) is within 2 u of the float64 product (the
 * f32 jump, one product). So they can only disagree where some valid neighbour q of the
 * pixel has | |d - q| - jump min(d, q) | <= 4 u (|d - q| + |jump min(d, q)|): a near-tie.
 */
export async function compareMask(dev: GPUDevice, c: DepthCase, jump: number, gpuJump = jump, reject = false) {
  const { depth, width: w, height: h } = c;
  const input = uploadF32(dev, depth, 'mask-input');
  const output = uploadF32(dev, new Float32Array(w * h), 'mask-output');
  const size = { width: w, height: h };
  const stage = reject ? edgeRejectStage(dev) : null;
  const maskPass = reject ? null : discontinuityMaskPass(dev);
  await submitChecked(dev, 'discontinuity-mask', (e) => {
    stage?.encode(e, input, output, size, { jump: gpuJump });
    maskPass?.encode(e, input, output, size, gpuJump);
  });
  const out = await readBufferF32(dev, output, w * h);
  stage?.destroy();
  maskPass?.destroy();
  input.destroy();
  output.destroy();
  let keptChanged = 0;
  const gpu = reject ? new Uint32Array(w * h) : new Uint32Array(out.buffer);
  const cpu = reject ? rejectEdges(depth, w, h, jump).map((v, i) => (Number.isNaN(v) && Number.isFinite(depth[i]) ? 1 : 0)) : discontinuityMask(depth, w, h, jump);
  if (reject) {
    const inBits = new Uint32Array(depth.buffer, depth.byteOffset, w * h);
    const outBits = new Uint32Array(out.buffer);
    for (let i = 0; i < w * h; i++) {
      gpu[i] = Number.isNaN(out[i]) && Number.isFinite(depth[i]) ? 1 : 0;
      if (!gpu[i] && outBits[i] !== inBits[i] && Number.isFinite(depth[i])) keptChanged++;
    }
  }
  let edges = 0;
  let nearTies = 0;
  let unexplained = 0;
  let notBinary = 0;
  for (let i = 0; i < w * h; i++) {
    if (gpu[i] > 1) notBinary++;
    edges += cpu[i];
    if (gpu[i] === cpu[i]) continue;
    const x = i % w;
    const y = (i - x) / w;
    const d = depth[i];
    const neighbours = [x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1, y + 1 < h ? i + w : -1];
    const tie = neighbours.some((j) => {
      if (j < 0 || !Number.isFinite(depth[j]) || !Number.isFinite(d)) return false;
      const diff = Math.abs(d - depth[j]);
      const limit = jump * Math.min(d, depth[j]);
      return Math.abs(diff - limit) <= 4 * U * (diff + Math.abs(limit));
    });
    if (tie) nearTies++;
    else unexplained++;
  }
  return { pixels: w * h, edges, mismatches: nearTies + unexplained, nearTies, unexplained, notBinary, keptChanged };
}
