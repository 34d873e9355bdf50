/**
 * The screenshot of the view on screen. A WebGPU canvas keeps its picture only
 * until the frame is presented, so reading it later gives nothing: the view
 * that is shown registers how to capture itself, which draws one frame and
 * snapshots the canvas in the same task (toBlob copies the bitmap when called).
 */
export type ViewCapture = () => Promise<Blob>;

let current: ViewCapture | null = null;

/** Makes `capture` the view's; returns the function that unregisters it (only if still current). */
export function registerViewCapture(capture: ViewCapture): () => void {
  current = capture;
  return () => {
    if (current === capture) current = null;
  };
}

export function captureView(): Promise<Blob> {
  if (!current) return Promise.reject(new Error('no view is shown'));
  return current();
}

/** Draws with `draw`, then snapshots `canvas` as PNG before the frame is presented. */
export function canvasCapture(canvas: HTMLCanvasElement, draw: () => void): Promise<Blob> {
  return new Promise((resolve, reject) => {
    draw();
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no picture'))), 'image/png');
  });
}
