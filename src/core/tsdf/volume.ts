/**
 * The TSDF volume in sparse blocks, CPU reference of shaders/tsdf-allocate.wgsl
 * and shaders/tsdf-integrate.wgsl (float64 arithmetic, values stored as float32).
 *
 * Integration of one frame, as Open3D's VoxelBlockGrid and VoxelHashing:
 * 1. allocate: for every pixel with depth d in range, the points at depths
 *    d - trunc ... d + trunc along its ray (spaced at most one voxel in z) mark
 *    the blocks they fall in as touched by the frame; new blocks are taken from
 *    the pool. When the pool is exhausted, the frame is not integrated, nor any
 *    later one, and `full` says why.
 * 2. integrate: every voxel of every touched block is projected into the depth
 *    map (nearest pixel, floor(u + 0.5)); where the depth d there is in range and
 *    sdf = d - z >= -trunc (z along the optical axis, Open3D's projective
 *    distance), tsdf = min(1, sdf / trunc) is averaged in with weight 1, the
 *    colour likewise, and the weight grows by 1 up to the cap (a capped running
 *    average, KinectFusion's).
 *
 * With a lens (frame.lens, core/distortion.ts), a pixel's ray is undistorted
 * (librealsense's 10 steps) and a voxel is projected through the lens, as the
 * cloud's back-projection and librealsense do.
 *
 * `trace` records, for the GPU equivalence spec, the decisions taken within
 * float32 error of their threshold (a block boundary, a pixel's rounding edge,
 * sdf = -trunc): those may go either way on the GPU (see e2e/kernel-tsdf.spec.ts).
 */
import {
  BLOCK_SIDE,
  BLOCK_VOXELS,
  BYTES_PER_BLOCK,
  budgetFullSentence,
  blockInRange,
  blockKey,
  hashTableSize,
  tsdfFrameProblem,
  tsdfSettingsProblem,
  worldToCamera,
  type TsdfFrame,
  type TsdfSettings,
} from './settings';
import { distortNormalised, hasDistortion, undistortNormalised, type LensDistortion } from '../distortion';

/** Relative error allowed to a float32 result of a few operations on terms of total magnitude m: 16 ulps of m. */
export const F32_SLACK = 2 ** -20;

/**
 * float32 error of the GPU's lens step on normalised coordinates of magnitude
 * 1 + |x| + |y|: 64 ulps. A distortion is one polynomial (at most ~12
 * roundings); an undistortion is 10 fixed-point steps of that size, whose
 * errors the iteration damps by its contraction factor (about 3 |k1| r^2,
 * below 1/2 for real lenses), so at most ~2 x 12 = 24 ulps stand at the end.
 */
export const LENS_SLACK = 2 ** -18;

/** The lens that changes anything, or null (none, 'none' or all-zero coefficients). */
function activeLens(frame: TsdfFrame): LensDistortion | null {
  return frame.lens && hasDistortion(frame.lens) ? frame.lens : null;
}

/**
 * How much distortNormalised can stretch an error at (x, y): the largest
 * absolute row sum of its Jacobian, by central differences (h = 1e-6, exact to
 * about 1e-9 on a polynomial of this size), with 1 % to spare.
 */
function lensGain(x: number, y: number, lens: LensDistortion): number {
  const h = 1e-6;
  const dx0 = distortNormalised(x + h, y, lens);
  const dx1 = distortNormalised(x - h, y, lens);
  const dy0 = distortNormalised(x, y + h, lens);
  const dy1 = distortNormalised(x, y - h, lens);
  const j = [(dx0.x - dx1.x) / (2 * h), (dy0.x - dy1.x) / (2 * h), (dx0.y - dx1.y) / (2 * h), (dy0.y - dy1.y) / (2 * h)];
  return 1.01 * Math.max(Math.abs(j[0]) + Math.abs(j[1]), Math.abs(j[2]) + Math.abs(j[3])) + 1e-6;
}

