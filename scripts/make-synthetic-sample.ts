/**
 * Writes the bundled synthetic sample (npm run samples): the scene of
 * src/core/synthetic-scene.ts as a 16-bit millimetre PNG with noise and holes,
 * its float32 ground truth in metres as NPY, and the camera intrinsics as JSON.
 * Deterministic: the same files on every run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticScene, measuredAsMillimetres } from '../src/core/synthetic-scene';
import { encodePng16 } from '../src/io/encode-png16';
import { encodeNpy } from '../src/io/encode-npy';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/samples');
mkdirSync(out, { recursive: true });

const scene = makeSyntheticScene({ width: 640, height: 480, seed: 1 });
const { width, height } = scene;
writeFileSync(path.join(out, 'synthetic-depth.png'), encodePng16({ width, height, data: measuredAsMillimetres(scene) }));
writeFileSync(path.join(out, 'synthetic-ground-truth.npy'), encodeNpy({ width, height, data: scene.groundTruthM }));
writeFileSync(
  path.join(out, 'synthetic-intrinsics.json'),
  `${JSON.stringify({ width, height, ...scene.intrinsics, depth_scale: 1000, note: 'Open3D-style pinhole; depth PNG in mm' }, null, 2)}\n`,
);
let holes = 0;
for (const z of scene.measuredM) if (Number.isNaN(z)) holes++;
console.log(`wrote ${out}/synthetic-*: ${width}x${height}, ${((100 * holes) / (width * height)).toFixed(1)}% holes`);
