/**
 * "Keep the last N frames" in the 3-D view: the clouds of the frames before the
 * current one, each drawn at its own pose in the recording's world (the camera
 * path's group, placed relative to the current camera), so the scene builds up
 * as the recording steps or plays. Which frames are kept is core/kept-ring.ts's
 * rule; this class holds the ring of N - 1 GPU buffers. When the timeline leaves
 * a frame, its back-projected, filtered points (the live cloud's buffer) are
 * copied GPU to GPU into a ring buffer, submitted before the next frame is
 * back-projected there and before the live cloud's object may be remade (a new
 * colour frame's size makes a new one): nothing is read back. Buffers are
 * made when first written, reused, and destroyed when N or the grid changes,
 * the recording closes, or the view goes (a lost device remounts the view).
 * Each frame's colour image (the live cloud's packed-RGBA lookup buffer) is
 * copied beside its points, GPU to GPU, with the intrinsics that re-project a
 * point to its pixel there, so a kept cloud is coloured as the live cloud was
 * when its frame was shown: by that colour image while the live cloud's colour
 * mode is "colour image", else by depth with the current colormap and range.
 * Kept clouds are points whatever the live cloud's surface, and are not picked
 * by measuring (cloud-picking.ts sees the current frame only).
 */
import * as THREE from 'three';
import { StorageBufferAttribute, type Node } from 'three/webgpu';
import { uniform } from 'three/tsl';
import { keptBytes, KeptRing, type KeptAdvance } from '../core/kept-ring';
import type { RigidTransform } from '../core/recording';
import { readBufferF32 } from '../gpu/readback';
import { gpuBufferOf, imagePosition, packedColourAt, pixelGridUniforms, sharedStorage, type BackendAccess, type PixelGrid } from './three-gpu';
import { pointSprites, type PointNode, type PointSprites } from './point-sprites';
import { poseMatrix } from './trajectory-view';

interface Slot {
  sprites: PointSprites;
  points: GPUBuffer;
  /** The kept frame's pose (camera-to-world) as the sprites' parent. */
  placed: THREE.Group;
  /** The kept frame's colour image (null: the ring keeps none) and where its points meet it. */
  colours: { attribute: StorageBufferAttribute; buffer: GPUBuffer } | null;
  grid: PixelGrid;
  /** 1 when the kept frame came with a colour image. */
  hasColour: PixelGrid['fx'];
}

/** The live cloud's colour image as drawn (its packed-RGBA buffer) and the intrinsics that re-project its points there. */
export interface KeptColour {
  buffer: GPUBuffer;
  width: number;
  height: number;
  grid: { fx: number; fy: number; cx: number; cy: number; width: number; height: number };
}

/** One kept cloud as a test reads it back: its points (xyzw per grid point) and the matrix from them to the current camera's frame. */
export interface KeptCloudReadback {
  frame: number;
  /** Column-major 4x4 (three.js's order): kept frame's camera -> current frame's camera (OpenCV axes). */
  matrix: number[];
  points: number[];
  /** The kept frame's colour image, packed RGBA (red the low byte), row by row; empty when none was kept. */
  colours: number[];
  colourWidth: number;
  colourHeight: number;
}

/** What the view draws next: the ring's input (core/kept-ring.ts) and the live cloud's colour image (null: none). */
export interface KeptFrameInput extends KeptAdvance<GPUBuffer> {
  colour: KeptColour | null;
}

export class KeptClouds {
  private slots: (Slot | null)[] = [];
  /** Which frames the ring holds and which one the live buffer holds (core/kept-ring.ts). */
  private readonly ring = new KeptRing<GPUBuffer>();
  private grid = { columns: 0, rows: 0, colourWidth: 0, colourHeight: 0 };
  /** 1 while the live cloud is coloured by its colour image: kept clouds with one follow it. */
  private readonly byImage = uniform(0);

  constructor(
    private readonly device: GPUDevice,
    private readonly gl: BackendAccess,
    private readonly parent: THREE.Object3D,
    private readonly size: Node<'float'>,
    private readonly byDepth: (z: Node<'float'>) => Node<'vec3'>,
  ) {}

  /** The live cloud's colour mode: by its colour image (true) or by depth. */
  colourByImage(on: boolean): void {
    this.byImage.value = on ? 1 : 0;
  }

