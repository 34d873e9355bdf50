/**
 * Push-pull hole filling (shaders/push-pull.wgsl). The pyramid (levels 1..12 and a
 * uniform of sizes per level) is made once per input size, for the most levels, so
 * changing `levels` allocates nothing. Level 0 is the output: the input is copied
 * there and pulled into in place; the input is only read.
 */
import pushPullWgsl from '../../../shaders/push-pull.wgsl?raw';
import type { GpuStage, Size } from '../gpu-stage';
import { checkInteger } from '../../core/filters/depth-field';
import { MAX_PUSH_PULL_LEVELS } from '../../core/filters/hole-fill';
import { Kernel, storageBuffer, Uniform } from './kernel';

interface Pyramid {
  size: Size;
  /** sizes[k] = level k's size, k = 0 .. MAX. */
  sizes: Size[];
  /** buffers[k] = level k, k >= 1 (index 0 unused: the input / the output). */
  buffers: GPUBuffer[];
  /** uniforms[k]: level k and level k+1's sizes. */
  uniforms: Uniform[];
}

export function pushPullStage(device: GPUDevice): GpuStage<{ levels: number }> {
  const push = new Kernel(device, 'push-pull-push', pushPullWgsl, {}, 'push');
  const pull = new Kernel(device, 'push-pull-pull', pushPullWgsl, {}, 'pull');
  let pyramid: Pyramid | null = null;

  const free = () => {
    pyramid?.buffers.forEach((b) => b.destroy());
    pyramid?.uniforms.forEach((u) => u.destroy());
    pyramid = null;
  };

  const build = (size: Size): Pyramid => {
    free();
    const sizes = [size];
    for (let k = 1; k <= MAX_PUSH_PULL_LEVELS; k++) {
      sizes.push({ width: Math.ceil(sizes[k - 1].width / 2), height: Math.ceil(sizes[k - 1].height / 2) });
    }
    const buffers = sizes.map((s, k) => storageBuffer(device, `push-pull-level-${k}`, k === 0 ? 0 : s.width * s.height));
    const uniforms = sizes.slice(0, -1).map((s, k) => {
      const u = new Uniform(device, `push-pull-params-${k}`, 4);
      const c = sizes[k + 1];
      u.write([{ u32: s.width }, { u32: s.height }, { u32: c.width }, { u32: c.height }]);
      return u;
    });
    return { size: { ...size }, sizes, buffers, uniforms };
  };

  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, p) {
      checkInteger(p.levels, 1, MAX_PUSH_PULL_LEVELS, 'The number of push-pull levels');
      const { width, height } = size;
      if (width === 0 || height === 0) return;
      if (!pyramid || pyramid.size.width !== width || pyramid.size.height !== height) pyramid = build(size);
      const { sizes, buffers, uniforms } = pyramid;
      encoder.copyBufferToBuffer(input, 0, output, 0, width * height * 4);
      const level = (k: number) => (k === 0 ? output : buffers[k]);
      const pass = encoder.beginComputePass({ label: 'push-pull' });
      // Push reads the input itself for level 0 (the output is only a copy of it so far).
      for (let k = 0; k < p.levels; k++) {
        push.dispatchPixels(pass, [uniforms[k].buffer, k === 0 ? input : buffers[k], buffers[k + 1]], sizes[k + 1].width, sizes[k + 1].height);
      }
      for (let k = p.levels - 1; k >= 0; k--) {
        pull.dispatchPixels(pass, [uniforms[k].buffer, buffers[k + 1], level(k)], sizes[k].width, sizes[k].height);
      }
      pass.end();
    },
    destroy() {
      push.destroy();
      pull.destroy();
      free();
    },
  };
}
