/**
 * The comparison's reference in 3-D: its depth on the map's grid, back-projected
 * with the map's intrinsics into a second point cloud drawn over the map's, in
 * its own colour, so a scale or shift error between the two shows at a glance.
 * The reference goes to the GPU once per reference and grid size; each update
 * only re-runs its back-projection (stride, intrinsics and ray length follow the map's).
 */
import * as THREE from 'three';
import { StorageBufferAttribute, type Node } from 'three/webgpu';
import { cloudSize } from '../core/backproject';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { BackprojectPass } from '../gpu/backproject-pass';
import { uploadF32 } from '../gpu/readback';
import { gpuBufferOf, type BackendAccess } from './three-gpu';
import { pointSprites, type PointSprites } from './point-sprites';
import { REFERENCE_TINT, tintNode } from './overlay-tints';

interface Drawn {
  key: string;
  sprites: PointSprites;
  points: GPUBuffer;
}

export class ReferenceCloud {
  private readonly pass: BackprojectPass;
  private drawn: Drawn | null = null;
  private upload: { of: Float32Array; buffer: GPUBuffer } | null = null;

  constructor(
    private readonly renderer: BackendAccess,
    private readonly device: GPUDevice,
    private readonly root: THREE.Group,
    private readonly size: Node<'float'>,
  ) {
    this.pass = new BackprojectPass(device);
  }

  /** Back-projects `depth` (the reference on the map's width x height grid; null: no overlay) on `encoder`. */
  encode(encoder: GPUCommandEncoder, depth: Float32Array | null, grid: { width: number; height: number }, intr: PinholeIntrinsics, stride: number, rayLength: boolean): void {
    if (!depth) return this.clear();
    const { columns, rows, count } = cloudSize(grid.width, grid.height, stride);
    const key = `${columns}x${rows}`;
    if (this.drawn?.key !== key) {
      this.clearDrawn();
      const attribute = new StorageBufferAttribute(new Float32Array(count * 4), 4);
      this.renderer.backend.createStorageAttribute(attribute);
      const tint = tintNode(REFERENCE_TINT);
      const sprites = pointSprites(attribute, columns, rows, this.size, () => tint);
      this.root.add(sprites.mesh);
      this.drawn = { key, sprites, points: gpuBufferOf(this.renderer, attribute) };
    }
    if (this.upload?.of !== depth) {
      this.upload?.buffer.destroy();
      this.upload = { of: depth, buffer: uploadF32(this.device, depth, 'reference depth') };
    }
    this.pass.encode(encoder, this.upload.buffer, grid, intr, stride, rayLength, this.drawn.points);
  }

  get shown(): boolean {
    return this.drawn !== null;
  }

  thin(s: number): void {
    this.drawn?.sprites.thin(s);
  }

  private clearDrawn(): void {
    if (!this.drawn) return;
    this.root.remove(this.drawn.sprites.mesh);
    this.drawn.sprites.dispose();
    this.renderer.backend.destroyAttribute(this.drawn.sprites.attribute);
    this.drawn = null;
  }

  clear(): void {
    this.clearDrawn();
    this.upload?.buffer.destroy();
    this.upload = null;
  }

  dispose(): void {
    this.clear();
    this.pass.destroy();
  }
}
