/**
 * A depth map carried in the link itself, for sources with no URL (a dropped
 * file). It goes in the fragment (`#depth=...`), which browsers never send to
 * a server. Format, version 1:
 *
 *   depth=<base64url(zlib(container))>
 *   container = u16 LE header length, header JSON (UTF-8), samples
 *   header    = {"v":1, "name", "width", "height", "type": "uint8"|"uint16"|"uint32"|"float32"|"float64",
 *                "coding": "exact"} or {..., "type": "uint16", "coding": "q16", "lo", "step"}
 *   samples   = width × height samples, transformed by sample-coding.ts
 *
 * "exact" holds every raw sample bit for bit; the units travel in the query
 * (`scale` and the `state` parameter), so every raw value and every metre is
 * reproduced. When that does not fit, float and 32-bit maps are quantized
 * ("q16"): code 0 = no depth, code q ≥ 1 = lo + (q − 1) × step, with lo..lo +
 * 65534 × step spanning the valid samples; they open as float32, off by at most
 * quantizationError(lo, step). 8- and 16-bit maps are never quantized: 16 bits
 * is what they already have.
 *
 * Limits: the fragment text is at most MAX_DEPTH_CHARS characters (64 KiB),
 * and it may inflate to at most MAX_DEPTH_BYTES; maps of more than
 * MAX_TRIED_BYTES of samples are not tried (they cannot fit).
 */
import * as v from 'valibot';
import { MAX_SIDE, type RawSamples, type SampleType } from '../core/depth-image';
import { bytesPerSample, sampleTypeOf } from '../core/samples';
import { decodeSamples, encodeSamples } from './sample-coding';
import { packBytes, unpackBytes } from './packed-bytes';

export const EMBEDDED_DEPTH_VERSION = 1 as const;
export const MAX_DEPTH_CHARS = 64 * 1024;
export const MAX_DEPTH_BYTES = 16 * 1024 * 1024;
export const MAX_TRIED_BYTES = 2 * 1024 * 1024;
const MAX_HEADER_BYTES = 1024;
const MAX_CODE = 65535;

export interface EmbeddedDepth {
  name: string;
  width: number;
  height: number;
  data: RawSamples;
  /** null when every sample is exact; else the largest difference from the original, in raw units. */
  maxError: number | null;
}

export type Embedding = { fits: true; text: string; maxError: number | null } | { fits: false; reason: string };

/** The most a q16 value can differ from its original: half a step, plus float32 rounding (doubled for the float64 arithmetic). */
export function quantizationError(lo: number, step: number): number {
  const largest = Math.max(Math.abs(lo), Math.abs(lo + (MAX_CODE - 1) * step));
  return step / 2 + largest * 2 ** -23;
}

const header = v.pipe(
  v.object({
    v: v.literal(EMBEDDED_DEPTH_VERSION),
    name: v.pipe(v.string(), v.maxLength(200)),
    width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SIDE)),
    height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SIDE)),
    type: v.picklist(['uint8', 'uint16', 'uint32', 'float32', 'float64']),
    coding: v.picklist(['exact', 'q16']),
    lo: v.optional(v.pipe(v.number(), v.finite(), v.minValue(-1e30), v.maxValue(1e30))),
    step: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e30))),
  }),
  v.check((h) => h.coding === 'exact' || (h.type === 'uint16' && h.lo !== undefined && h.step !== undefined)),
);
type Header = v.InferOutput<typeof header>;

function pack(h: Header, samples: Uint8Array): string {
  const json = new TextEncoder().encode(JSON.stringify(h));
  const container = new Uint8Array(2 + json.length + samples.length);
  container[0] = json.length & 0xff;
  container[1] = json.length >> 8;
  container.set(json, 2);
  container.set(samples, 2 + json.length);
  return packBytes(container);
}

