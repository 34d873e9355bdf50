/**
 * Runs shaders/compose-view.wgsl: raw and filtered depth in, the values the
 * heatmap colours out (raw, filtered, split or difference). Built from the
 * stages' Kernel and Uniform, so switching views allocates nothing.
 */
import composeWgsl from '../../shaders/compose-view.wgsl?raw';
import { COMPOSE_MODES, type ComposeMode } from '../core/compose-view';
import type { Size } from './gpu-stage';
import { KernelPass, u32s } from './stages/kernel';

export interface ComposeSettings {
  mode: ComposeMode;
  splitX: number;
  filteredSize: Size;
  factor: number;
}

export class ComposePass extends KernelPass {
  constructor(device: GPUDevice) {
    super(device, 'compose-view', composeWgsl, 8);
  }

  encode(encoder: GPUCommandEncoder, raw: GPUBuffer, filtered: GPUBuffer, shown: GPUBuffer, size: Size, s: ComposeSettings): void {
    this.uniform.write([
      ...u32s(size.width, size.height, s.filteredSize.width, s.filteredSize.height, s.factor, COMPOSE_MODES.indexOf(s.mode), Math.max(0, Math.round(s.splitX))),
    ]);
    const pass = encoder.beginComputePass({ label: 'compose-view' });
    this.kernel.dispatchPixels(pass, [this.uniform.buffer, raw, filtered, shown], size.width, size.height);
    pass.end();
  }
}