export interface TsdfTrace {
  /** Keys of blocks the frame touches by a decision far from any boundary. */
  certainBlocks: Set<number>;
  /** Keys of blocks touched only by decisions near a boundary (the GPU may or may not touch them). */
  maybeBlocks: Set<number>;
  /** Voxel ids (key * 512 + local index) whose update this frame is near a threshold. */
  ambiguousVoxels: Set<number>;
}

export function newTrace(): TsdfTrace {
  return { certainBlocks: new Set(), maybeBlocks: new Set(), ambiguousVoxels: new Set() };
}

export type IntegrationResult =
  | { ok: true; touchedBlocks: number; newBlocks: number; updatedVoxels: number }
  | { ok: false; reason: string };

export class TsdfVolume {
  readonly settings: TsdfSettings;
  readonly tableSize: number;
  /** Block slot by key. */
  private readonly slots = new Map<number, number>();
  /** Block coordinates by slot (x, y, z). */
  coords = new Int32Array(0);
  tsdf = new Float32Array(0);
  weight = new Float32Array(0);
  /** RGB per voxel, 0-255, float. */
  colour = new Float32Array(0);
  blockCount = 0;
  framesIntegrated = 0;
  /** Set once the block budget is reached: integration has stopped, and this says so. */
  full: string | null = null;

  constructor(settings: TsdfSettings) {
    const problem = tsdfSettingsProblem(settings);
    if (problem) throw new RangeError(problem);
    this.settings = { ...settings };
    this.tableSize = hashTableSize(settings.blockBudget);
  }

  get bytes(): number {
    return this.blockCount * BYTES_PER_BLOCK;
  }

  /** The slot of block (bx, by, bz), or -1 when it is not allocated. */
  findBlock(bx: number, by: number, bz: number): number {
    if (!blockInRange(bx, by, bz)) return -1;
    return this.slots.get(blockKey(bx, by, bz)) ?? -1;
  }

  /** Allocated blocks' keys, with their slots. */
  blockKeys(): Map<number, number> {
    return new Map(this.slots);
  }

  /** The slot of a new block, or -1 when the budget is reached. */
  private allocate(key: number, bx: number, by: number, bz: number): number {
    if (this.blockCount >= this.settings.blockBudget) return -1;
    const slot = this.blockCount++;
    if (slot * 3 >= this.coords.length) this.grow(Math.max(64, 2 * this.blockCount));
    this.coords.set([bx, by, bz], 3 * slot);
    this.slots.set(key, slot);
    return slot;
  }

  private grow(blocks: number): void {
    const cap = Math.min(blocks, this.settings.blockBudget);
    const grown = <T extends Float32Array | Int32Array>(a: T, per: number): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * per);
      b.set(a);
      return b;
    };
    this.coords = grown(this.coords, 3);
    this.tsdf = grown(this.tsdf, BLOCK_VOXELS);
    this.weight = grown(this.weight, BLOCK_VOXELS);
    this.colour = grown(this.colour, 3 * BLOCK_VOXELS);
  }

  /** Integrates one posed frame; refuses with a sentence (and changes nothing) on bad input or when full. */
  integrate(frame: TsdfFrame, trace?: TsdfTrace): IntegrationResult {
    if (this.full) return { ok: false, reason: this.full };
    const problem = tsdfFrameProblem(frame, this.settings);
    if (problem) return { ok: false, reason: problem };
    const before = this.blockCount;
    const touched = allocateBlocks(this, frame, trace);
    if (touched === null) {
      this.full = budgetFullSentence(this.settings, this.framesIntegrated);
      return { ok: false, reason: this.full };
    }
    const updatedVoxels = integrateVoxels(this, frame, touched, trace);
    this.framesIntegrated++;
    return { ok: true, touchedBlocks: touched.length, newBlocks: this.blockCount - before, updatedVoxels };
  }

  /** @internal for allocateBlocks: the slot of a block, allocating it (null when the budget is reached). */
  slotFor(bx: number, by: number, bz: number): number | null {
    const key = blockKey(bx, by, bz);
    const slot = this.slots.get(key);
    if (slot !== undefined) return slot;
    const fresh = this.allocate(key, bx, by, bz);
    return fresh < 0 ? null : fresh;
  }
}

