/**
 * The `model` setting: a Hugging Face hub id ('onnx-community/depth-anything-v2-small')
 * or a model folder served by this site ('/models/tiny-depth-anything/'). Both
 * are loaded by transformers.js; only the hub needs the network.
 */

/** Depth Anything V2 small: the default, relative inverse depth, fp16 and fp32 ONNX files. */
export const DEFAULT_DEPTH_MODEL = 'onnx-community/depth-anything-v2-small';
/** The generated stand-in (scripts/make-tiny-depth-model.ts), served from public/. */
export const TINY_DEPTH_MODEL = '/models/tiny-depth-anything/';

export type ModelSource =
  | { where: 'hub'; id: string }
  /** `path`: the folder on this site, without its trailing slash (transformers.js joins file names to it). */
  | { where: 'site'; path: string };

/** Same shape as huggingface_hub's repo ids: owner/name, letters, digits, '-', '_', '.'. */
const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

export class ModelSourceError extends Error {
  override name = 'ModelSourceError';
}

/** Reads the setting; throws ModelSourceError with a message for the user when it is neither form. */
export function parseModelSource(setting: string): ModelSource {
  const s = setting.trim();
  if (s.startsWith('/') && !s.startsWith('//')) {
    if (s.split('/').includes('..')) throw new ModelSourceError(`The model folder "${s}" may not contain "..".`);
    return { where: 'site', path: s.replace(/\/+$/, '') || '/' };
  }
  if (HUB_ID.test(s) && !s.includes('..') && !s.includes('--')) return { where: 'hub', id: s };
  throw new ModelSourceError(
    `"${s}" is not a model: give a Hugging Face id such as ${DEFAULT_DEPTH_MODEL} or a folder on this site such as ${TINY_DEPTH_MODEL}.`,
  );
}

/** How the source reads in messages: the id, or the folder with its trailing slash. */
export function describeSource(source: ModelSource): string {
  return source.where === 'hub' ? source.id : `${source.path}/`;
}
