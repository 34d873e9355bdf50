/** Test support: the summary and frames of a small made-up recording (frame k holds the value k). */
import type { RawDepthImage } from '../core/depth-image';
import type { RecordingSummary } from '../core/recording';

/** A folder-kind recording of `frames` frames at 10 fps; `hasColour(i)` says which have colour. */
export function fakeSummary(frames: number, hasColour: (i: number) => boolean = () => false): RecordingSummary {
  return {
    kind: 'folder',
    name: 'clip',
    frames: Array.from({ length: frames }, (_, i) => ({ timeS: i / 10, stamp: i, pose: null, hasColour: hasColour(i) })),
    depthUnitM: 0.001,
    depthUnitSource: 'test',
    depthCamera: null,
    colourCamera: null,
    depthToColour: null,
    streams: [],
    depthStream: 'depth',
    colourStream: 'colour',
    hasReference: false,
    notes: [],
  };
}

/** A 2x1 16-bit depth frame whose two samples are `value`. */
export function fakeDepth(value: number): RawDepthImage {
  return { width: 2, height: 1, data: new Uint16Array([value, value]), sampleType: 'uint16', format: 'png', pageCount: 1, page: 0, notes: [] };
}
