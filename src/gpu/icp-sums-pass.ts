/**
 * The GPU half of point-to-plane ICP: the live depth pyramid
 * (shaders/depth-pyramid.wgsl), a frame seen through a lens remapped to a
 * pinhole image first (shaders/rectify.wgsl), the intensity pyramids of the colour term
 * (shaders/intensity-pyramid.wgsl) and, per iteration, the 32 sums of the
 * normal equations (shaders/icp-rows.wgsl per pixel into one partial per
 * 8 x 8 workgroup, shaders/icp-merge.wgsl into one result): 128 bytes read
 * back per iteration, nothing per pixel. CPU reference: src/core/icp/pyramid.ts,
 * photometric.ts and point-to-plane.ts.
 */
import pyramidWgsl from '../../shaders/depth-pyramid.wgsl?raw';
import rowsWgsl from '../../shaders/icp-rows.wgsl?raw';
import mergeWgsl from '../../shaders/icp-merge.wgsl?raw';
import intensityWgsl from '../../shaders/intensity-pyramid.wgsl?raw';
import rectifyWgsl from '../../shaders/rectify.wgsl?raw';
import type { LensDistortion } from '../core/distortion';
import { lensWords, withLens } from './lens-uniform';
import groupSumWgsl from '../../shaders/icp-group-sum.wgsl?raw';
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { ICP_SUM_WORDS, type IcpThresholds } from '../core/icp/point-to-plane';
import type { RigidTransform } from '../core/recording';
import { worldToCamera } from '../core/tsdf/settings';
import { Kernel, TILE, Uniform, storageBuffer } from './stages/kernel';

/** A live depth level on the GPU (f32 metres as bits, NaN = none). */
export interface GpuDepthLevel {
  depth: GPUBuffer;
  /** Intensity in [0, 1] (f32 per pixel) for the colour term, or null (depth only). */
  intensity: GPUBuffer | null;
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
}

/** The model maps of one level (tsdf-raycast-pass.ts's RaycastTarget) and the pose they were cast from. */
export interface GpuModelLevel {
  vertices: GPUBuffer;
  normals: GPUBuffer;
  /** The last frame's intensity at this level (the image of the camera the maps were cast from), or null: no colour term. */
  intensity: GPUBuffer | null;
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
  pose: RigidTransform;
}

export class IcpSumsPass {
  private readonly pyramid: Kernel;
  private readonly intensityPyramid: Kernel;
  private readonly rectify: Kernel;
  private readonly rectifyParams: Uniform;
  private readonly rows: Kernel;
  private readonly merge: Kernel;
  private readonly pyramidParams: Uniform[] = [];
  private readonly intensityParams: Uniform[] = [];
  /** Bound in place of an intensity image when there is none (colour_weight 0: never read). */
  private readonly noIntensity: GPUBuffer;
  private readonly rowParams: Uniform;
  private readonly mergeParams: Uniform;
  private partials: GPUBuffer | null = null;
  private partialCount = 0;
  private readonly result: GPUBuffer;
  private readonly staging: GPUBuffer;

