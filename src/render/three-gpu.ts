/**
 * What the three.js views (3-D cloud, AR preview) share: a WebGPURenderer on
 * the app's one GPUDevice, storage buffers that three.js owns and our kernels
 * write into, and the colour lookups their materials use (the depth colormap,
 * or the paired colour frame read at a normalised image position).
 */
import * as THREE from 'three';
import type { Node } from 'three/webgpu';
import { StorageBufferAttribute, WebGPURenderer } from 'three/webgpu';
import { clamp, float, floor, min, storage, texture, uniform, vec2, vec3 } from 'three/tsl';
import type { GpuContext } from '../gpu/gpu-context';
import type { ColourImage } from '../core/colour-image';

/** The parts of three.js's WebGPU backend we reach into to share buffers with our kernels. */
export interface BackendAccess {
  backend: {
    createStorageAttribute(a: THREE.BufferAttribute): void;
    createIndexAttribute(a: THREE.BufferAttribute): void;
    destroyAttribute(a: THREE.BufferAttribute): void;
    get(o: object): { buffer?: GPUBuffer };
    device: GPUDevice;
  };
}

/** What the view draws with: R3F's renderer, camera and scene, and its request for a new frame. */
export interface ThreeContext {
  renderer: BackendAccess & { domElement: HTMLCanvasElement };
  camera: THREE.Camera;
  scene: THREE.Scene;
  invalidate: () => void;
}

/** R3F's `gl` factory: a WebGPURenderer on the shared device, so our buffers are its buffers. */
export function rendererFactory(gpu: GpuContext) {
  return async (props: { canvas: HTMLCanvasElement | OffscreenCanvas }) => {
    const renderer = new WebGPURenderer({ canvas: props.canvas as HTMLCanvasElement, device: gpu.device, antialias: false, alpha: false });
    await renderer.init();
    return renderer;
  };
}

/** The GPUBuffer three.js made for `a` (after createStorageAttribute / createIndexAttribute). */
export function gpuBufferOf(renderer: BackendAccess, a: THREE.BufferAttribute): GPUBuffer {
  const buffer = renderer.backend.get(a).buffer;
  if (!buffer) throw new Error('three.js did not create the GPU buffer');
  return buffer;
}

/** A storage buffer three.js owns and our compute passes may write: `count` elements of `itemSize` floats or u32. */
export function sharedStorage(renderer: BackendAccess, array: Float32Array | Uint32Array, itemSize: number) {
  const attribute = new StorageBufferAttribute(array, itemSize);
  renderer.backend.createStorageAttribute(attribute);
  return { attribute, buffer: gpuBufferOf(renderer, attribute) };
}

/** A 256 x 1 texture of the colormap, for colour lookups in materials. */
export function colormapTexture(table: Uint8Array): THREE.DataTexture {
  const rgba = new Uint8Array(256 * 4);
  for (let i = 0; i < 256; i++) rgba.set([table[3 * i], table[3 * i + 1], table[3 * i + 2], 255], 4 * i);
  const t = new THREE.DataTexture(rgba, 256, 1);
  t.magFilter = THREE.NearestFilter;
  t.minFilter = THREE.NearestFilter;
  t.colorSpace = THREE.NoColorSpace;
  t.needsUpdate = true;
  return t;
}

type FloatNode = Node<'float'>;

