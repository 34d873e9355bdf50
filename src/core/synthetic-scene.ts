/**
 * A deterministic synthetic depth scene with known geometry: the bundled demo
 * sample, and ground truth for judging depth filters (what a filter removes
 * from `measuredM` can be scored against `groundTruthM`).
 *
 * Camera frame as in OpenCV: x right, y down, z forward, metres; depth is z
 * (along the optical axis), not the length of the ray.
 */

import { gaussian, mulberry32 } from './seeded-random';

export interface PinholeIntrinsics {
  fx: number;
  fy: number;
  cx: number;
  cy: number;
}

/** What each pixel's ray hits first (values of SyntheticScene.surface). */
export const SURFACE = { wall: 0, floor: 1, sphere: 2, box: 3 } as const;

/**
 * Why a pixel has no reading (values of SyntheticScene.holeCause), so a hole
 * filler can be scored apart on the holes it can close correctly (speckles, a
 * dark patch inside one surface) and those it cannot know (the band at an
 * occluding edge, half foreground and half background). An edge wins over the
 * others where they overlap.
 */
export const HOLE_CAUSE = { none: 0, edge: 1, dark: 2, speckle: 3 } as const;

export interface SyntheticScene {
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
  /** Exact depth of the first surface hit, metres, row-major. Never NaN. */
  groundTruthM: Float32Array;
  /** Ground truth + sensor noise, quantised to 1 mm; NaN = hole (no reading). */
  measuredM: Float32Array;
  /** The surface each pixel sees (SURFACE codes), for per-surface scoring. */
  surface: Uint8Array;
  /** Why each hole of measuredM is there (HOLE_CAUSE codes; none where there is a reading). */
  holeCause: Uint8Array;
}

/** The scene, in camera coordinates (metres). Exported so tests can recompute depths by hand. */
export const SCENE_GEOMETRY = {
  /** Back wall: the plane z = z0 + slopeX * x, a slight yaw so its depth is not constant. */
  wall: { z0: 4, slopeX: 0.1 },
  /** Floor: the plane y = floorY (the camera is 1 m above it; y points down). */
  floorY: 1,
  sphere: { centre: [-0.45, 0.45, 2] as const, radius: 0.5 },
  /** Axis-aligned box standing on the floor, right of centre. */
  box: { min: [0.35, 0.4, 2.6] as const, max: [0.95, 1, 3.2] as const },
  /** A matte-black poster on the wall (x, y ranges on the wall): returns no IR, so no depth. */
  darkPoster: { x: [0.7, 1.3] as const, y: [-1, -0.5] as const },
};

/** Structured-light (Kinect v1 style) axial noise: sigma grows with the square of depth. */
export function sensorSigmaM(z: number): number {
  return 0.0012 + 0.0019 * (z - 0.4) ** 2;
}

/** Base intrinsics are PrimeSense's (f = 525 at 640 x 480); other sizes keep the same field of view. */
export function syntheticIntrinsics(width: number, height: number): PinholeIntrinsics {
  return { fx: (525 * width) / 640, fy: (525 * height) / 480, cx: (width - 1) / 2, cy: (height - 1) / 2 };
}

/** Ray parameter of the first hit along (dx, dy, 1); since the ray's z step is 1, this is also the depth. */
function castRay(dx: number, dy: number): { z: number; surface: number } {
  const g = SCENE_GEOMETRY;
  let z = g.wall.z0 / (1 - g.wall.slopeX * dx); // dx is small, so the wall is always hit
  let surface: number = SURFACE.wall;
  if (dy > 0) {
    const t = g.floorY / dy;
    if (t < z) [z, surface] = [t, SURFACE.floor];
  }
  const [sx, sy, sz] = g.sphere.centre;
  const a = dx * dx + dy * dy + 1;
  const b = dx * sx + dy * sy + sz; // half of -b in the usual quadratic
  const c = sx * sx + sy * sy + sz * sz - g.sphere.radius ** 2;
  const disc = b * b - a * c;
  if (disc >= 0) {
    const t = (b - Math.sqrt(disc)) / a;
    if (t > 0 && t < z) [z, surface] = [t, SURFACE.sphere];
  }
  // Slab test against the box.
  const dir = [dx, dy, 1];
  let tIn = 0;
  let tOut = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    const t0 = g.box.min[k] / dir[k];
    const t1 = g.box.max[k] / dir[k];
    tIn = Math.max(tIn, Math.min(t0, t1));
    tOut = Math.min(tOut, Math.max(t0, t1));
  }
  if (tIn <= tOut && tIn > 0 && tIn < z) [z, surface] = [tIn, SURFACE.box];
  return { z, surface };
}

/** Depth jump between neighbours that counts as an occluding edge (a slope on the floor stays below it). */
function isDepthJump(far: number, near: number): boolean {
  return far - near > 0.05 * far + 0.05;
}

