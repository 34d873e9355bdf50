/**
 * One reconstruction's GPU objects on the shared device: the TSDF volume
 * (gpu/tsdf-pass.ts), the colour buffer a frame's RGB goes through, and
 * marching cubes (gpu/marching-cubes-pass.ts), made once and reused for every
 * frame. Per frame: the chain's filtered depth (already on the device) and
 * the colour upload are integrated and the volume's three counters read back
 * (12 bytes), never an image or a voxel. The mesh is read back only when
 * asked for (every few frames and on demand).
 */
import type { LensDistortion } from '../core/distortion';
import { colourIndexAt, type ColourImage } from '../core/colour-image';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import type { RigidTransform } from '../core/recording';
import { BYTES_PER_BLOCK, formatBytes, type TsdfSettings } from '../core/tsdf';
import { MarchingCubesPass, unpackMcVertices } from '../gpu/marching-cubes-pass';
import { storageBuffer } from '../gpu/stages/kernel';
import { TsdfGpuVolume, type TsdfGpuStatus } from '../gpu/tsdf-pass';
import type { FusedMesh } from '../state/recon-store';

/** Why the device cannot hold a volume of this budget, or null. */
export function budgetProblem(device: GPUDevice, s: TsdfSettings): string | null {
  const bytes = s.blockBudget * BYTES_PER_BLOCK;
  const limit = device.limits.maxStorageBufferBindingSize;
  return bytes > limit ? `A budget of ${formatBytes(bytes)} is more than this GPU binds in one buffer (${formatBytes(limit)}): lower the budget.` : null;
}

/** RGBA of the colour frame on a width x height depth grid (nearest pixel, as the cloud colours it), packed one u32 a pixel. */
function registeredColour(colour: ColourImage, width: number, height: number): Uint32Array {
  if (colour.width === width && colour.height === height) return new Uint32Array(colour.rgba.buffer, colour.rgba.byteOffset, width * height);
  const out = new Uint8Array(4 * width * height);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const k = 4 * colourIndexAt(colour, u, v, width, height);
      out.set(colour.rgba.subarray(k, k + 4), 4 * (v * width + u));
    }
  }
  return new Uint32Array(out.buffer);
}

export class ReconVolume {
  readonly volume: TsdfGpuVolume;
  private colour: GPUBuffer | null = null;
  private colourPixels = 0;
  private mc: MarchingCubesPass | null = null;

  constructor(
    private readonly device: GPUDevice,
    readonly settings: TsdfSettings,
  ) {
    this.volume = new TsdfGpuVolume(device, settings);
  }

  /** The frame's colour on the device, registered with its width x height depth (RGBA8 words; the buffer is reused), or null without colour. */
  uploadColour(colour: ColourImage | null, width: number, height: number): GPUBuffer | null {
    if (!colour) return null;
    if (this.colourPixels !== width * height) {
      this.colour?.destroy();
      this.colour = storageBuffer(this.device, 'recon-colour', width * height);
      this.colourPixels = width * height;
    }
    const rgba = registeredColour(colour, width, height);
    this.device.queue.writeBuffer(this.colour!, 0, rgba.buffer, rgba.byteOffset, rgba.byteLength);
    return this.colour;
  }

  /** Integrates one frame whose depth (f32 metres) and colour (uploadColour's, or null) are on the device, seen through `lens` (null: a pinhole); the counters after it. */
  async integrate(depth: GPUBuffer, colour: GPUBuffer | null, width: number, height: number, intr: PinholeIntrinsics, pose: RigidTransform, lens: LensDistortion | null = null): Promise<TsdfGpuStatus> {
    const encoder = this.device.createCommandEncoder({ label: 'recon-frame' });
    const refused = this.volume.encode(encoder, depth, colour, width, height, intr, pose, lens ?? undefined);
    if (refused) throw new RangeError(refused);
    this.device.queue.submit([encoder.finish()]);
    return this.volume.status(true);
  }

  /** Marching cubes over the blocks so far, read back (the pass grows when the mesh outgrows it). */
  async extract(framesIntegrated: number): Promise<FusedMesh> {
    const { blocks } = await this.volume.status();
    let triangles = 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.mc) this.mc = new MarchingCubesPass(this.device, this.volume, Math.max(1 << 16, Math.ceil(triangles * 1.25)));
      const encoder = this.device.createCommandEncoder({ label: 'recon-mesh' });
      this.mc.encode(encoder, blocks);
      this.device.queue.submit([encoder.finish()]);
      triangles = await this.mc.triangles();
      if (triangles <= this.mc.maxTriangles) break;
      this.mc.destroy(); // the mesh was cut: again with room for all of it
      this.mc = null;
    }
    const words = await this.mc!.read(triangles);
    return { ...unpackMcVertices(words), triangles: Math.min(triangles, this.mc!.maxTriangles), frames: framesIntegrated };
  }

  destroy(): void {
    this.mc?.destroy();
    this.colour?.destroy();
    this.volume.destroy();
  }
}
