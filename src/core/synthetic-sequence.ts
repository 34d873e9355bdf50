/**
 * A posed RGB-D sequence of a known room, ray-cast analytically: the ground
 * truth reconstruction is judged against (tsdf/ tests, `npm run bench -- recon`).
 *
 * World frame: x east, y north, z up, metres; the room is the box
 * [-2, 2] x [-2, 2] x [0, 2.6] (floor z = 0), with boxes and spheres on or above
 * the floor. Cameras follow OpenCV's axes (x right, y down, z forward) and the
 * poses are camera-to-world, row-major 4x4 (core/recording.ts's RigidTransform).
 * Depth is z along the optical axis (not the ray length), in metres, exact
 * (float32) unless noise or millimetre quantisation is asked for.
 *
 * The true surface is given as a signed distance function (positive in free
 * space) and as points sampled from the frames' true depths, so every sample is
 * a surface point that at least one camera saw.
 */
import { transformPoint } from './camera-path';
import type { PinholeIntrinsics } from './filters/depth-field';
import type { RigidTransform } from './recording';
import { gaussian, mulberry32 } from './seeded-random';
import { undistortNormalised, type LensDistortion } from './distortion';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** The room and what stands in it (world frame, metres). */
export const ROOM = {
  min: [-2, -2, 0] as const,
  max: [2, 2, 2.6] as const,
  boxes: [
    { min: [0.6, 0.7, 0] as const, max: [1.3, 1.4, 0.75] as const, rgb: [200, 60, 50] as const },
    { min: [-1.6, -1.2, 0] as const, max: [-1.1, -0.3, 1.2] as const, rgb: [60, 120, 200] as const },
  ],
  spheres: [
    { centre: [-0.9, 1.1, 0.45] as const, radius: 0.45, rgb: [70, 180, 90] as const },
    { centre: [1.2, -1.0, 1.3] as const, radius: 0.3, rgb: [230, 200, 60] as const },
  ],
  wallRgb: [180, 170, 160] as const,
  floorRgb: [120, 100, 80] as const,
} as const;

export interface SyntheticFrame {
  /** Camera-to-world, row-major 4x4. */
  pose: RigidTransform;
  /** Depth in metres (z), row-major; NaN where the ray hits nothing (never in the closed room) or beyond noise. */
  depthM: Float32Array;
  /** The exact depth before noise and quantisation. */
  trueDepthM: Float32Array;
  /** RGBA8, registered with depth (same pixels). */
  rgba: Uint8ClampedArray;
  /** Depth as 16-bit millimetres (0 = no depth), when asked for. */
  depthMm: Uint16Array | null;
}

export interface SyntheticSequence {
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
  frames: SyntheticFrame[];
  lens?: LensDistortion;
}

export interface SequenceOptions {
  width?: number;
  height?: number;
  frames?: number;
  /** Gaussian depth noise, metres (0 = exact). */
  noiseSigmaM?: number;
  /** Round depth to whole millimetres and keep the 16-bit image. */
  quantiseMm?: boolean;
  seed?: number;
  /** The camera's lens: each pixel's ray bent by it (none: a pinhole). */
  lens?: LensDistortion;
}

/** Row-major camera-to-world of a camera at `eye` looking at `target`, world z up (camera y down). */
export function lookAt(eye: Vec3, target: Vec3): number[] {
  const f = normalise({ x: target.x - eye.x, y: target.y - eye.y, z: target.z - eye.z });
  // Camera x (right) = forward x world-up; camera y (down) = forward x right.
  const r = normalise(cross(f, { x: 0, y: 0, z: 1 }));
  const d = cross(f, r);
  return [r.x, d.x, f.x, eye.x, r.y, d.y, f.y, eye.y, r.z, d.z, f.z, eye.z, 0, 0, 0, 1];
}

/**
 * The camera path: a circle of radius 0.6 m at 1.4 m height around the room's
 * centre, each camera looking outwards and 20 degrees down, one full turn over
 * the frames (so the walls, the floor and every object are seen).
 */
export function sequencePose(index: number, count: number): number[] {
  const a = (2 * Math.PI * index) / count;
  const eye = { x: 0.6 * Math.cos(a), y: 0.6 * Math.sin(a), z: 1.4 };
  const look = a + 0.5; // a little sideways, so consecutive views overlap more
  const target = { x: eye.x + Math.cos(look), y: eye.y + Math.sin(look), z: eye.z - Math.tan((20 * Math.PI) / 180) };
  return lookAt(eye, target);
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return { x: a.y * b.z - a.z * b.y, y: a.z * b.x - a.x * b.z, z: a.x * b.y - a.y * b.x };
}

