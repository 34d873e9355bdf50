/**
 * The AR preview's per-pixel occlusion in TSL (three.js's shading language):
 * a virtual fragment finds the depth pixel it falls on by projecting its own
 * position with the depth camera's intrinsics (not by screen position, so it
 * holds at any canvas size and with decimation), reads the real depth there,
 * and fades out where the real surface is nearer. The view is the rectified
 * one (a pinhole virtual camera), so the lookup goes through the depth camera's
 * lens: the fragment's undistorted ray is distorted to find the depth pixel, and
 * a ray length is turned into z along that pixel's undistorted ray. The
 * reference and the rule (soft band, holes hide nothing) are in core/occlusion.ts.
 */
import * as THREE from 'three';
import type { Node } from 'three/webgpu';
import { MeshBasicNodeMaterial, MeshStandardNodeMaterial } from 'three/webgpu';
import { clamp, float, floatBitsToUint, floor, mix, positionView, smoothstep, sqrt, storage, uniform, vec2, vec3 } from 'three/tsl';
import { hasDistortion, LIBREALSENSE_UNDISTORT_ITERATIONS, type LensDistortion } from '../core/distortion';
import { MIN_HALF_BAND } from '../core/occlusion';

type FloatNode = Node<'float'>;
type Vec2Node = Node<'vec2'>;

/** The lens's coefficients as shader constants (the grid is rebuilt when the lens changes); null: the pinhole. */
interface LensConstants {
  k: readonly number[];
  inverse: boolean;
}

const radial = (l: LensConstants, r2: FloatNode) => r2.mul(l.k[4]).add(l.k[1]).mul(r2).add(l.k[0]).mul(r2).add(1);

/** Tangential terms at t (the point itself, or the inverse model's radially scaled one), r2 the unscaled radius squared. */
const tangential = (l: LensConstants, t: Vec2Node, r2: FloatNode) =>
  vec2(
    t.x.mul(t.y).mul(2 * l.k[2]).add(r2.add(t.x.mul(t.x).mul(2)).mul(l.k[3])),
    t.x.mul(t.y).mul(2 * l.k[3]).add(r2.add(t.y.mul(t.y).mul(2)).mul(l.k[2])),
  );

/** distortNormalised (core/distortion.ts) in TSL. */
function distort(l: LensConstants | null, p: Vec2Node): Vec2Node {
  if (!l) return p;
  const r2 = p.dot(p).toVar();
  const f = radial(l, r2).toVar();
  return p.mul(f).add(tangential(l, l.inverse ? p.mul(f) : p, r2));
}

/** undistortNormalised in TSL: librealsense's fixed-point steps, unrolled (each step a variable, so the code stays linear). */
function undistort(l: LensConstants | null, d: Vec2Node): Vec2Node {
  if (!l) return d;
  let p = d;
  for (let i = 0; i < LIBREALSENSE_UNDISTORT_ITERATIONS; i++) {
    const r2 = p.dot(p).toVar();
    const icdist = float(1).div(radial(l, r2)).toVar();
    p = d.sub(tangential(l, l.inverse ? p.div(icdist) : p, r2)).mul(icdist).toVar();
  }
  return p;
}

/**
 * Colours of the mask view as 8-bit RGB on screen (the canvas writes values
 * as they are: no tone mapping, no colour-space conversion): virtual surface
 * seen, virtual surface hidden by the real one.
 */
export const MASK_SEEN: readonly [number, number, number] = [47, 208, 106];
export const MASK_HIDDEN: readonly [number, number, number] = [224, 52, 60];
const rgb = (c: readonly number[]) => vec3(c[0] / 255, c[1] / 255, c[2] / 255);

/**
 * The filtered depth (a storage buffer three.js owns; the chain's output is
 * copied into it) and the lookups built on it. One per depth grid size.
 */
