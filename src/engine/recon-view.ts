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
import { orbitPose, type Orbit } from '../core/orbit-camera';
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
  /** The orbit it was cast with (null: from the followed camera itself). */
  orbit: Orbit | null;
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
  /** The followed camera (the last integrated frame's) and the camera last cast from (orbited). */
  private camera: RaycastCamera | null = null;
  private cast: RaycastCamera | null = null;
  private version = 0;
  /** A redraw on the GPU now, and the latest one asked for meanwhile (an orbit drag asks at pointer rate). */
  private redrawing = false;
  private wanted: { mode: RaycastShading | 'off'; orbit: Orbit | null } | null = null;
  private readonly readThis = () => this.read();

  constructor(
    private readonly device: GPUDevice,
    volume: TsdfGpuVolume,
  ) {
    this.raycast = new TsdfRaycastPass(device, volume);
    this.shade = new TsdfShadePass(device);
    readLast = this.readThis;
  }

  /**
   * Casts and shades from `camera` (the followed camera; the last one when
   * omitted), turned by `orbit` when there is one; 'off' publishes nothing.
   */
  draw(mode: RaycastShading | 'off', orbit: Orbit | null, camera: RaycastCamera | null = this.camera): void {
    this.camera = camera;
    if (mode === 'off' || !camera) return publish(null);
    const cast = orbit ? { ...camera, pose: orbitPose(camera.pose, orbit) } : camera;
    this.cast = cast;
    const { width, height } = cast;
    if (!this.target || this.target.width !== width || this.target.height !== height) {
      this.target?.destroy();
      this.target = new RaycastTarget(this.device, width, height);
    }
    const encoder = this.device.createCommandEncoder({ label: 'recon-raycast-view' });
    this.raycast.encode(encoder, this.target, cast.pose, cast.intrinsics);
    this.shade.encode(encoder, this.target, [cast.pose[3], cast.pose[7], cast.pose[11]], mode);
    this.device.queue.submit([encoder.finish()]);
    publish({ device: this.device, buffer: this.shade.buffer!, width, height, stride: this.shade.stride, version: ++this.version, orbit });
  }

  /**
   * Draws again from the followed camera with a new shading or orbit. While one
   * redraw is still on the GPU, only the latest request waits for it: a drag
   * asks at pointer rate, and one cast can take longer than that (seconds at
   * 640 x 480 on SwiftShader).
   */
  redraw(mode: RaycastShading | 'off', orbit: Orbit | null): void {
    this.wanted = { mode, orbit };
    if (!this.redrawing) this.nextRedraw();
  }

  private nextRedraw(): void {
    const w = this.wanted;
    this.wanted = null;
    if (!w) return;
    this.draw(w.mode, w.orbit);
    this.redrawing = true;
    void this.device.queue
      .onSubmittedWorkDone()
      .catch(() => undefined)
      .finally(() => {
        this.redrawing = false;
        this.nextRedraw();
      });
  }

  /** For tests: the maps and image of the last draw, read back, with the camera it was cast from (orbited). */
  async read(): Promise<{ maps: Awaited<ReturnType<typeof readRaycastTarget>>; image: Uint32Array; camera: RaycastCamera } | null> {
    const t = this.target;
    if (!t || !this.cast || !this.shade.buffer) return null;
    const maps = await readRaycastTarget(this.device, t);
    const padded = new Uint32Array((await readBufferF32(this.device, this.shade.buffer, this.shade.stride * t.height)).buffer);
    const image = new Uint32Array(t.width * t.height);
    for (let y = 0; y < t.height; y++) image.set(padded.subarray(y * this.shade.stride, y * this.shade.stride + t.width), y * t.width);
    return { maps, image, camera: this.cast };
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
