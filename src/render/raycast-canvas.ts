/**
 * Draws the engine's live ray-cast image (engine/recon-view.ts) into a canvas
 * on the GPU: the canvas's WebGPU context is configured on the engine's
 * device and each new image is copied buffer-to-texture into its current
 * texture. No pixel comes through the CPU. The canvas's data-orbit states the
 * orbit the image on it was cast with ("follow": the followed camera's own view).
 */
import { raycastImage, subscribeRaycastImage, type RaycastImage } from '../engine/recon-view';
import { orbitLabel } from '../core/orbit-camera';

/** Follows the engine's image into `canvas`; `onShown` says whether an image is on it. Returns the detach. */
export function attachRaycastCanvas(canvas: HTMLCanvasElement, onShown: (shown: boolean) => void): () => void {
  const context = canvas.getContext('webgpu');
  let configured: GPUDevice | null = null;
  const show = (image: RaycastImage | null) => {
    if (!image || !context) return onShown(false);
    if (canvas.width !== image.width || canvas.height !== image.height) {
      canvas.width = image.width;
      canvas.height = image.height;
    }
    if (configured !== image.device) {
      // rgba8unorm: the image's bytes are R, G, B, A, copied as they are.
      context.configure({ device: image.device, format: 'rgba8unorm', usage: GPUTextureUsage.COPY_DST | GPUTextureUsage.RENDER_ATTACHMENT, alphaMode: 'opaque' });
      configured = image.device;
    }
    const encoder = image.device.createCommandEncoder({ label: 'raycast-canvas' });
    encoder.copyBufferToTexture({ buffer: image.buffer, bytesPerRow: 4 * image.stride, rowsPerImage: image.height }, { texture: context.getCurrentTexture() }, { width: image.width, height: image.height });
    image.device.queue.submit([encoder.finish()]);
    canvas.dataset.orbit = orbitLabel(image.orbit);
    onShown(true);
  };
  canvas.dataset.orbit = orbitLabel(null);
  show(raycastImage());
  const detach = subscribeRaycastImage(show);
  return () => {
    detach();
    if (configured) context?.unconfigure();
  };
}
