/**
 * OpenCV.js (@techstark/opencv-js, OpenCV 4.12 compiled to WebAssembly) for the
 * benchmark page only: the app never loads it. It is a 10 MB UMD script with the
 * wasm inlined, so it is loaded as a classic <script> from its package (Vite
 * gives the URL) rather than bundled: nothing else has to parse it.
 *
 * What is compared, and how it differs from our filters:
 * - medianBlur: CV_32F supports only ksize 3 and 5 (the two sizes we have).
 * - bilateralFilter: sigma range in absolute units only, and no notion of an
 *   invalid sample, so holes (written 0 here, as depth cameras do) are smoothed
 *   into their neighbours; ours skips them and keeps them as holes.
 * - inpaint (Telea): fills the masked pixels from their surroundings. This build
 *   accepts CV_32FC1 directly (as do 8-bit and 16-bit), so it runs on the same
 *   metres as our hole fills; it is a different method (a fast-marching fill over
 *   `radius` px) compared for speed, not for equal output.
 */
import opencvUrl from '@techstark/opencv-js/dist/opencv.js?url';

/** The few parts of the OpenCV.js API used here. */
export interface CvMat {
  data: Uint8Array;
  data32F: Float32Array;
  delete(): void;
}
interface OpenCv {
  Mat: new (rows?: number, cols?: number, type?: number) => CvMat;
  CV_8U: number;
  CV_32F: number;
  INPAINT_TELEA: number;
  medianBlur(src: CvMat, dst: CvMat, ksize: number): void;
  bilateralFilter(src: CvMat, dst: CvMat, d: number, sigmaColor: number, sigmaSpace: number): void;
  inpaint(src: CvMat, mask: CvMat, dst: CvMat, radius: number, flags: number): void;
  onRuntimeInitialized?: () => void;
}

// Always wrapped: the Emscripten module has a then() that calls back with itself,
// so a promise (or async function) resolved with it adopts it again, forever, and
// the page hangs.
let loading: Promise<{ cv: OpenCv }> | null = null;

/** Loads OpenCV.js once and resolves when its wasm runtime is ready. */
export function loadOpenCv(): Promise<{ cv: OpenCv }> {
  loading ??= new Promise<{ cv: OpenCv }>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = opencvUrl;
    script.onerror = () => reject(new Error(`could not load ${opencvUrl}`));
    script.onload = () => {
      const cv = (window as unknown as { cv: OpenCv }).cv;
      if (typeof cv.Mat === 'function') resolve({ cv });
      else cv.onRuntimeInitialized = () => resolve({ cv });
    };
    document.head.append(script);
  });
  return loading;
}

export type OpenCvOp = 'medianBlur3' | 'medianBlur5' | 'bilateralFilter' | 'inpaintTelea';

/**
 * One OpenCV operation on `depth` (NaN = hole), set up once: returns the call to
 * time and a cleanup. Holes become 0 for OpenCV, and the inpaint mask.
 */
export async function openCvCase(op: OpenCvOp, depth: Float32Array, width: number, height: number, bilateral = { d: 7, sigmaColor: 0.05, sigmaSpace: 2 }) {
  const { cv } = await loadOpenCv();
  const src = new cv.Mat(height, width, cv.CV_32F);
  const dst = new cv.Mat(height, width, cv.CV_32F);
  const mask = new cv.Mat(height, width, cv.CV_8U);
  for (let i = 0; i < depth.length; i++) {
    const hole = !Number.isFinite(depth[i]);
    src.data32F[i] = hole ? 0 : depth[i];
    mask.data[i] = hole ? 255 : 0;
  }
  const run: Record<OpenCvOp, () => void> = {
    medianBlur3: () => cv.medianBlur(src, dst, 3),
    medianBlur5: () => cv.medianBlur(src, dst, 5),
    bilateralFilter: () => cv.bilateralFilter(src, dst, bilateral.d, bilateral.sigmaColor, bilateral.sigmaSpace),
    inpaintTelea: () => cv.inpaint(src, mask, dst, 3, cv.INPAINT_TELEA),
  };
  return {
    run: run[op],
    result: () => dst.data32F.slice(),
    destroy: () => [src, dst, mask].forEach((m) => m.delete()),
  };
}
