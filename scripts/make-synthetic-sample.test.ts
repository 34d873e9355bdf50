/** The bundled synthetic sample is exactly what the generator makes (so `npm run samples` is its source). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSyntheticScene, measuredAsMillimetres } from '../src/core/synthetic-scene';
import { decodeDepth } from '../src/io/decode-depth';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/samples');

describe('bundled synthetic sample', () => {
  const scene = makeSyntheticScene({ width: 640, height: 480, seed: 1 });

  it('synthetic-depth.png holds the generated millimetres, bit for bit', () => {
    const raw = decodeDepth(new Uint8Array(readFileSync(path.join(samples, 'synthetic-depth.png'))));
    expect([raw.width, raw.height, raw.sampleType]).toEqual([640, 480, 'uint16']);
    expect(Buffer.from(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength)).toEqual(
      Buffer.from(measuredAsMillimetres(scene).buffer),
    );
  });

  it('synthetic-ground-truth.npy holds the generated ground truth in metres', () => {
    const raw = decodeDepth(new Uint8Array(readFileSync(path.join(samples, 'synthetic-ground-truth.npy'))));
    expect([raw.width, raw.height, raw.sampleType]).toEqual([640, 480, 'float32']);
    expect(Array.from(raw.data)).toEqual(Array.from(scene.groundTruthM));
  });
});
