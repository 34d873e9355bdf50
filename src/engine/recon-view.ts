/**
 * The live ray-cast view of the reconstruction (issue 16): after each
 * integrated frame (and when the shading changes, paused or done), the
 * volume is ray-cast from that frame's camera (tracked or the dataset's) at
 * the filtered frame's size, and shaded (gpu/tsdf-shade-pass.ts) into an RGBA8
 * image that stays on the GPU: views subscribe here and copy it into their
 * canvas's texture. Nothing is read back per frame; readRaycastView is for
 * tests only.
 */
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import type { RigidTransform } from '../core/recording';
import type { RaycastShading } from '../core/tsdf';
import { readBufferF32 } from '../gpu/readback';
import { RaycastTarget, TsdfRaycastPass, readRaycastTarget } from '../gpu/tsdf-raycast-pass';
import { TsdfShadePass } from '../gpu/tsdf-shade-pass';
import type { TsdfGpuVolume } from '../gpu/tsdf-pass';

/** The image a view draws: `buffer` holds RGBA8 words, `stride` pixels per row; `version` grows with each draw. */
export interface RaycastImage {
  device: GPUDevice;
  buffer: GPUBuffer;
  width: number;
  height: number;
  stride: number;
  version: number;
}

type Listener = (image: RaycastImage | null) => void;
const listeners = new Set<Listener>();
let current: RaycastImage | null = null;
/** The read of the view the session holds now (tests only). */
let readLast: (() => ReturnType<ReconRaycastView['read']>) | null = null;

function publish(image: RaycastImage | null): void {
  current = image;
  for (const l of listeners) l(image);
}

/** The image drawn last, or null (off, nothing fused, or the volume dropped). */
export function raycastImage(): RaycastImage | null {
  return current;
}

export function subscribeRaycastImage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The camera a view was last cast from. */
export interface RaycastCamera {
  pose: RigidTransform;
  intrinsics: PinholeIntrinsics;
  width: number;
  height: number;
}

export class ReconRaycastView {
  private readonly raycast: TsdfRaycastPass;
  private readonly shade: TsdfShadePass;
  private target: RaycastTarget | null = null;
  private camera: RaycastCamera | null = null;
  private version = 0;
  private readonly readThis = () => this.read();

  constructor(
    private readonly device: GPUDevice,
    volume: TsdfGpuVolume,
  ) {
    this.raycast = new TsdfRaycastPass(device, volume);
    this.shade = new TsdfShadePass(device);
    readLast = this.readThis;
  }

  /** Casts and shades from `camera` (the last one when omitted); 'off' publishes nothing. */
  draw(mode: RaycastShading | 'off', camera: RaycastCamera | null = this.camera): void {
    this.camera = camera;
    if (mode === 'off' || !camera) return publish(null);
    const { width, height } = camera;
    if (!this.target || this.target.width !== width || this.target.height !== height) {
      this.target?.destroy();
      this.target = new RaycastTarget(this.device, width, height);
    }
    const encoder = this.device.createCommandEncoder({ label: 'recon-raycast-view' });
    this.raycast.encode(encoder, this.target, camera.pose, camera.intrinsics);
    this.shade.encode(encoder, this.target, [camera.pose[3], camera.pose[7], camera.pose[11]], mode);
    this.device.queue.submit([encoder.finish()]);
    publish({ device: this.device, buffer: this.shade.buffer!, width, height, stride: this.shade.stride, version: ++this.version });
  }

  /** For tests: the maps and image of the last draw, read back, with its camera. */
  async read(): Promise<{ maps: Awaited<ReturnType<typeof readRaycastTarget>>; image: Uint32Array; camera: RaycastCamera } | null> {
    const t = this.target;
    if (!t || !this.camera || !this.shade.buffer) return null;
    const maps = await readRaycastTarget(this.device, t);
    const padded = new Uint32Array((await readBufferF32(this.device, this.shade.buffer, this.shade.stride * t.height)).buffer);
    const image = new Uint32Array(t.width * t.height);
    for (let y = 0; y < t.height; y++) image.set(padded.subarray(y * this.shade.stride, y * this.shade.stride + t.width), y * t.width);
    return { maps, image, camera: this.camera };
  }

  destroy(): void {
    if (readLast === this.readThis) {
      readLast = null;
      publish(null);
    }
    this.target?.destroy();
    this.raycast.destroy();
    this.shade.destroy();
  }
}

/** Test-only: the live view's last draw read back (the e2e compares it with the CPU reference). */
export function readRaycastView() {
  return readLast ? readLast() : Promise.resolve(null);
}
