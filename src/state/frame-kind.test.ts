import { describe, expect, it } from 'vitest';
import { frameKind } from './frame-kind';
import type { LoadedSource } from './store';

const source = (index: number, played?: boolean, sequence = 7, width = 4): LoadedSource => ({
  name: 'f',
  url: null,
  raw: { width, height: 3, data: new Uint16Array(width * 3), sampleType: 'uint16', format: 'png', pageCount: 1, page: 0, notes: [] },
  frame: { sequence, index, played },
});

describe('frameKind', () => {
  it('keeps the temporal history for the next frame of the same sequence', () => {
    expect(frameKind(source(4), source(3))).toBe('next-frame');
  });

  it('keeps it across frames that playback skipped to keep the recorded rate, not across a jump by hand', () => {
    expect(frameKind(source(9, true), source(3))).toBe('next-frame');
    expect(frameKind(source(9), source(3))).toBe('new-image');
  });

  it('starts over for a step back, the loop back to the start, another sequence or another size', () => {
    expect(frameKind(source(2, true), source(3))).toBe('new-image');
    expect(frameKind(source(0, true), source(4))).toBe('new-image');
    expect(frameKind(source(4, false, 8), source(3))).toBe('new-image');
    expect(frameKind(source(4, false, 7, 5), source(3))).toBe('new-image');
    expect(frameKind(source(0), null)).toBe('new-image');
  });
});