  constructor(private readonly device: GPUDevice) {
    this.pyramid = new Kernel(device, 'depth-pyramid', pyramidWgsl);
    this.intensityPyramid = new Kernel(device, 'intensity-pyramid', intensityWgsl);
    this.rectify = new Kernel(device, 'rectify', withLens(rectifyWgsl));
    this.rectifyParams = new Uniform(device, 'rectify-params', 16);
    this.rows = new Kernel(device, 'icp-rows', groupSumWgsl + rowsWgsl);
    this.noIntensity = storageBuffer(device, 'icp-no-intensity', 1);
    this.merge = new Kernel(device, 'icp-merge', groupSumWgsl + mergeWgsl);
    this.rowParams = new Uniform(device, 'icp-rows-params', 40);
    this.mergeParams = new Uniform(device, 'icp-merge-params', 4);
    this.result = storageBuffer(device, 'icp-result', ICP_SUM_WORDS);
    this.staging = device.createBuffer({ label: 'icp-result-read', size: ICP_SUM_WORDS * 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  }

  /** Records the halving of `fine` into `coarse` (floor(w / 2) x floor(h / 2)); `index` picks the level's own parameters. */
  encodeDownsample(encoder: GPUCommandEncoder, fine: GpuDepthLevel, coarse: GPUBuffer, jumpRel: number, index: number): void {
    while (this.pyramidParams.length <= index) this.pyramidParams.push(new Uniform(this.device, `depth-pyramid-params-${this.pyramidParams.length}`, 4));
    const w = Math.floor(fine.width / 2);
    const h = Math.floor(fine.height / 2);
    const params = this.pyramidParams[index];
    params.write([{ u32: fine.width }, { u32: w }, { u32: h }, { f32: jumpRel }]);
    const pass = encoder.beginComputePass({ label: 'depth-pyramid' });
    this.pyramid.dispatchPixels(pass, [params.buffer, fine.depth, coarse], w, h);
    pass.end();
  }

  /**
   * Records the remap of a width x height frame seen through `lens` onto a
   * pinhole image with the same intrinsics: depth (f32 bits) into `depthOut`,
   * and colour (RGBA8 words, when given) into `colourOut`.
   */
  encodeRectify(encoder: GPUCommandEncoder, depth: GPUBuffer, colour: GPUBuffer | null, depthOut: GPUBuffer, colourOut: GPUBuffer, width: number, height: number, k: PinholeIntrinsics, lens: LensDistortion): void {
    this.rectifyParams.write([{ u32: width }, { u32: height }, { u32: colour ? 1 : 0 }, { u32: 0 }, ...[k.fx, k.fy, k.cx, k.cy].map((f32) => ({ f32 })), ...lensWords(lens)]);
    const pass = encoder.beginComputePass({ label: 'rectify' });
    this.rectify.dispatchPixels(pass, [this.rectifyParams.buffer, depth, colour ?? this.noIntensity, depthOut, colourOut], width, height);
    pass.end();
  }

  /**
   * Records level `index`'s intensity: from RGBA8 words of the same size
   * (`fromRgba`) or the 2 x 2 means of the level above (floor(w / 2) x floor(h / 2)).
   */
  encodeIntensity(encoder: GPUCommandEncoder, fine: GPUBuffer, fineWidth: number, out: GPUBuffer, width: number, height: number, fromRgba: boolean, index: number): void {
    while (this.intensityParams.length <= index) this.intensityParams.push(new Uniform(this.device, `intensity-pyramid-params-${this.intensityParams.length}`, 4));
    const params = this.intensityParams[index];
    params.write([{ u32: fineWidth }, { u32: width }, { u32: height }, { u32: fromRgba ? 1 : 0 }]);
    const pass = encoder.beginComputePass({ label: 'intensity-pyramid' });
    this.intensityPyramid.dispatchPixels(pass, [params.buffer, fine, out], width, height);
    pass.end();
  }

  /** One iteration's 32 sums for `pose` (camera-to-world): submitted and read back (128 bytes). The colour term joins where both images are given. */
  async sums(live: GpuDepthLevel, model: GpuModelLevel, pose: RigidTransform, th: IcpThresholds): Promise<Float64Array> {
    const groupsX = Math.ceil(live.width / TILE);
    const groupsY = Math.ceil(live.height / TILE);
    const count = groupsX * groupsY;
    if (!this.partials || this.partialCount < count) {
      this.partials?.destroy();
      this.partials = storageBuffer(this.device, 'icp-partials', count * ICP_SUM_WORDS);
      this.partialCount = count;
    }
    const k = live.intrinsics;
    const m = model.intrinsics;
    const W = worldToCamera(model.pose);
    this.rowParams.write([
      { u32: live.width },
      { u32: live.height },
      { u32: model.width },
      { u32: model.height },
      ...[k.fx, k.fy, k.cx, k.cy, m.fx, m.fy, m.cx, m.cy].map((v) => ({ f32: v })),
      { f32: th.distanceM * th.distanceM },
      { f32: Math.cos((th.angleDeg * Math.PI) / 180) },
      { f32: th.jumpRel },
      { f32: live.intensity && model.intensity ? th.colourWeight : 0 },
      ...pose.slice(0, 12).map((v) => ({ f32: v })),
      ...W.map((v) => ({ f32: v })),
    ]);
    this.mergeParams.write([{ u32: count }, { u32: 0 }, { u32: 0 }, { u32: 0 }]);
    const encoder = this.device.createCommandEncoder({ label: 'icp-iteration' });
    const pass = encoder.beginComputePass({ label: 'icp-sums' });
    this.rows.dispatch(pass, [this.rowParams.buffer, live.depth, model.vertices, model.normals, this.partials, live.intensity ?? this.noIntensity, model.intensity ?? this.noIntensity], groupsX, groupsY);
    this.merge.dispatch(pass, [this.mergeParams.buffer, this.partials, this.result], 1);
    pass.end();
    encoder.copyBufferToBuffer(this.result, 0, this.staging, 0, ICP_SUM_WORDS * 4);
    this.device.queue.submit([encoder.finish()]);
    await this.staging.mapAsync(GPUMapMode.READ);
    const out = Float64Array.from(new Float32Array(this.staging.getMappedRange()));
    this.staging.unmap();
    return out;
  }

  destroy(): void {
    for (const k of [this.pyramid, this.intensityPyramid, this.rectify, this.rows, this.merge]) k.destroy();
    for (const u of [...this.pyramidParams, ...this.intensityParams, this.rectifyParams, this.rowParams, this.mergeParams]) u.destroy();
    for (const b of [this.partials, this.result, this.staging, this.noIntensity]) b?.destroy();
  }
}
