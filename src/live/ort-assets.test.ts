/**
 * ort-assets.ts names the WebAssembly binary Vite serves to ONNX Runtime Web.
 * After an upgrade of transformers.js or onnxruntime-web the pair could drift
 * (another entry point, another binary): the model would then fall back to a
 * CDN download, which fails offline. This checks the installed packages still
 * agree with the file ort-assets.ts imports (read as text: importing it would
 * load transformers.js's Node build).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.resolve(here, '../../node_modules');
const ortDir = path.join(modules, 'onnxruntime-web');

/** The binary named by ort-assets.ts's `?url` import. */
function servedBinary(): string {
  const source = readFileSync(path.join(here, 'ort-assets.ts'), 'utf8');
  const m = /from 'onnxruntime-web\/([\w.-]+\.wasm)\?url'/.exec(source);
  if (!m) throw new Error('ort-assets.ts imports no onnxruntime-web binary');
  return m[1];
}

describe('ONNX Runtime Web assets', () => {
  it('transformers.js (browser build) imports onnxruntime-web/webgpu and nothing else of it', () => {
    const web = readFileSync(path.join(modules, '@huggingface/transformers/dist/transformers.web.js'), 'utf8');
    const imports = [...web.matchAll(/from\s*["'](onnxruntime-web[^"']*)["']/g)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(['onnxruntime-web/webgpu']));
  });

  it('the bundle behind onnxruntime-web/webgpu loads the binary ort-assets.ts serves, and that binary ships', () => {
    const pkg = JSON.parse(readFileSync(path.join(ortDir, 'package.json'), 'utf8'));
    const bundle: string = pkg.exports['./webgpu'].import.default;
    const code = readFileSync(path.join(ortDir, bundle), 'utf8');
    expect(new Set(code.match(/ort-wasm-simd-threaded[\w.]*\.wasm/g))).toEqual(new Set([servedBinary()]));
    expect(existsSync(path.join(ortDir, 'dist', servedBinary()))).toBe(true);
  });
});