  /**
   * Called before the view draws `input.frame`: copies the frame being left
   * (still in the live buffer) into the ring when the rule keeps it.
   */
  keep(input: KeptFrameInput): void {
    const { colour } = input;
    const plan = this.ring.advance({ ...input, colourSize: colour });
    if (plan.reset) {
      this.destroySlots();
      this.grid = { columns: input.columns, rows: input.rows, colourWidth: colour?.width ?? 0, colourHeight: colour?.height ?? 0 };
      this.slots = Array.from({ length: plan.slots }, () => null);
    }
    if (plan.write && input.live) {
      const slot = this.slotAt(plan.write.slot);
      const encoder = this.device.createCommandEncoder({ label: 'kept cloud' });
      encoder.copyBufferToBuffer(input.live, 0, slot.points, 0, keptBytes(this.count, 1));
      if (slot.colours && colour) {
        encoder.copyBufferToBuffer(colour.buffer, 0, slot.colours.buffer, 0, keptBytes(0, 1, this.colourPixels));
        for (const k of ['fx', 'fy', 'cx', 'cy', 'width', 'height'] as const) slot.grid[k].value = colour.grid[k];
      }
      slot.hasColour.value = slot.colours && colour ? 1 : 0;
      this.device.queue.submit([encoder.finish()]);
      slot.placed.matrix.copy(poseMatrix(this.ring.pose(plan.write.frame) as RigidTransform));
      slot.placed.matrixWorldNeedsUpdate = true;
    }
    const shown = new Set(plan.entries.map((e) => e.slot));
    this.slots.forEach((s, k) => {
      if (s) s.placed.visible = shown.has(k);
    });
  }

  /** The live buffer now holds `frame`'s cloud (after the view back-projected it). */
  drew(live: GPUBuffer, frame: number): void {
    this.ring.drew(live, frame);
  }

  private slotAt(k: number): Slot {
    const existing = this.slots[k];
    if (existing) return existing;
    const attribute = new StorageBufferAttribute(new Float32Array(this.count * 4), 4);
    this.gl.backend.createStorageAttribute(attribute);
    const { colourWidth: w, colourHeight: h } = this.grid;
    const colours = this.colourPixels > 0 ? sharedStorage(this.gl, new Uint32Array(this.colourPixels), 1) : null;
    const grid = pixelGridUniforms();
    const hasColour = uniform(0);
    const colourAt = colours ? packedColourAt(colours.attribute, w, h) : null;
    // The live cloud's rule (cloud-view.ts): its colour image re-projected, or the colormap by depth.
    const colour = (p: PointNode) => (colourAt ? this.byImage.mul(hasColour).equal(1).select(colourAt(...imagePosition(grid, p)), this.byDepth(p.z)) : this.byDepth(p.z));
    const sprites = pointSprites(attribute, this.grid.columns, this.grid.rows, this.size, colour);
    const placed = new THREE.Group();
    placed.name = 'kept cloud';
    placed.matrixAutoUpdate = false;
    placed.add(sprites.mesh);
    this.parent.add(placed);
    const slot = { sprites, points: gpuBufferOf(this.gl, attribute), placed, colours, grid, hasColour };
    this.slots[k] = slot;
    return slot;
  }

  /** The frames drawn at their poses, the current one included (0 frames when keeping is off or nothing is kept yet). */
  frames(current: number): number[] {
    if (this.slots.length === 0 || !this.parent.visible || !this.ring.placed) return [];
    return [...this.ring.kept.map((e) => e.frame), current].sort((a, b) => a - b);
  }

  /** Bytes the ring's buffers hold on the GPU. */
  get bytes(): number {
    return keptBytes(this.count, this.slots.filter((s) => s !== null).length, this.colourPixels);
  }

  private get count(): number {
    return this.grid.columns * this.grid.rows;
  }

  private get colourPixels(): number {
    return this.grid.colourWidth * this.grid.colourHeight;
  }

  thin(s: number): void {
    for (const slot of this.slots) slot?.sprites.thin(s);
  }

  get keptCount(): number {
    return this.ring.kept.length;
  }

  /** For tests only, never per frame: the kept clouds' points read back with the matrices that place them. */
  async readBack(): Promise<KeptCloudReadback[]> {
    const out: KeptCloudReadback[] = [];
    for (const e of this.ring.kept) {
      const slot = this.slots[e.slot] as Slot;
      const matrix = new THREE.Matrix4().multiplyMatrices(this.parent.matrix, slot.placed.matrix);
      const points = [...(await readBufferF32(this.device, slot.points, this.count * 4))];
      // The packed pixels' bits, not their values as floats.
      const colours = slot.colours && slot.hasColour.value === 1 ? [...new Uint32Array((await readBufferF32(this.device, slot.colours.buffer, this.colourPixels)).buffer)] : [];
      out.push({ frame: e.frame, matrix: matrix.toArray(), points, colours, colourWidth: this.grid.colourWidth, colourHeight: this.grid.colourHeight });
    }
    return out;
  }

  /** Empties the ring and destroys its buffers. */
  clear(): void {
    this.destroySlots();
    this.ring.clear();
  }

  private destroySlots(): void {
    for (const slot of this.slots) {
      if (!slot) continue;
      slot.placed.removeFromParent();
      slot.sprites.dispose();
      this.gl.backend.destroyAttribute(slot.sprites.attribute);
      if (slot.colours) this.gl.backend.destroyAttribute(slot.colours.attribute);
    }
    this.slots = [];
  }
}