export function realDepth(attribute: THREE.BufferAttribute, width: number, height: number, lensInForce: LensDistortion | null) {
  const depth = storage(attribute, 'float', width * height).toReadOnly();
  const u = {
    fx: uniform(1),
    fy: uniform(1),
    cx: uniform(0),
    cy: uniform(0),
    rayLength: uniform(0),
    halfBand: uniform(MIN_HALF_BAND),
  };
  const lens = lensInForce && hasDistortion(lensInForce) ? { k: lensInForce.coeffs, inverse: lensInForce.distortion === 'inverse-brown-conrady' } : null;

  /** The depth pixel seen along undistorted ray (x, y) (core/occlusion.ts's depthPixelOfRay). */
  const pixelOfRay = (x: FloatNode, y: FloatNode) => {
    const d = distort(lens, vec2(x, y));
    return {
      iu: clamp(floor(u.fx.mul(d.x).add(u.cx).add(0.5)), 0, width - 1),
      iv: clamp(floor(u.fy.mul(d.y).add(u.cy).add(0.5)), 0, height - 1),
    };
  };

  /** The real z (metres along the optical axis) at grid pixel (iu, iv); 0 where there is none. */
  const zAtPixel = (iu: FloatNode, iv: FloatNode) => {
    const d = depth.element(iv.mul(width).add(iu).toUint());
    const bits = floatBitsToUint(d) as unknown as Node<'uint'>; // the typings lose the node type
    const valid = bits.bitAnd(0x7f800000).notEqual(0x7f800000).and(d.greaterThan(0));
    let z: FloatNode = d;
    if (lens) {
      const ray = undistort(lens, vec2(iu.sub(u.cx).div(u.fx), iv.sub(u.cy).div(u.fy)));
      z = u.rayLength.equal(1).select(d.div(sqrt(ray.dot(ray).add(1))), d);
    } else {
      const a = iu.sub(u.cx).div(u.fx);
      const b = iv.sub(u.cy).div(u.fy);
      z = u.rayLength.equal(1).select(d.div(sqrt(a.mul(a).add(b.mul(b)).add(1))), d);
    }
    return valid.select(z, float(0));
  };

  /** 1 where the fragment at view-space position `pv` is seen, 0 where the real surface hides it. */
  const visibility = () => {
    // three.js view space (y up, z towards the viewer) -> depth camera frame.
    const x = positionView.x;
    const y = positionView.y.negate();
    const z = positionView.z.negate();
    const { iu, iv } = lens
      ? pixelOfRay(x.div(z), y.div(z))
      : { iu: clamp(floor(u.fx.mul(x).div(z).add(u.cx).add(0.5)), 0, width - 1), iv: clamp(floor(u.fy.mul(y).div(z).add(u.cy).add(0.5)), 0, height - 1) };
    const zReal = zAtPixel(iu, iv);
    const seen = smoothstep(u.halfBand.negate(), u.halfBand, zReal.sub(z));
    return zReal.greaterThan(0).select(seen, float(1));
  };

  return { uniforms: u, lens: lensInForce, pixelOfRay, zAtPixel, visibility };
}

export type RealDepth = ReturnType<typeof realDepth>;

/** The composite's material for a virtual surface: lit, fading out where hidden. */
export function occludedMaterial(real: RealDepth, colour: THREE.ColorRepresentation, map: THREE.Texture | null = null): THREE.Material {
  const m = new MeshStandardNodeMaterial({ color: colour, map, roughness: 0.55, metalness: 0.05, transparent: true });
  m.opacityNode = real.visibility();
  return m;
}

/** The mask view's material: green where the virtual surface is seen, red where the real one hides it. */
export function maskMaterial(real: RealDepth): THREE.Material {
  const m = new MeshBasicNodeMaterial();
  m.colorNode = mix(rgb(MASK_HIDDEN), rgb(MASK_SEEN), real.visibility());
  return m;
}

/** Half the soft band, floored so that smoothstep never divides by zero. */
export function halfBand(bandM: number): number {
  return Math.max(bandM / 2, MIN_HALF_BAND);
}
