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
 * Kept clouds are points coloured by depth (the colour frame of an old frame is
 * not kept), whatever the live cloud's surface or colouring.
 */
import * as THREE from 'three';
import { StorageBufferAttribute, type Node } from 'three/webgpu';
import { keptBytes, KeptRing, type KeptAdvance } from '../core/kept-ring';
import type { RigidTransform } from '../core/recording';
import { readBufferF32 } from '../gpu/readback';
import { gpuBufferOf, type BackendAccess } from './three-gpu';
import { pointSprites, type PointNode, type PointSprites } from './point-sprites';
import { poseMatrix } from './trajectory-view';

interface Slot {
  sprites: PointSprites;
  points: GPUBuffer;
  /** The kept frame's pose (camera-to-world) as the sprites' parent. */
  placed: THREE.Group;
}

/** One kept cloud as a test reads it back: its points (xyzw per grid point) and the matrix from them to the current camera's frame. */
export interface KeptCloudReadback {
  frame: number;
  /** Column-major 4x4 (three.js's order): kept frame's camera -> current frame's camera (OpenCV axes). */
  matrix: number[];
  points: number[];
}

export class KeptClouds {
  private slots: (Slot | null)[] = [];
  /** Which frames the ring holds and which one the live buffer holds (core/kept-ring.ts). */
  private readonly ring = new KeptRing<GPUBuffer>();
  private grid = { columns: 0, rows: 0 };

  constructor(
    private readonly device: GPUDevice,
    private readonly gl: BackendAccess,
    private readonly parent: THREE.Object3D,
    private readonly size: Node<'float'>,
    private readonly colour: (p: PointNode) => Node<'vec3'>,
  ) {}

  /**
   * Called before the view draws `input.frame`: copies the frame being left
   * (still in the live buffer) into the ring when the rule keeps it.
   */
  keep(input: KeptAdvance<GPUBuffer>): void {
    const plan = this.ring.advance(input);
    if (plan.reset) {
      this.destroySlots();
      this.grid = { columns: input.columns, rows: input.rows };
      this.slots = Array.from({ length: plan.slots }, () => null);
    }
    if (plan.write && input.live) {
      const slot = this.slotAt(plan.write.slot);
      const encoder = this.device.createCommandEncoder({ label: 'kept cloud' });
      encoder.copyBufferToBuffer(input.live, 0, slot.points, 0, keptBytes(this.count, 1));
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
    const sprites = pointSprites(attribute, this.grid.columns, this.grid.rows, this.size, this.colour);
    const placed = new THREE.Group();
    placed.name = 'kept cloud';
    placed.matrixAutoUpdate = false;
    placed.add(sprites.mesh);
    this.parent.add(placed);
    const slot = { sprites, points: gpuBufferOf(this.gl, attribute), placed };
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
    return keptBytes(this.count, this.slots.filter((s) => s !== null).length);
  }

  private get count(): number {
    return this.grid.columns * this.grid.rows;
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
      out.push({ frame: e.frame, matrix: matrix.toArray(), points: [...(await readBufferF32(this.device, slot.points, this.count * 4))] });
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
    }
    this.slots = [];
  }
}
