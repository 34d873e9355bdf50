/**
 * Push-pull hole filling (shaders/push-pull.wgsl; reference: core/filters/push-pull.ts).
 * The pyramid (levels 1..12: value, weight and far key per level, and a uniform of
 * sizes per level) is made once per input size, for the most levels, so changing
 * `levels` allocates nothing. Level 0 is the output: the input is copied there and
 * pulled into in place; the input is only read. Level 0 has no weight or key buffers
 * (its weights are its validity): one-value placeholders fill those bindings.
 */
import pushPullWgsl from '../../../shaders/push-pull.wgsl?raw';
import type { GpuStage, Size } from '../gpu-stage';
import { checkInteger } from '../../core/filters/depth-field';
import { EDGE_FACTOR, MAX_PUSH_PULL_LEVELS, PUSH_PULL_FILLS, type PushPullFill } from '../../core/filters/push-pull';
import { Kernel, storageBuffer, Uniform } from './kernel';

export interface PushPullStageParams {
  levels: number;
  fill: PushPullFill;
  /** The stage runs on inverse depth (far is the smaller value). */
  inverse: boolean;
}

/** One level's buffers; level 0's value is the stage's input (push) or output (pull). */
interface LevelBuffers {
  value: GPUBuffer;
  weight: GPUBuffer;
  key: GPUBuffer;
}

interface Pyramid {
  size: Size;
  /** sizes[k] = level k's size, k = 0 .. MAX. */
  sizes: Size[];
  /** Level k >= 1 is levels[k - 1]. */
  levels: LevelBuffers[];
  /** uniforms[k]: level k and level k+1's sizes. */
  uniforms: Uniform[];
}

export function pushPullStage(device: GPUDevice): GpuStage<PushPullStageParams> {
  const push = new Kernel(device, 'push-pull-push', pushPullWgsl, {}, 'push');
  const pull = new Kernel(device, 'push-pull-pull', pushPullWgsl, {}, 'pull');
  const mode = new Uniform(device, 'push-pull-mode', 4);
  let modeKey = '';
  const placeholderWeight = storageBuffer(device, 'push-pull-level0-weight', 1);
  const placeholderKey = storageBuffer(device, 'push-pull-level0-key', 1);
  let pyramid: Pyramid | null = null;

  const free = () => {
    pyramid?.levels.forEach((l) => [l.value, l.weight, l.key].forEach((b) => b.destroy()));
    pyramid?.uniforms.forEach((u) => u.destroy());
    pyramid = null;
  };

  const build = (size: Size): Pyramid => {
    free();
    const sizes = [size];
    for (let k = 1; k <= MAX_PUSH_PULL_LEVELS; k++) {
      sizes.push({ width: Math.ceil(sizes[k - 1].width / 2), height: Math.ceil(sizes[k - 1].height / 2) });
    }
    const levels = sizes.slice(1).map((s, j) => {
      const n = s.width * s.height;
      return {
        value: storageBuffer(device, `push-pull-value-${j + 1}`, n),
        weight: storageBuffer(device, `push-pull-weight-${j + 1}`, n),
        key: storageBuffer(device, `push-pull-key-${j + 1}`, n),
      };
    });
    const uniforms = sizes.slice(0, -1).map((s, k) => {
      const u = new Uniform(device, `push-pull-sizes-${k}`, 8);
      const c = sizes[k + 1];
      u.write([{ u32: s.width }, { u32: s.height }, { u32: c.width }, { u32: c.height }, { u32: k === 0 ? 1 : 0 }]);
      return u;
    });
    return { size: { ...size }, sizes, levels, uniforms };
  };

  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, p) {
      checkInteger(p.levels, 1, MAX_PUSH_PULL_LEVELS, 'The number of push-pull levels');
      if (!PUSH_PULL_FILLS.includes(p.fill)) throw new RangeError(`The push-pull fill must be one of ${PUSH_PULL_FILLS.join(', ')}, not ${String(p.fill)}.`);
      const { width, height } = size;
      if (width === 0 || height === 0) return;
      const key = `${p.fill}:${p.inverse}`;
      if (key !== modeKey) {
        mode.write([{ u32: p.fill === 'edge' ? 1 : 0 }, { u32: p.inverse ? 1 : 0 }, { f32: EDGE_FACTOR }]);
        modeKey = key;
      }
      if (!pyramid || pyramid.size.width !== width || pyramid.size.height !== height) pyramid = build(size);
      const { sizes, levels, uniforms } = pyramid;
      encoder.copyBufferToBuffer(input, 0, output, 0, width * height * 4);
      // Level 0: push reads the input itself (the output is only a copy of it so far).
      const level = (k: number, value: GPUBuffer): GPUBuffer[] =>
        k === 0 ? [value, placeholderWeight, placeholderKey] : [levels[k - 1].value, levels[k - 1].weight, levels[k - 1].key];
      const pass = encoder.beginComputePass({ label: 'push-pull' });
      for (let k = 0; k < p.levels; k++) {
        const c = sizes[k + 1];
        push.dispatchPixels(pass, [uniforms[k].buffer, mode.buffer, ...level(k, input), ...level(k + 1, input)], c.width, c.height);
      }
      for (let k = p.levels - 1; k >= 0; k--) {
        pull.dispatchPixels(pass, [uniforms[k].buffer, mode.buffer, ...level(k + 1, output), ...level(k, output)], sizes[k].width, sizes[k].height);
      }
      pass.end();
    },
    destroy() {
      push.destroy();
      pull.destroy();
      mode.destroy();
      placeholderWeight.destroy();
      placeholderKey.destroy();
      free();
    },
  };
}