/** The z-spacing of allocation samples: trunc / n with n = ceil(trunc / voxel), so at most one voxel. */
export function allocationSteps(s: TsdfSettings): { steps: number; stepM: number } {
  const steps = Math.ceil(s.truncationM / s.voxelSizeM - 1e-9);
  return { steps, stepM: s.truncationM / steps };
}

/** Distance of x to the nearest multiple of `cell`. */
function toBoundary(x: number, cell: number): number {
  const q = x / cell;
  return Math.abs(q - Math.round(q)) * cell;
}

/**
 * Step 1: the slots of the blocks the frame touches (each once, in first-touch
 * order), allocating new ones; null when the budget ran out.
 */
export function allocateBlocks(volume: TsdfVolume, frame: TsdfFrame, trace?: TsdfTrace): number[] | null {
  const s = volume.settings;
  const { fx, fy, cx, cy } = frame.intrinsics;
  const P = frame.pose;
  const lens = activeLens(frame);
  const block = BLOCK_SIDE * s.voxelSizeM;
  const { steps, stepM } = allocationSteps(s);
  const seen = new Set<number>();
  const touched: number[] = [];
  const maybe = new Set<number>();
  for (let v = 0, i = 0; v < frame.height; v++) {
    for (let u = 0; u < frame.width; u++, i++) {
      const d = frame.depthM[i];
      if (!(d >= s.depthMinM && d <= s.depthMaxM)) continue;
      let a = (u - cx) / fx;
      let b = (v - cy) / fy;
      // The GPU's undistorted (a, b) may be off by lensErr each: x and y by lensErr z.
      let lensErr = 0;
      if (lens) {
        ({ x: a, y: b } = undistortNormalised(a, b, lens));
        lensErr = LENS_SLACK * (1 + Math.abs(a) + Math.abs(b));
      }
      for (let k = -steps; k <= steps; k++) {
        const z = d + k * stepM;
        if (z <= 0) continue;
        const x = a * z;
        const y = b * z;
        const wx = P[0] * x + P[1] * y + P[2] * z + P[3];
        const wy = P[4] * x + P[5] * y + P[6] * z + P[7];
        const wz = P[8] * x + P[9] * y + P[10] * z + P[11];
        const bx = Math.floor(wx / block);
        const by = Math.floor(wy / block);
        const bz = Math.floor(wz / block);
        if (trace) {
          const eps = F32_SLACK * (Math.abs(x) + Math.abs(y) + z + Math.abs(P[3]) + Math.abs(P[7]) + Math.abs(P[11]) + Math.abs(wx) + Math.abs(wy) + Math.abs(wz)) + 2 * lensErr * z;
          const near = [wx, wy, wz].map((w) => toBoundary(w, block) < eps);
          if (near.some(Boolean)) {
            // Every block the sample could fall in within eps: the main one and its neighbours across the near faces.
            for (const ox of near[0] ? [-1, 0, 1] : [0])
              for (const oy of near[1] ? [-1, 0, 1] : [0])
                for (const oz of near[2] ? [-1, 0, 1] : [0]) {
                  const nb = [Math.floor((wx + ox * eps) / block), Math.floor((wy + oy * eps) / block), Math.floor((wz + oz * eps) / block)];
                  if (blockInRange(nb[0], nb[1], nb[2])) maybe.add(blockKey(nb[0], nb[1], nb[2]));
                }
          } else if (blockInRange(bx, by, bz)) trace.certainBlocks.add(blockKey(bx, by, bz));
        }
        if (!blockInRange(bx, by, bz)) continue;
        const key = blockKey(bx, by, bz);
        if (seen.has(key)) continue;
        const slot = volume.slotFor(bx, by, bz);
        if (slot === null) return null;
        seen.add(key);
        touched.push(slot);
      }
    }
  }
  if (trace) for (const key of maybe) if (!trace.certainBlocks.has(key)) trace.maybeBlocks.add(key);
  return touched;
}

