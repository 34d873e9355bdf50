/**
 * What the comparison tests open and expect, made in Node: the real TUM frame
 * of ../shared/samples decoded with fast-png (not the app's decoder) and
 * divided by 5000 as the dataset says; predictions made from it with errors
 * known in closed form, written as files the app opens; and the float64
 * references of src/core (independent of the GPU passes the app runs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'fast-png';
import { encodePfm } from '../src/io/encode-pfm';
import { encodePng16 } from '../src/io/encode-png16';
import { sample } from './helpers';

export const TUM_FILE = sample('tum/depth.png');

export interface Field {
  depth: Float32Array;
  width: number;
  height: number;
}

export function tumRaw(): { data: Uint16Array; width: number; height: number } {
  const png = decode(readFileSync(TUM_FILE));
  return { data: png.data as Uint16Array, width: png.width, height: png.height };
}

/** The TUM frame in metres (float32, as the app stores depth), NaN where the sensor had none. */
export function tumMetres(): Field {
  const { data, width, height } = tumRaw();
  return { depth: Float32Array.from(data, (r) => (r === 0 ? Number.NaN : r / 5000)), width, height };
}

/** A prediction `factor` times the reference, as metres in a PFM (NaN stays "no depth"). */
export function scaledPfm(field: Field, factor: number, name: string) {
  const depth = Float32Array.from(field.depth, (g) => factor * g);
  const buffer = Buffer.from(encodePfm({ width: field.width, height: field.height, data: depth }));
  return { depth, file: { name, mimeType: 'application/octet-stream', buffer } };
}

/** The raw TUM samples at half size (every other pixel, odd rows and columns), as a 16-bit PNG. */
export function halfSizeTumPng(name: string) {
  const { data, width, height } = tumRaw();
  const w = width / 2;
  const h = height / 2;
  const half = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) half[y * w + x] = data[(2 * y + 1) * width + 2 * x + 1];
  const metres = Float32Array.from(half, (r) => (r === 0 ? Number.NaN : r / 5000));
  return { field: { depth: metres, width: w, height: h }, file: { name, mimeType: 'image/png', buffer: Buffer.from(encodePng16({ width: w, height: h, data: half })) } };
}

const PUBLIC_SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/samples');

/**
 * The bundled synthetic pair: a simulated sensor's map (16-bit PNG, millimetres,
 * 0 = no depth; metres as the app's 'mm' preset makes them, raw × 0.001 in float32)
 * and the scene's ground truth (a little-endian float32 NPY, version 1: a 10-byte
 * preamble, the header, then the samples row by row).
 */
export function syntheticPair(): { map: Field; truth: Field } {
  const png = decode(readFileSync(path.join(PUBLIC_SAMPLES, 'synthetic-depth.png')));
  const { width, height } = png;
  const map = { depth: Float32Array.from(png.data as Uint16Array, (r) => (r === 0 ? Number.NaN : r * 0.001)), width, height };
  const npy = readFileSync(path.join(PUBLIC_SAMPLES, 'synthetic-ground-truth.npy'));
  const header = npy.toString('latin1', 10, 10 + npy.readUInt16LE(8));
  if (!header.includes("'<f4'") || !header.includes(`(${height}, ${width})`)) throw new Error(`unexpected NPY header ${header}`);
  const start = 10 + npy.readUInt16LE(8);
  const truth = new Float32Array(width * height);
  for (let i = 0; i < truth.length; i++) truth[i] = npy.readFloatLE(start + 4 * i);
  return { map, truth: { depth: truth, width, height } };
}
