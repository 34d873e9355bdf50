/**
 * Temporal stage (shaders/temporal.wgsl). State: two buffers of (last, history) per
 * pixel, sized to the input. encode() reads `before` and writes `after`; advance()
 * swaps them, so re-encoding a frame without advance() starts from the same state.
 * "No history" is a uniform flag, not a cleared buffer, so reset() records nothing.
 */
import temporalWgsl from '../../../shaders/temporal.wgsl?raw';
import type { GpuStatefulStage, Size } from '../gpu-stage';
import { checkNumber } from '../../core/filters/depth-field';
import { persistenceRule, type PersistenceMode, type TemporalVariant } from '../../core/filters/temporal';
import { deltaUnits } from '../../core/filters/spatial-domain-transform';
import { Kernel, Uniform } from './kernel';
import { sizeWords } from './pixel-stage';

export interface TemporalStageParams {
  alpha: number;
  delta: number;
  persistence: PersistenceMode;
  /** Whole units (uint16_t) or float; default float. */
  variant?: TemporalVariant;
}

export function temporalStage(device: GPUDevice): GpuStatefulStage<TemporalStageParams> {
  const kernel = new Kernel(device, 'temporal', temporalWgsl);
  const uniform = new Uniform(device, 'temporal-params', 12);
  let states: GPUBuffer[] = [];
  let stateSize: Size = { width: -1, height: -1 };
  let before = 0; // index in states of the state before the current frame
  let beforeIsEmpty = true; // no frame since the last reset: `before` holds nothing
  let encoded = false; // a frame was encoded since the last advance()/reset()

  const allocate = (size: Size) => {
    states.forEach((b) => b.destroy());
    const bytes = Math.max(1, size.width * size.height) * 8; // vec2<u32> per pixel
    const usage = GPUBufferUsage.STORAGE;
    states = [0, 1].map((k) => device.createBuffer({ label: `temporal-state-${k}`, size: bytes, usage }));
    stateSize = { ...size };
    before = 0;
    beforeIsEmpty = true;
    encoded = false;
  };

  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, p) {
      checkNumber(p.alpha, 0, 1, 'The temporal filter alpha');
      const { k, n } = persistenceRule(p.persistence);
      if (size.width !== stateSize.width || size.height !== stateSize.height) allocate(size);
      if (size.width === 0 || size.height === 0) return;
      const unitM = p.variant?.kind === 'units' ? p.variant.unitM : null;
      const alpha = Math.fround(p.alpha);
      uniform.write([
        ...sizeWords(size),
        { f32: alpha },
        { f32: Math.fround(1 - alpha) },
        // delta_z = static_cast<T>(delta) (temporal-filter.h:29): whole units, or the f32.
        { f32: unitM === null ? p.delta : deltaUnits(p.delta, unitM) },
        { u32: k },
        { u32: (1 << n) - 1 },
        { u32: beforeIsEmpty ? 1 : 0 },
        { u32: unitM === null ? 0 : 1 },
        { f32: unitM ?? 1 },
        { f32: Math.fround(1 / (unitM ?? 1)) },
        { u32: 0 },
      ]);
      const pass = encoder.beginComputePass({ label: 'temporal' });
      kernel.dispatchPixels(pass, [uniform.buffer, input, output, states[before], states[1 - before]], size.width, size.height);
      pass.end();
      encoded = true;
    },
    advance() {
      if (!encoded) return;
      before = 1 - before;
      beforeIsEmpty = false;
      encoded = false;
    },
    reset() {
      beforeIsEmpty = true;
      encoded = false;
    },
    destroy() {
      kernel.destroy();
      uniform.destroy();
      states.forEach((b) => b.destroy());
      states = [];
      stateSize = { width: -1, height: -1 };
    },
  };
}