/** Depth colouring: the colormap over [lo, hi], reversible; the uniforms are updated in place. */
export function depthColouring(table: Uint8Array) {
  const lut = { texture: colormapTexture(table) };
  const lutNode = texture(lut.texture);
  const u = { lo: uniform(0), hi: uniform(1), reverse: uniform(0) };
  return {
    uniforms: u,
    colour(z: FloatNode) {
      const t = clamp(z.sub(u.lo).div(u.hi.sub(u.lo)), 0, 1);
      const s = u.reverse.equal(1).select(float(1).sub(t), t);
      return lutNode.sample(vec2(s.mul(255 / 256).add(0.5 / 256), 0.5)).rgb;
    },
    setTable(next: Uint8Array) {
      lut.texture.dispose();
      lut.texture = colormapTexture(next);
      lutNode.value = lut.texture;
    },
    /** Follows the view's colour settings: range in metres (null keeps the last), reversal, colormap. */
    follow(range: readonly [number, number] | null, reverse: boolean, table: Uint8Array) {
      if (range) {
        u.lo.value = range[0];
        u.hi.value = range[1];
      }
      u.reverse.value = reverse ? 1 : 0;
      this.setTable(table);
    },
    dispose() {
      lut.texture.dispose();
    },
  };
}

/** The RGBA bytes as one u32 per pixel (a copy; little-endian, so red is the low byte). */
function packedRgba(colour: ColourImage): Uint32Array<ArrayBuffer> {
  const bytes = new Uint8Array(colour.width * colour.height * 4);
  bytes.set(colour.rgba.subarray(0, bytes.length));
  return new Uint32Array(bytes.buffer);
}

/** A w x h packed-RGBA storage buffer's colour at a normalised image position: the nearest-pixel rule of core/colour-image.ts colourIndexAt. */
export function packedColourAt(attribute: StorageBufferAttribute, w: number, h: number) {
  const node = storage(attribute, 'uint', w * h).toReadOnly();
  return (nx: FloatNode, ny: FloatNode) => {
    const x = min(floor(nx.mul(w)), w - 1).toUint();
    const y = min(floor(ny.mul(h)), h - 1).toUint();
    const c = node.element(y.mul(w).add(x));
    const byte = (shift: number) => c.shiftRight(shift).bitAnd(255).toFloat().div(255);
    return vec3(byte(0), byte(8), byte(16));
  };
}

/** Where a cloud's points meet their colour frame: the (decimated) intrinsics and image size, as uniforms updated in place. */
export function pixelGridUniforms() {
  return { fx: uniform(1), fy: uniform(1), cx: uniform(0), cy: uniform(0), width: uniform(1), height: uniform(1) };
}
export type PixelGrid = ReturnType<typeof pixelGridUniforms>;

/** The normalised image position a camera-frame point re-projects to on `g` (nearest pixel: + 0.5). */
export function imagePosition(g: PixelGrid, p: Node<'vec4'>): [FloatNode, FloatNode] {
  const nx = g.fx.mul(p.x).div(p.z).add(g.cx).add(0.5).div(g.width);
  const ny = g.fy.mul(p.y).div(p.z).add(g.cy).add(0.5).div(g.height);
  return [nx, ny];
}

/**
 * The colour frame as a storage buffer of packed RGBA (one u32 per pixel) and
 * its lookup at a normalised image position (nx, ny in [0, 1), from the top
 * left): the same nearest-pixel rule as core/colour-image.ts colourIndexAt.
 */
let colourFrames = 0;

export function colourFrame(renderer: BackendAccess, colour: ColourImage) {
  const packed = packedRgba(colour);
  const { attribute, buffer } = sharedStorage(renderer, packed, 1);
  const w = colour.width;
  const h = colour.height;
  return {
    /** Tells this upload from the next (materials built on it must be rebuilt). */
    id: ++colourFrames,
    /** The packed pixels on the GPU (kept clouds copy them) and their size. */
    buffer,
    width: w,
    height: h,
    colourAt: packedColourAt(attribute, w, h),
    /**
     * Puts `next` in place of this frame when it has the same size (a live camera's next
     * frame), so the materials reading it stay; false when it does not fit.
     */
    replace(next: ColourImage): boolean {
      if (next.width !== w || next.height !== h) return false;
      renderer.backend.device.queue.writeBuffer(buffer, 0, packedRgba(next));
      return true;
    },
    dispose() {
      renderer.backend.destroyAttribute(attribute);
    },
  };
}
