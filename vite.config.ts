import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// WGSL files are imported as strings with `?raw`, so each kernel lives in its
// own file under shaders/ and is bundled with the code that runs it.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
});
