/**
 * The decoded depth image: raw samples exactly as stored in the file, never
 * converted or rounded. Units are applied later (see units.ts) so that the
 * readout can always show the stored sample next to the derived metres.
 */

export type SampleType = 'uint8' | 'uint16' | 'uint32' | 'float32' | 'float64';

export type RawSamples = Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

/** The container format, detected from magic bytes (never from the extension). */
export type DepthFormat = 'png' | 'tiff' | 'pgm' | 'pfm' | 'npy' | 'exr' | 'image';

export interface RawDepthImage {
  readonly width: number;
  readonly height: number;
  /** Row-major, top row first, one sample per pixel, length = width * height. */
  readonly data: RawSamples;
  readonly sampleType: SampleType;
  readonly format: DepthFormat;
  /** Number of pages (TIFF) or 1. */
  readonly pageCount: number;
  /** Which page this is (0-based). */
  readonly page: number;
  /** Things the user should know about how the file was read (e.g. "took gray from gray+alpha"). */
  readonly notes: readonly string[];
}

/** Largest side we accept, and the total pixel budget (both checked before allocating). */
export const MAX_SIDE = 16384;
export const MAX_PIXELS = 64 * 1024 * 1024;

/**
 * An error whose message is meant for the user: what was wrong and what is supported.
 * Decoders throw this for every input they refuse.
 */
export class DepthDecodeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DepthDecodeError';
  }
}

export function isFloatSample(t: SampleType): boolean {
  return t === 'float32' || t === 'float64';
}

/** Throws a DepthDecodeError unless width x height is a size we are willing to allocate. */
export function checkDimensions(width: number, height: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new DepthDecodeError(`${what}: the image size ${width} x ${height} is empty or invalid.`);
  }
  if (width > MAX_SIDE || height > MAX_SIDE) {
    throw new DepthDecodeError(
      `${what}: ${width} x ${height} pixels is too large; at most ${MAX_SIDE} pixels per side are supported.`,
    );
  }
  if (width * height > MAX_PIXELS) {
    throw new DepthDecodeError(
      `${what}: ${width} x ${height} pixels is too large; at most ${MAX_PIXELS / (1024 * 1024)} M pixels in total are supported.`,
    );
  }
}

/** An error's message, or the thrown value as text. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * `error` itself if it is already a DepthDecodeError, else one saying what we were
 * doing (`doing`, e.g. "PNG: the image data could not be decompressed") and that the
 * file is probably damaged, with the original message in parentheses and as `cause`.
 */
export function asDecodeError(doing: string, error: unknown): DepthDecodeError {
  if (error instanceof DepthDecodeError) return error;
  return new DepthDecodeError(`${doing}; the file is probably damaged (${describeError(error)}).`, { cause: error });
}
