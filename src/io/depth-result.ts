/**
 * Building (and checking) the RawDepthImage every decoder returns.
 */

import type { DepthFormat, RawDepthImage, RawSamples } from '../core/depth-image';
import { sampleTypeOf } from '../core/samples';

export interface DepthResultParts {
  width: number;
  height: number;
  data: RawSamples;
  format: DepthFormat;
  notes?: readonly string[];
  page?: number;
  pageCount?: number;
}

/**
 * Checks the invariants callers rely on: one sample per pixel, sampleType naming the
 * array's actual type, page inside pageCount. A failure is our bug, not the file's,
 * so it throws a plain Error (which guardDecoder reports as unexpected).
 */
export function assertDepthImage(image: RawDepthImage): void {
  const { width, height, data, page, pageCount } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new Error(`internal: bad size ${width} x ${height}`);
  }
  if (data.length !== width * height) {
    throw new Error(`internal: ${data.length} samples for ${width} x ${height} pixels`);
  }
  if (sampleTypeOf(data) !== image.sampleType) {
    throw new Error(`internal: sampleType ${image.sampleType} but data is ${sampleTypeOf(data)}`);
  }
  if (!Number.isInteger(page) || !Number.isInteger(pageCount) || page < 0 || page >= pageCount) {
    throw new Error(`internal: page ${page} of ${pageCount}`);
  }
}

export function makeDepthImage(parts: DepthResultParts): RawDepthImage {
  const image: RawDepthImage = {
    width: parts.width,
    height: parts.height,
    data: parts.data,
    sampleType: sampleTypeOf(parts.data),
    format: parts.format,
    page: parts.page ?? 0,
    pageCount: parts.pageCount ?? 1,
    notes: [...(parts.notes ?? [])],
  };
  assertDepthImage(image);
  return image;
}
