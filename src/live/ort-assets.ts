/**
 * Where ONNX Runtime Web finds its WebAssembly binary: on this site, never a CDN.
 * transformers.js points onnxruntime-web at jsDelivr by default; the `?url`
 * import makes Vite serve the binary from node_modules in development and
 * copy it into dist/assets at build, so it is never committed and loads offline.
 *
 * transformers.js imports 'onnxruntime-web/webgpu', whose bundle embeds the
 * JavaScript glue and expects the asyncify build of the binary (its WebGPU
 * support needs asyncify): that is the file named here. ort-assets.test.ts
 * checks the two still agree after an upgrade.
 */
import { env } from '@huggingface/transformers';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

/** Call once, before the first model loads. */
export function serveOnnxRuntimeFromThisSite(): void {
  const wasm = env.backends.onnx.wasm;
  if (!wasm) throw new Error('onnxruntime-web exposes no wasm settings');
  // Only the binary: the glue stays the one embedded in the bundle, so no .mjs is fetched or cached.
  wasm.wasmPaths = { wasm: new URL(ortWasmUrl, self.location.href).href };
  // Threads need SharedArrayBuffer, which needs a cross-origin isolated page (COOP/COEP headers).
  wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
}
