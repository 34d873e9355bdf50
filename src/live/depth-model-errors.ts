/**
 * The errors a user can meet loading or running the depth model, each with a
 * message written for them (shown in role="alert") and a reason the UI can
 * act on (offer a retry, a smaller model, another source). The library's own
 * words stay in `detail`, for bug reports.
 */
import { describeSource, type ModelSource } from './model-source';

export type DepthModelFailure =
  /** A file of the model is not where the setting points. */
  | 'not-found'
  /** A hub model not cached in this browser while downloads are turned off. */
  | 'remote-disabled'
  /** The network could not be reached (offline, DNS, blocked). */
  | 'offline'
  /** The server answered, but with an error. */
  | 'download'
  | 'out-of-memory'
  /** The setting is neither a hub id nor a folder of this site. */
  | 'bad-setting'
  /** run() after dispose(), or the worker is gone. */
  | 'released'
  | 'inference'
  | 'unexpected';

export class DepthModelError extends Error {
  override name = 'DepthModelError';
  constructor(
    readonly reason: DepthModelFailure,
    message: string,
    readonly detail = '',
  ) {
    super(message);
  }
}

/** The serialisable form that crosses the worker boundary. */
export interface DepthModelErrorData {
  reason: DepthModelFailure;
  message: string;
  detail: string;
}

export function toErrorData(e: DepthModelError): DepthModelErrorData {
  return { reason: e.reason, message: e.message, detail: e.detail };
}

export function fromErrorData(d: DepthModelErrorData): DepthModelError {
  return new DepthModelError(d.reason, d.message, d.detail);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The file a transformers.js "not found" message names (…at "/models/x/onnx/model.onnx".). */
function missingFile(detail: string): string | null {
  return /"([^"]+)"\.?\s*$/.exec(detail)?.[1] ?? null;
}

/** Turns what loading threw (transformers.js, ONNX Runtime, fetch) into a DepthModelError. */
export function classifyLoadError(error: unknown, source: ModelSource, allowRemote: boolean): DepthModelError {
  if (error instanceof DepthModelError) return error;
  const detail = messageOf(error);
  const name = describeSource(source);
  const notFound = (error instanceof Error && error.name === 'ModelFileNotFoundError') || /not found locally|Local file missing|Could not locate file/i.test(detail);
  if (/out of memory|\bOOM\b|failed to allocate|allocation failed/i.test(detail)) {
    return new DepthModelError('out-of-memory', `The depth model ${name} does not fit in memory. Close other tabs or choose a smaller model, then retry.`, detail);
  }
  if (notFound && source.where === 'hub' && !allowRemote) {
    return new DepthModelError(
      'remote-disabled',
      `${name} is not in this browser's cache and model downloads are turned off. Allow downloads, or use a model folder served by this site.`,
      detail,
    );
  }
  if (notFound) {
    const file = missingFile(detail);
    return new DepthModelError('not-found', `No depth model found at ${name}${file ? ` (${file} is missing)` : ''}. Check the model setting.`, detail);
  }
  // fetch() rejects with a TypeError when no answer came at all: offline, DNS, blocked request.
  if (error instanceof TypeError && /fetch|network|load failed/i.test(detail)) {
    return new DepthModelError(
      'offline',
      `The depth model ${name} could not be downloaded: the network is unreachable. Check the connection and retry, or use a model folder served by this site.`,
      detail,
    );
  }
  if (/occurred while trying to load file|Internal server error|Unauthorized|Forbidden/i.test(detail)) {
    return new DepthModelError('download', `The depth model ${name} could not be downloaded: the server refused (${detail}). Retry later.`, detail);
  }
  return new DepthModelError('unexpected', `The depth model ${name} could not be loaded (${detail}).`, detail);
}

/** Turns what a run threw into a DepthModelError. */
export function classifyRunError(error: unknown): DepthModelError {
  if (error instanceof DepthModelError) return error;
  const detail = messageOf(error);
  if (/out of memory|\bOOM\b|failed to allocate|allocation failed/i.test(detail)) {
    return new DepthModelError('out-of-memory', 'The GPU ran out of memory running the depth model. Lower the camera resolution or close other tabs, then retry.', detail);
  }
  return new DepthModelError('inference', `The depth model failed on this frame (${detail}).`, detail);
}
