/**
 * Push-pull hole filling: a pyramid fill that closes holes of any shape up to a size set
 * by `levels`, interpolating (no blocks) and, as an option, without bridging depth edges.
 * The reference of shaders/push-pull.wgsl. VALID INPUT PIXELS ARE NEVER CHANGED.
 *
 * Each pyramid pixel holds a value, a weight (how much valid input it stands for) and a
 * "far key" (the farthest valid input it stands for, exact: only ever selected, never
 * computed). Level 0 is the input: weight 1 where valid, 0 where not, key = value.
 *
 * Push (level k -> k+1, ceil(w/2) x ceil(h/2)): a coarse pixel is the weighted mean of
 * its existing children of weight > 0 (weights = their weights, so it is the mean of the
 * valid input in its block); its weight is the sum of theirs, its key the farthest of
 * theirs. No child of weight > 0: weight 0, no value.
 *
 * Pull (level k+1 -> k, from the coarsest down, in place): a pixel of weight 0 takes the
 * bilinear interpolation of the coarse level (already pulled) at its centre, i.e. of
 * the 2 x 2 coarse pixels around it (clamped to the level's edge) with factors (3/4 or
 * 1/4 per axis: 9/16, 3/16, 3/16, 1/16) times their weights, over those of weight > 0; it takes weight
 * (sum of those products) / 4 (a coarse pixel covers four) and key the farthest of
 * theirs. Pixels of weight > 0 keep their value. So fills vary smoothly across a hole
 * instead of repeating the coarse value over 2^k x 2^k blocks.
 *
 * Edge-aware ('edge'): both steps use only the candidates (children, coarse neighbours)
 * whose key lies within a relative jump of the farthest key among them (depth: key x
 * EDGE_FACTOR >= farthest; inverse depth, where far is small: key <= farthest x
 * EDGE_FACTOR, f32 products). Where the pixels around a hole disagree by more than the
 * jump, the hole is filled from the far side only: a hole on an object border is most
 * often the background the object shadows (stereo occlusion, projector shadow), and a
 * mean of both sides is a surface in neither, floating in 3-D. Keys are exact, so which
 * candidates count is decided identically on the GPU.
 *
 * Arithmetic in float64, each stored value rounded to float32 once (depth-field.ts); the
 * GPU's f32 error bound is derived in e2e/harness-kernels.ts.
 */
import { checkField, checkInteger, isValidDepth } from './depth-field';

export const MAX_PUSH_PULL_LEVELS = 12;

/** 'blend': interpolate over every side; 'edge': from the far side across a jump. */
export type PushPullFill = 'blend' | 'edge';
export const PUSH_PULL_FILLS: readonly PushPullFill[] = ['blend', 'edge'];

/**
 * The relative jump that counts as an edge: 10 %. Above sensor noise between
 * neighbouring coarse pixels (1-2 % at 4 m for structured light, docs/quality.md) and
 * below an object's step to what is behind it (a person 2 m in front of a wall at 4 m:
 * 100 %; a box on a table, tens of %).
 */
export const EDGE_JUMP = 0.1;
export const EDGE_FACTOR = Math.fround(1 + EDGE_JUMP);

export interface PushPullOptions {
  fill: PushPullFill;
  /** The field is inverse depth: far is the smaller value. */
  inverse: boolean;
}

interface Level {
  value: Float32Array;
  weight: Float32Array;
  key: Float32Array;
  width: number;
  height: number;
}

/** The candidates an edge-aware step keeps: within the jump of the farthest key (f32 products, as the kernel). */
export function withinJump(key: number, farthest: number, inverse: boolean): boolean {
  return inverse ? key <= Math.fround(farthest * EDGE_FACTOR) : Math.fround(key * EDGE_FACTOR) >= farthest;
}

const farther = (a: number, b: number, inverse: boolean) => (inverse ? a < b : a > b);

/** Candidate j of a step: its value, key and weight (already multiplied by any bilinear factor). */
interface Candidate {
  value: number;
  key: number;
  weight: number;
}