/** 16-bit codes for the valid samples' span; null when the span cannot be held by float32. */
function quantize(data: RawSamples, isValid: (i: number) => boolean): { codes: Uint16Array; lo: number; step: number } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (isValid(i) && Number.isFinite(data[i])) {
      lo = Math.min(lo, data[i]);
      hi = Math.max(hi, data[i]);
    }
  }
  if (lo === Infinity) lo = hi = 0;
  if (Math.max(Math.abs(lo), Math.abs(hi)) > 1e30) return null;
  const step = (hi - lo) / (MAX_CODE - 1);
  const codes = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) {
    if (!isValid(i) || !Number.isFinite(data[i])) continue;
    codes[i] = step === 0 ? 1 : Math.min(MAX_CODE, 1 + Math.round((data[i] - lo) / step));
  }
  return { codes, lo, step };
}

const kb = (chars: number) => `${(chars / 1024).toFixed(1)} KB`;

/**
 * The fragment text for a map, exact if it fits, else quantized (float and
 * 32-bit maps), else the reason it cannot be carried. `isValid` says which
 * samples are depths (the others are coded as no depth when quantizing).
 */
export function embedDepth(image: { width: number; height: number; data: RawSamples }, name: string, isValid: (i: number) => boolean): Embedding {
  const type = sampleTypeOf(image.data);
  const tooBig = (size: string) => ({
    fits: false as const,
    reason: `it needs ${size} of link text and a link carries at most ${kb(MAX_DEPTH_CHARS)}`,
  });
  if (image.data.byteLength > MAX_TRIED_BYTES) return tooBig(`far more than ${kb(MAX_DEPTH_CHARS)}`);
  const base = { v: EMBEDDED_DEPTH_VERSION, name: name.slice(0, 200), width: image.width, height: image.height };
  const exact = pack({ ...base, type, coding: 'exact' }, encodeSamples(image.data, image.width));
  if (exact.length <= MAX_DEPTH_CHARS) return { fits: true, text: exact, maxError: null };
  if (type === 'uint8' || type === 'uint16') return tooBig(kb(exact.length));
  const q = quantize(image.data, isValid);
  if (!q) return tooBig(kb(exact.length));
  const text = pack({ ...base, type: 'uint16', coding: 'q16', lo: q.lo, step: q.step }, encodeSamples(q.codes, image.width));
  if (text.length > MAX_DEPTH_CHARS) return tooBig(`${kb(text.length)} even quantized to 16 bits`);
  return { fits: true, text, maxError: quantizationError(q.lo, q.step) };
}

function readHeader(bytes: Uint8Array): { header: Header; samples: Uint8Array } | { problem: string } {
  const length = bytes.length >= 2 ? bytes[0] | (bytes[1] << 8) : -1;
  if (length < 0 || length > MAX_HEADER_BYTES || 2 + length > bytes.length) return { problem: 'has no readable header' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(2, 2 + length)));
  } catch {
    return { problem: 'has a header that is not JSON' };
  }
  const version = (json as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version > EMBEDDED_DEPTH_VERSION) {
    return { problem: `is version ${version}, made by a newer Depthscope than this one (version ${EMBEDDED_DEPTH_VERSION})` };
  }
  const parsed = v.safeParse(header, json);
  if (!parsed.success) return { problem: 'has a header that does not describe a depth map Depthscope can read' };
  return { header: parsed.output, samples: bytes.subarray(2 + length) };
}

export function readEmbeddedDepth(text: string): { depth: EmbeddedDepth } | { problem: string } {
  const unpacked = unpackBytes(text, { maxChars: MAX_DEPTH_CHARS, maxBytes: MAX_DEPTH_BYTES + 2 + MAX_HEADER_BYTES });
  if ('problem' in unpacked) return unpacked;
  const read = readHeader(unpacked.bytes);
  if ('problem' in read) return read;
  const { header: h, samples } = read;
  const expected = h.width * h.height * bytesPerSample(h.type as SampleType);
  if (samples.length !== expected) return { problem: `holds ${samples.length} bytes of samples where ${h.width} × ${h.height} ${h.type} need ${expected}` };
  const data = decodeSamples(samples, h.type, h.width, h.height);
  const base = { name: h.name, width: h.width, height: h.height };
  if (h.coding === 'exact') return { depth: { ...base, data, maxError: null } };
  const lo = h.lo as number;
  const step = h.step as number;
  const values = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) values[i] = data[i] === 0 ? Number.NaN : lo + (data[i] - 1) * step;
  return { depth: { ...base, data: values, maxError: quantizationError(lo, step) } };
}
