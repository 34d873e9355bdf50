/** Hole filling from the 4 neighbours (shaders/hole-fill-neighbours.wgsl): both picks' pipelines. */
import holeFillNeighboursWgsl from '../../../shaders/hole-fill-neighbours.wgsl?raw';
import type { GpuStage } from '../gpu-stage';
import type { NeighbourPick } from '../../core/filters/hole-fill';
import { pixelStage, sizeWords } from './pixel-stage';

export function fillFromNeighboursStage(device: GPUDevice): GpuStage<{ pick: NeighbourPick }> {
  const make = (farthest: boolean) =>
    pixelStage<{ pick: NeighbourPick }>(device, {
      label: `hole-fill-${farthest ? 'farthest' : 'nearest'}`,
      code: holeFillNeighboursWgsl,
      words: 4,
      fields: (size) => sizeWords(size),
      constants: { FARTHEST: farthest ? 1 : 0 },
    });
  const farthest = make(true);
  const nearest = make(false);
  return {
    outputSize: (size) => size,
    encode(encoder, input, output, size, params) {
      if (params.pick !== 'farthest' && params.pick !== 'nearest') throw new RangeError(`Unknown neighbour pick ${String(params.pick)}.`);
      (params.pick === 'farthest' ? farthest : nearest).encode(encoder, input, output, size, params);
    },
    destroy() {
      farthest.destroy();
      nearest.destroy();
    },
  };
}