function normalise(a: Vec3): Vec3 {
  const n = Math.hypot(a.x, a.y, a.z);
  return { x: a.x / n, y: a.y / n, z: a.z / n };
}

/** Where the ray o + t d (t > 0) first hits the scene, and the colour there; null if nothing. */
export function castSceneRay(o: Vec3, d: Vec3): { t: number; rgb: readonly [number, number, number] } | null {
  const O = [o.x, o.y, o.z];
  const D = [d.x, d.y, d.z];
  // Inside the room: the ray leaves through the nearest wall, floor or ceiling.
  let t = Infinity;
  let rgb: readonly [number, number, number] = ROOM.wallRgb;
  for (let k = 0; k < 3; k++) {
    if (D[k] === 0) continue;
    const tk = ((D[k] > 0 ? ROOM.max[k] : ROOM.min[k]) - O[k]) / D[k];
    if (tk > 0 && tk < t) {
      t = tk;
      rgb = k === 2 && D[k] < 0 ? ROOM.floorRgb : ROOM.wallRgb;
    }
  }
  for (const b of ROOM.boxes) {
    let tIn = 0;
    let tOut = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = (b.min[k] - O[k]) / D[k];
      const t1 = (b.max[k] - O[k]) / D[k];
      tIn = Math.max(tIn, Math.min(t0, t1));
      tOut = Math.min(tOut, Math.max(t0, t1));
    }
    if (tIn <= tOut && tIn > 0 && tIn < t) [t, rgb] = [tIn, b.rgb];
  }
  for (const s of ROOM.spheres) {
    const oc = [O[0] - s.centre[0], O[1] - s.centre[1], O[2] - s.centre[2]];
    const a = D[0] * D[0] + D[1] * D[1] + D[2] * D[2];
    const hb = oc[0] * D[0] + oc[1] * D[1] + oc[2] * D[2];
    const c = oc[0] * oc[0] + oc[1] * oc[1] + oc[2] * oc[2] - s.radius * s.radius;
    const disc = hb * hb - a * c;
    if (disc < 0) continue;
    const ts = (-hb - Math.sqrt(disc)) / a;
    if (ts > 0 && ts < t) [t, rgb] = [ts, s.rgb];
  }
  return Number.isFinite(t) ? { t, rgb } : null;
}

/** A 25 cm world-space checker that darkens the base colour, so colour integration has edges to keep. */
function shade(rgb: readonly [number, number, number], p: Vec3): [number, number, number] {
  const c = (Math.floor(p.x / 0.25 + 1e-9) + Math.floor(p.y / 0.25 + 1e-9) + Math.floor(p.z / 0.25 + 1e-9)) & 1;
  const k = c ? 1 : 0.6;
  return [Math.round(rgb[0] * k), Math.round(rgb[1] * k), Math.round(rgb[2] * k)];
}

/**
 * Signed distance to the true surface, metres: positive in free space (inside
 * the room, outside every object), negative inside walls and objects. Exact in
 * free space, where the fused surface's vertices are judged.
 */
export function sceneSdf(p: Vec3): number {
  let d = Math.min(p.x - ROOM.min[0], ROOM.max[0] - p.x, p.y - ROOM.min[1], ROOM.max[1] - p.y, p.z - ROOM.min[2], ROOM.max[2] - p.z);
  const P = [p.x, p.y, p.z];
  for (const b of ROOM.boxes) {
    const q = [0, 1, 2].map((k) => Math.max(b.min[k] - P[k], P[k] - b.max[k]));
    const outside = Math.hypot(Math.max(q[0], 0), Math.max(q[1], 0), Math.max(q[2], 0));
    d = Math.min(d, outside + Math.min(Math.max(q[0], q[1], q[2]), 0));
  }
  for (const s of ROOM.spheres) d = Math.min(d, Math.hypot(P[0] - s.centre[0], P[1] - s.centre[1], P[2] - s.centre[2]) - s.radius);
  return d;
}

/** Applies a row-major camera-to-world pose to a camera-frame point (camera-path.ts's). */
export { transformPoint };

