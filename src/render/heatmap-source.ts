/**
 * Where the heatmap texture comes from: the WGSL colormap kernel on the shared
 * device (WebGPU), or the same mapping on the CPU (fallback). Both keep their
 * texture for as long as the image size stays the same.
 */
import * as THREE from 'three';
import { HeatmapPass } from '../gpu/heatmap-pass';
import { colorize, type ColorizeParams } from '../core/colorize';

export interface HeatmapSource {
  /** Uploads a new depth field; returns true when the texture object was replaced. */
  setDepth(depth: Float32Array, width: number, height: number): boolean;
  /** Recolours with a table (256x3 RGB) and parameters. */
  update(table: Uint8Array, params: ColorizeParams): void;
  readonly texture: THREE.Texture | null;
  dispose(): void;
}

function configure(t: THREE.Texture): THREE.Texture {
  // Nearest: zoomed-in pixels stay square and show their exact colour.
  t.magFilter = THREE.NearestFilter;
  t.minFilter = THREE.NearestFilter;
  t.generateMipmaps = false;
  t.colorSpace = THREE.NoColorSpace;
  return t;
}

export class GpuHeatmapSource implements HeatmapSource {
  private readonly pass: HeatmapPass;
  texture: THREE.Texture | null = null;
  private gpuTexture: GPUTexture | null = null;

  constructor(device: GPUDevice) {
    this.pass = new HeatmapPass(device);
  }

  setDepth(depth: Float32Array, width: number, height: number): boolean {
    this.pass.setDepth(depth, width, height);
    if (this.pass.texture === this.gpuTexture) return false;
    this.texture?.dispose();
    this.gpuTexture = this.pass.texture;
    this.texture = configure(new THREE.ExternalTexture(this.gpuTexture));
    return true;
  }

  update(table: Uint8Array, params: ColorizeParams): void {
    this.pass.setTable(table);
    this.pass.setParams(params);
    this.pass.run();
  }

  dispose(): void {
    this.texture?.dispose();
    this.pass.destroy();
  }
}

export class CpuHeatmapSource implements HeatmapSource {
  texture: THREE.DataTexture | null = null;
  private depth: Float32Array | null = null;
  private width = 0;
  private height = 0;

  setDepth(depth: Float32Array, width: number, height: number): boolean {
    this.depth = depth;
    if (this.texture && width === this.width && height === this.height) return false;
    this.texture?.dispose();
    this.width = width;
    this.height = height;
    this.texture = configure(new THREE.DataTexture(new Uint8Array(width * height * 4), width, height)) as THREE.DataTexture;
    return true;
  }

  update(table: Uint8Array, params: ColorizeParams): void {
    if (!this.texture || !this.depth) return;
    colorize(this.depth, this.width, this.height, table, params, this.texture.image.data as Uint8Array<ArrayBuffer>);
    this.texture.needsUpdate = true;
  }

  dispose(): void {
    this.texture?.dispose();
  }
}
