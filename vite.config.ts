import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// WGSL files are imported as strings with `?raw`, so each kernel lives in its
// own file under shaders/ and is bundled with the code that runs it.
export default defineConfig({
  plugins: [react()],
  // No SPA fallback: a missing file must be a 404, not index.html served as "the depth file".
  appType: 'mpa',
  // DEPTHSCOPE_HMR=off (the end-to-end tests' server, playwright.config.ts): a source file saved
  // while a test runs (an edit, a merge, a checkout on this shared machine) must not reload the
  // page under the test. A reload puts back the last link written, e.g. frame 0 of a recording
  // with its probe, and the test then reads a state it never made.
  server: { host: '127.0.0.1', port: 5173, hmr: process.env.DEPTHSCOPE_HMR !== 'off' },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  // Listed up front so the dev server never discovers a dependency mid-session
  // and reloads the page (which would make end-to-end tests flaky).
  optimizeDeps: {
    include: [
      'react',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'three',
      'three/webgpu',
      '@react-three/fiber',
      'zustand',
      'zustand/vanilla',
      'zustand/react/shallow',
      'fast-png',
      'tiff',
      'fflate',
      // The live depth model's worker (src/live/depth-model.worker.ts).
      '@huggingface/transformers',
      // The recording worker (src/io/recording-worker.ts): bag and MCAP readers, EXR.
      '@foxglove/rosbag',
      '@foxglove/rosmsg',
      '@foxglove/rosmsg-serialization',
      '@foxglove/rosmsg2-serialization',
      '@mcap/core',
      'fzstd',
      'lz4js',
      'three/examples/jsm/loaders/EXRLoader.js',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