/** Marks every pixel within `radius` (Chebyshev) of a marked one: a separable max filter. */
function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  return dilateAlong(dilateAlong(mask, width, height, radius, 1), width, height, radius, width);
}

/** One pass of dilate: along rows (`step` 1) or along columns (`step` = width). */
function dilateAlong(mask: Uint8Array, width: number, height: number, radius: number, step: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  const length = step === 1 ? width : height;
  for (let i = 0; i < mask.length; i++) {
    const along = step === 1 ? i % width : Math.floor(i / width);
    const from = Math.max(0, along - radius);
    const to = Math.min(length - 1, along + radius);
    let hit = 0;
    for (let k = from; k <= to && !hit; k++) hit = mask[i + (k - along) * step];
    out[i] = hit;
  }
  return out;
}

/** Width of the band of missing data on each side of an occluding edge (pixels). */
const EDGE_BAND_PX = 2;
/** Scattered dropouts: one small disc per this many pixels, radius 1-3 px. */
const PIXELS_PER_SPECKLE = 1000;

function checkSide(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 2 || v > 4096) throw new RangeError(`Synthetic scene ${what} must be a whole number in 2..4096, not ${v}.`);
  return v;
}

export function makeSyntheticScene(opts: { width?: number; height?: number; seed?: number } = {}): SyntheticScene {
  const width = checkSide(opts.width ?? 640, 'width');
  const height = checkSide(opts.height ?? 480, 'height');
  const intrinsics = syntheticIntrinsics(width, height);
  const n = width * height;
  const groundTruthM = new Float32Array(n);
  const surface = new Uint8Array(n);
  const hole = new Uint8Array(n);
  const g = SCENE_GEOMETRY;

  for (let v = 0; v < height; v++) {
    const dy = (v - intrinsics.cy) / intrinsics.fy;
    for (let u = 0; u < width; u++) {
      const dx = (u - intrinsics.cx) / intrinsics.fx;
      const hit = castRay(dx, dy);
      const i = v * width + u;
      groundTruthM[i] = hit.z;
      surface[i] = hit.surface;
      if (hit.surface === SURFACE.wall) {
        const x = hit.z * dx;
        const y = hit.z * dy;
        const p = g.darkPoster;
        if (x >= p.x[0] && x <= p.x[1] && y >= p.y[0] && y <= p.y[1]) hole[i] = HOLE_CAUSE.dark;
      }
    }
  }

  // Occluding edges: the far side of every depth jump, then widened into a band
  // (real sensors lose data there: the projector's shadow and mixed pixels).
  const edge = new Uint8Array(n);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const i = v * width + u;
      const z = groundTruthM[i];
      if (u + 1 < width && isDepthJump(z, groundTruthM[i + 1])) edge[i] = 1;
      if (u > 0 && isDepthJump(z, groundTruthM[i - 1])) edge[i] = 1;
      if (v + 1 < height && isDepthJump(z, groundTruthM[i + width])) edge[i] = 1;
      if (v > 0 && isDepthJump(z, groundTruthM[i - width])) edge[i] = 1;
    }
  }
  const band = dilate(edge, width, height, EDGE_BAND_PX);
  for (let i = 0; i < n; i++) if (band[i]) hole[i] = HOLE_CAUSE.edge;

  const random = mulberry32(opts.seed ?? 1);
  const speckles = Math.round(n / PIXELS_PER_SPECKLE);
  for (let s = 0; s < speckles; s++) {
    const cx = random() * width;
    const cy = random() * height;
    const r = 1 + 2 * random();
    for (let y = Math.max(0, Math.floor(cy - r)); y <= Math.min(height - 1, Math.ceil(cy + r)); y++) {
      for (let x = Math.max(0, Math.floor(cx - r)); x <= Math.min(width - 1, Math.ceil(cx + r)); x++) {
        if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r && !hole[y * width + x]) hole[y * width + x] = HOLE_CAUSE.speckle;
      }
    }
  }

  // One noise draw per pixel, holes included, so the noise field does not
  // depend on where the holes are (changing the hole model keeps the noise).
  const normal = gaussian(random);
  const measuredM = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const z = groundTruthM[i];
    const noisy = z + sensorSigmaM(z) * normal();
    measuredM[i] = hole[i] ? Number.NaN : Math.round(noisy * 1000) / 1000;
  }
  return { width, height, intrinsics, groundTruthM, measuredM, surface, holeCause: hole };
}

/** The measured depth as a 16-bit millimetre image (0 = hole), the layout of most depth PNGs. */
export function measuredAsMillimetres(scene: SyntheticScene): Uint16Array {
  const out = new Uint16Array(scene.measuredM.length);
  for (let i = 0; i < out.length; i++) {
    const z = scene.measuredM[i];
    out[i] = Number.isNaN(z) ? 0 : Math.min(0xffff, Math.max(1, Math.round(z * 1000)));
  }
  return out;
}
