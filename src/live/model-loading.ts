/**
 * What loading a depth model with transformers.js takes, wherever it runs: in
 * the model worker (depth-model.worker.ts, any backend) or on the main thread
 * on the app's own GPUDevice (gpu-depth-model.ts).
 */
import { RawImage, env, type AutoImageProcessor } from '@huggingface/transformers';
import { DepthModelError } from './depth-model-errors';
import { ModelSourceError, parseModelSource, type ModelSource } from './model-source';

export type Processor = Awaited<ReturnType<typeof AutoImageProcessor.from_pretrained>>;

/** The setting as a source, or a DepthModelError('bad-setting') with the sentence for the user. */
export function modelSourceOf(setting: string): ModelSource {
  try {
    return parseModelSource(setting);
  } catch (e) {
    if (e instanceof ModelSourceError) throw new DepthModelError('bad-setting', e.message);
    throw e;
  }
}

/** Points transformers.js at the source. Hub files go through its browser cache (a second visit does not download); this site's files through the HTTP cache, so a regenerated folder is never served stale. */
export function configureEnv(source: ModelSource, allowRemote: boolean): string {
  env.allowRemoteModels = allowRemote;
  // A hub id is looked for under localModelPath first; with downloads allowed that is a wasted request
  // (or, behind a server answering index.html for everything, a wrong file), so it is skipped.
  env.allowLocalModels = source.where === 'site' || !allowRemote;
  env.localModelPath = '/models/';
  env.useBrowserCache = source.where === 'hub';
  return source.where === 'hub' ? source.id : source.path;
}

/**
 * The size the processor will resize a width x height frame to, by its own rule
 * (Depth Anything: aspect kept, each side a multiple of 14, near 518 px).
 */
export function processorSize(processor: Processor, width: number, height: number): [number, number] {
  if (!processor.do_resize) return [width, height];
  try {
    return processor.get_resize_output_image_size(new RawImage(new Uint8ClampedArray(0), width, height, 4), processor.size);
  } catch {
    return [width, height]; // a size form it cannot tell ahead: it resizes later, as usual
  }
}