/** Intrinsics of the sequence: 60 degrees across, centred, square pixels. */
export function sequenceIntrinsics(width: number, height: number): PinholeIntrinsics {
  const f = width / (2 * Math.tan(Math.PI / 6));
  return { fx: f, fy: f, cx: (width - 1) / 2, cy: (height - 1) / 2 };
}

/** Pixel (u, v)'s ray in the camera frame with z = 1: pinhole, or bent by `lens`. */
function cameraRay(u: number, v: number, intr: PinholeIntrinsics, lens?: LensDistortion): Vec3 {
  const x = (u - intr.cx) / intr.fx;
  const y = (v - intr.cy) / intr.fy;
  if (!lens) return { x, y, z: 1 };
  const n = undistortNormalised(x, y, lens);
  return { x: n.x, y: n.y, z: 1 };
}

/** Renders one frame from `pose` (camera-to-world), through `lens` when given. */
export function renderFrame(pose: RigidTransform, width: number, height: number, intr: PinholeIntrinsics, lens?: LensDistortion): { depth: Float32Array; rgba: Uint8ClampedArray } {
  const depth = new Float32Array(width * height);
  const rgba = new Uint8ClampedArray(width * height * 4);
  const o = { x: pose[3], y: pose[7], z: pose[11] };
  for (let v = 0, i = 0; v < height; v++) {
    for (let u = 0; u < width; u++, i++) {
      // Direction with camera z = 1, so the ray parameter is the depth z.
      const c = cameraRay(u, v, intr, lens);
      const d = { x: pose[0] * c.x + pose[1] * c.y + pose[2], y: pose[4] * c.x + pose[5] * c.y + pose[6], z: pose[8] * c.x + pose[9] * c.y + pose[10] };
      const hit = castSceneRay(o, d);
      if (!hit) {
        depth[i] = Number.NaN;
        continue;
      }
      depth[i] = hit.t;
      const [r, g, b] = shade(hit.rgb, { x: o.x + hit.t * d.x, y: o.y + hit.t * d.y, z: o.z + hit.t * d.z });
      rgba.set([r, g, b, 255], 4 * i);
    }
  }
  return { depth, rgba };
}

export function makeSyntheticSequence(opts: SequenceOptions = {}): SyntheticSequence {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const count = opts.frames ?? 40;
  for (const [v, what] of [[width, 'width'], [height, 'height'], [count, 'frame count']] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 4096) throw new RangeError(`The synthetic sequence's ${what} must be a whole number from 1 to 4096, not ${v}.`);
  }
  const intrinsics = sequenceIntrinsics(width, height);
  const normal = gaussian(mulberry32(opts.seed ?? 1));
  const sigma = opts.noiseSigmaM ?? 0;
  const frames: SyntheticFrame[] = [];
  for (let k = 0; k < count; k++) {
    const pose = sequencePose(k, count);
    const { depth: trueDepthM, rgba } = renderFrame(pose, width, height, intrinsics, opts.lens);
    const depthM = new Float32Array(trueDepthM.length);
    let depthMm: Uint16Array | null = null;
    if (opts.quantiseMm) depthMm = new Uint16Array(trueDepthM.length);
    for (let i = 0; i < depthM.length; i++) {
      let z = trueDepthM[i] + (sigma > 0 ? sigma * normal() : 0);
      if (depthMm) {
        const mm = Number.isFinite(z) ? Math.min(0xffff, Math.max(0, Math.round(z * 1000))) : 0;
        depthMm[i] = mm;
        z = mm === 0 ? Number.NaN : mm / 1000;
      }
      depthM[i] = z;
    }
    frames.push({ pose, depthM, trueDepthM, rgba, depthMm });
  }
  return { width, height, intrinsics, frames, lens: opts.lens };
}

/**
 * True surface points seen by the sequence: every `stride`-th pixel of every
 * frame's exact depth, back-projected to the world (xyz triples).
 */
export function sampleSurface(seq: SyntheticSequence, stride: number): Float32Array {
  const out: number[] = [];
  for (const f of seq.frames) {
    for (let v = 0; v < seq.height; v += stride) {
      for (let u = 0; u < seq.width; u += stride) {
        const z = f.trueDepthM[v * seq.width + u];
        if (!Number.isFinite(z)) continue;
        const c = cameraRay(u, v, seq.intrinsics, seq.lens);
        const p = transformPoint(f.pose, { x: c.x * z, y: c.y * z, z });
        out.push(p.x, p.y, p.z);
      }
    }
  }
  return Float32Array.from(out);
}
