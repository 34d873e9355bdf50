/**
 * The readers of the filter chain's current output, kept beside the store rather
 * than in it: the store holds plain data (the output's version, size and
 * decimation), and these are functions and GPU objects. Whoever runs the chain
 * (a GPU view, or the CPU worker) publishes both at once; readers ask with the
 * version they saw in the store, so a reader never reads an output that has been
 * replaced (its GPU buffer may be gone).
 */
import { setState } from './store';

export interface FilteredReaders {
  /** The filtered value at filtered-image pixel (x, y); the GPU reads back this one value. */
  read(x: number, y: number): Promise<number>;
  /** The whole filtered field: one read-back, for exports and evaluation, never per frame. */
  readAll(): Promise<Float32Array>;
  /** On the GPU: the device and the buffer holding the output, valid while this output is current. */
  gpu?: { device: GPUDevice; buffer: GPUBuffer };
  /**
   * The chain's input at image pixel (x, y), metres: there when it is not the
   * stored frame (depth registered to colour on the GPU), read back one value at a time.
   */
  readInput?: (x: number, y: number) => Promise<number>;
}

export interface PublishedOutput extends FilteredReaders {
  width: number;
  height: number;
  factor: number;
}

let versions = 0;
let current: { version: number; readers: FilteredReaders } | null = null;

/** Makes `out` the chain's current output: its description goes to the store, its readers here. */
export function publishFiltered(out: PublishedOutput): void {
  const version = ++versions;
  current = { version, readers: { read: out.read, readAll: out.readAll, gpu: out.gpu, readInput: out.readInput } };
  setState({ filtered: { version, width: out.width, height: out.height, factor: out.factor } });
}

/** No output (the view that ran the chain is gone). */
export function clearFiltered(): void {
  current = null;
  setState({ filtered: null });
}

/** The readers of output `version`, or null if another output has replaced it. */
export function filteredReaders(version: number): FilteredReaders | null {
  return current?.version === version ? current.readers : null;
}