/** Step 2: the projective TSDF, weight and colour update of every voxel of the touched blocks. Returns the voxels updated. */
export function integrateVoxels(volume: TsdfVolume, frame: TsdfFrame, touched: readonly number[], trace?: TsdfTrace): number {
  const s = volume.settings;
  const { fx, fy, cx, cy } = frame.intrinsics;
  const lens = activeLens(frame);
  const W = worldToCamera(frame.pose);
  const tMag = Math.abs(W[3]) + Math.abs(W[7]) + Math.abs(W[11]);
  const { width, height, depthM, rgba } = frame;
  let updated = 0;
  for (const slot of touched) {
    const gx0 = volume.coords[3 * slot] * BLOCK_SIDE;
    const gy0 = volume.coords[3 * slot + 1] * BLOCK_SIDE;
    const gz0 = volume.coords[3 * slot + 2] * BLOCK_SIDE;
    const key = blockKey(volume.coords[3 * slot], volume.coords[3 * slot + 1], volume.coords[3 * slot + 2]);
    const blockMaybe = trace?.maybeBlocks.has(key) ?? false;
    for (let local = 0; local < BLOCK_VOXELS; local++) {
      const px = (gx0 + (local & 7)) * s.voxelSizeM;
      const py = (gy0 + ((local >> 3) & 7)) * s.voxelSizeM;
      const pz = (gz0 + (local >> 6)) * s.voxelSizeM;
      const x = W[0] * px + W[1] * py + W[2] * pz + W[3];
      const y = W[4] * px + W[5] * py + W[6] * pz + W[7];
      const z = W[8] * px + W[9] * py + W[10] * pz + W[11];
      const posErr = F32_SLACK * (Math.abs(px) + Math.abs(py) + Math.abs(pz) + tMag);
      if (trace && (blockMaybe || Math.abs(z) < posErr)) trace.ambiguousVoxels.add(key * BLOCK_VOXELS + local);
      if (z <= 0) continue;
      const n = lens ? distortNormalised(x / z, y / z, lens) : { x: x / z, y: y / z };
      const uf = fx * n.x + cx;
      const vf = fy * n.y + cy;
      if (trace) {
        // The position's error through the division (and the lens, stretched by its Jacobian: through a lens
        // each of u and v depends on both x / z and y / z), and the lens step's own.
        const throughLens = lens ? lensGain(x / z, y / z, lens) * (1 + Math.abs(x / z) + Math.abs(y / z)) : 0;
        const spreadU = lens ? throughLens : 1 + Math.abs(x / z);
        const spreadV = lens ? throughLens : 1 + Math.abs(y / z);
        const own = lens ? LENS_SLACK * (1 + Math.abs(n.x) + Math.abs(n.y)) : 0;
        const uErr = (fx * posErr * spreadU) / z + fx * own + F32_SLACK * (Math.abs(uf) + Math.abs(cx));
        const vErr = (fy * posErr * spreadV) / z + fy * own + F32_SLACK * (Math.abs(vf) + Math.abs(cy));
        if (toBoundary(uf - 0.5, 1) < uErr || toBoundary(vf - 0.5, 1) < vErr) trace.ambiguousVoxels.add(key * BLOCK_VOXELS + local);
      }
      const ui = Math.floor(uf + 0.5);
      const vi = Math.floor(vf + 0.5);
      if (ui < 0 || vi < 0 || ui >= width || vi >= height) continue;
      const pixel = vi * width + ui;
      const d = depthM[pixel];
      if (!(d >= s.depthMinM && d <= s.depthMaxM)) continue;
      const sdf = d - z;
      if (trace && Math.abs(sdf + s.truncationM) < posErr + F32_SLACK * d) trace.ambiguousVoxels.add(key * BLOCK_VOXELS + local);
      if (sdf < -s.truncationM) continue;
      const obs = Math.min(1, sdf / s.truncationM);
      const idx = slot * BLOCK_VOXELS + local;
      const w = volume.weight[idx];
      const wn = w + 1;
      volume.tsdf[idx] = (volume.tsdf[idx] * w + obs) / wn;
      if (rgba) for (let c = 0; c < 3; c++) volume.colour[3 * idx + c] = (volume.colour[3 * idx + c] * w + rgba[4 * pixel + c]) / wn;
      volume.weight[idx] = Math.min(wn, s.weightCap);
      updated++;
    }
  }
  return updated;
}
