/**
 * Reversible transforms that make depth samples compress well, for maps carried
 * in a link. Integer samples become differences from their left neighbour
 * (wrapping in the sample's own width), since depth is smooth along a row and
 * small differences repeat; then the bytes are grouped by significance (every
 * sample's lowest byte, then every second byte...), since high bytes vary
 * little. Float samples are only grouped: their bit patterns (NaN payloads, -0)
 * are kept exactly. Bytes are little-endian whatever the host.
 */
import type { RawSamples, SampleType } from '../core/depth-image';
import { bytesPerSample, samplesFromBytes, samplesToBytes, sampleTypeOf } from '../core/samples';

const isInteger = (type: SampleType) => type === 'uint8' || type === 'uint16' || type === 'uint32';

function rowDifferences(data: Uint8Array | Uint16Array | Uint32Array, width: number): RawSamples {
  const out = new (data.constructor as Uint16ArrayConstructor)(data.length);
  for (let i = 0; i < data.length; i++) out[i] = i % width === 0 ? data[i] : data[i] - data[i - 1];
  return out;
}

function rowSums(data: Uint8Array | Uint16Array | Uint32Array, width: number): void {
  for (let i = 0; i < data.length; i++) if (i % width !== 0) data[i] = data[i] + data[i - 1];
}

function groupBytes(bytes: Uint8Array, size: number): Uint8Array {
  const count = bytes.length / size;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < count; i++) for (let b = 0; b < size; b++) out[b * count + i] = bytes[i * size + b];
  return out;
}

function ungroupBytes(bytes: Uint8Array, size: number): Uint8Array {
  const count = bytes.length / size;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < count; i++) for (let b = 0; b < size; b++) out[i * size + b] = bytes[b * count + i];
  return out;
}

export function encodeSamples(data: RawSamples, width: number): Uint8Array {
  const type = sampleTypeOf(data);
  const coded = isInteger(type) ? rowDifferences(data as Uint16Array, width) : data;
  return groupBytes(samplesToBytes(coded, true), bytesPerSample(type));
}

/** `bytes` must hold exactly width * height samples of `type` (the caller checks). */
export function decodeSamples(bytes: Uint8Array, type: SampleType, width: number, height: number): RawSamples {
  const data = samplesFromBytes(ungroupBytes(bytes, bytesPerSample(type)), 0, width * height, type, true);
  // The typed array's own wrapping undoes the differences' wrapping.
  if (isInteger(type)) rowSums(data as Uint16Array, width);
  return data;
}
