/**
 * A frame's RGBA pixels at a chosen size: drawn once on a 2-D canvas (the
 * browser's own resampling), the canvas kept while the size stays. The model
 * worker reads the model's input from it (the GPU path makes its input in WGSL,
 * src/gpu/model-input-pass.ts).
 */
import { DepthModelError } from './depth-model-errors';
import type { FrameImage } from './depth-model-protocol';

export const frameWidth = (image: FrameImage) => (image instanceof VideoFrame ? image.displayWidth : image.width);
export const frameHeight = (image: FrameImage) => (image instanceof VideoFrame ? image.displayHeight : image.height);

export class FrameCanvas {
  private ctx: OffscreenCanvasRenderingContext2D | null = null;

  /** Draws `image` (a bitmap or video frame) at width x height and returns its pixels (a new array). */
  pixels(image: ImageBitmap | VideoFrame, width: number, height: number): Uint8ClampedArray<ArrayBuffer> {
    let ctx = this.ctx;
    if (!ctx || ctx.canvas.width !== width || ctx.canvas.height !== height) {
      // One size at a time: a resolution change drops the old canvas.
      ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new DepthModelError('inference', 'The browser gave no 2-D canvas to read the camera frame.');
      this.ctx = ctx;
    }
    ctx.drawImage(image, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height).data;
  }
}