/** The weighted mean of the candidates a step keeps, their summed weight and farthest key; null if none. */
function blend(candidates: Candidate[], o: PushPullOptions): Candidate | null {
  if (candidates.length === 0) return null;
  let far = candidates[0].key;
  for (const c of candidates) if (farther(c.key, far, o.inverse)) far = c.key;
  let sum = 0;
  let weight = 0;
  for (const c of candidates) {
    if (o.fill === 'edge' && !withinJump(c.key, far, o.inverse)) continue;
    sum += c.weight * c.value;
    weight += c.weight;
  }
  return { value: sum / weight, key: far, weight };
}

export function pushPullFill(
  depth: Float32Array,
  width: number,
  height: number,
  levels: number,
  options: PushPullOptions = { fill: 'blend', inverse: false },
): Float32Array {
  checkField(depth, width, height, 'pushPullFill');
  checkInteger(levels, 1, MAX_PUSH_PULL_LEVELS, 'The number of push-pull levels');
  if (!PUSH_PULL_FILLS.includes(options.fill)) throw new RangeError(`The push-pull fill must be one of ${PUSH_PULL_FILLS.join(', ')}, not ${String(options.fill)}.`);
  const base: Level = {
    value: depth.map((v) => (isValidDepth(v) ? v : Number.NaN)),
    weight: depth.map((v) => (isValidDepth(v) ? 1 : 0)),
    key: depth.map((v) => (isValidDepth(v) ? v : Number.NaN)),
    width,
    height,
  };
  const pyramid = [base];
  for (let k = 0; k < levels; k++) pyramid.push(push(pyramid[k], options));
  for (let k = levels - 1; k >= 0; k--) pull(pyramid[k + 1], pyramid[k], options);
  return base.value;
}

function push(fine: Level, o: PushPullOptions): Level {
  const width = Math.ceil(fine.width / 2);
  const height = Math.ceil(fine.height / 2);
  const out: Level = { value: new Float32Array(width * height), weight: new Float32Array(width * height), key: new Float32Array(width * height), width, height };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const children: Candidate[] = [];
      for (let j = 0; j < 2; j++) {
        for (let i = 0; i < 2; i++) {
          const fx = 2 * x + i;
          const fy = 2 * y + j;
          if (fx >= fine.width || fy >= fine.height) continue;
          const f = fy * fine.width + fx;
          if (fine.weight[f] > 0) children.push({ value: fine.value[f], key: fine.key[f], weight: fine.weight[f] });
        }
      }
      store(out, y * width + x, blend(children, o), 1);
    }
  }
  return out;
}

/**
 * The two coarse coordinates around fine coordinate t (pixel centres at t + 1/2) and
 * their bilinear factors, clamped to the coarse level's [0, size - 1] as a texture
 * clamps to its edge: the factors always sum to 1, so the image border does not read
 * as missing data.
 */
export function bilinearTaps(t: number, size: number): [number, number][] {
  const c = t >> 1;
  const at = (k: number) => Math.min(Math.max(k, 0), size - 1);
  return t % 2 === 0 ? [[at(c - 1), 0.25], [c, 0.75]] : [[c, 0.75], [at(c + 1), 0.25]];
}

function pull(coarse: Level, fine: Level, o: PushPullOptions): void {
  for (let y = 0; y < fine.height; y++) {
    for (let x = 0; x < fine.width; x++) {
      const i = y * fine.width + x;
      if (fine.weight[i] > 0) continue;
      const around: Candidate[] = [];
      for (const [cy, by] of bilinearTaps(y, coarse.height)) {
        for (const [cx, bx] of bilinearTaps(x, coarse.width)) {
          const c = cy * coarse.width + cx;
          if (coarse.weight[c] > 0) around.push({ value: coarse.value[c], key: coarse.key[c], weight: bx * by * coarse.weight[c] });
        }
      }
      store(fine, i, blend(around, o), 0.25);
    }
  }
}

function store(level: Level, i: number, c: Candidate | null, weightScale: number): void {
  level.value[i] = c ? c.value : Number.NaN;
  level.weight[i] = c ? c.weight * weightScale : 0;
  level.key[i] = c ? c.key : Number.NaN;
}
