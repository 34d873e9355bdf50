/// <reference lib="webworker" />
/**
 * Decodes depth files and derives metres and statistics off the main thread,
 * so a 4K TIFF never freezes the tab. Ordinary images (JPEG, WebP, ...) are
 * decoded here by the browser; depth formats by our exact decoders.
 */
import { decodeDepth, NeedsBrowserImageDecode } from './decode-depth';
import { rgbaToRelativeDepth } from './image-to-depth';
import { DepthDecodeError, checkDimensions, type RawDepthImage } from '../core/depth-image';
import { defaultScaleFor, scaleSuits } from '../core/units';
import { analyzeDepth } from './analyze-depth';
import type { AnalysisMessage, WorkerRequest, WorkerResponse } from './load-protocol';

declare const self: DedicatedWorkerGlobalScope;

function post(msg: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function analysisTransfer(a: AnalysisMessage): Transferable[] {
  return [a.depth.buffer, a.sortedValid.buffer];
}

async function decodeWithBrowser(bytes: ArrayBuffer, mime: string): Promise<RawDepthImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes], { type: mime }), {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
  } catch (e) {
    throw new DepthDecodeError('The browser could not decode this image; it may be damaged or of a kind it does not support.', {
      cause: e,
    });
  }
  checkDimensions(bitmap.width, bitmap.height, 'Image');
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new DepthDecodeError('Image: the browser gave no 2-D canvas to read the pixels.');
  ctx.drawImage(bitmap, 0, 0);
  const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  bitmap.close();
  return rgbaToRelativeDepth(pixels, canvas.width, canvas.height, 4, 'image');
}

async function load(req: Extract<WorkerRequest, { kind: 'load' }>): Promise<void> {
  post({ id: req.id, kind: 'progress', stage: 'decoding' });
  const t0 = performance.now();
  let raw: RawDepthImage;
  try {
    raw = decodeDepth(new Uint8Array(req.bytes), req.decode);
  } catch (e) {
    if (!(e instanceof NeedsBrowserImageDecode)) throw e;
    raw = await decodeWithBrowser(req.bytes, req.mime);
  }
  // The user's units carry over to the next file only where they make sense for its samples.
  let units = req.units;
  if (!req.keepScale || !scaleSuits(req.units.scale, raw.sampleType)) {
    const scale = defaultScaleFor(raw.sampleType, raw.format);
    if (req.keepScale && scale !== req.units.scale) {
      raw = { ...raw, notes: [...raw.notes, `Units set to "${scale}": "${String(req.units.scale)}" does not apply to ${raw.sampleType} samples.`] };
    }
    units = { ...req.units, scale, calibration: null };
  }
  post({ id: req.id, kind: 'progress', stage: 'computing depth and statistics' });
  const t1 = performance.now();
  const analysis = analyzeDepth(raw, units);
  const timings = { decodeMs: t1 - t0, analyzeMs: performance.now() - t1 };
  // The raw samples are sent as a copy-free transfer too: this worker keeps nothing.
  post({ id: req.id, kind: 'loaded', raw, units, analysis, timings }, [raw.data.buffer, ...analysisTransfer(analysis)]);
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  try {
    if (req.kind === 'load') await load(req);
    else {
      const analysis = analyzeDepth(req.raw, req.units);
      post({ id: req.id, kind: 'analyzed', analysis }, analysisTransfer(analysis));
    }
  } catch (e) {
    const message =
      e instanceof DepthDecodeError
        ? e.message
        : `Unexpected error while reading the file: ${e instanceof Error ? e.message : String(e)}`;
    if (!(e instanceof DepthDecodeError)) console.error(e);
    post({ id: req.id, kind: 'error', message });
  }
};
