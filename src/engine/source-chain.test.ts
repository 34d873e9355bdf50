import { afterEach, describe, expect, it } from 'vitest';
import type { FrameKind } from '../core/filter-chain';
import type { ColourRegistration } from '../core/align-depth';
import type { ChainOutput } from '../gpu/depth-processor';
import { initialState, setState, store, type DepthscopeState } from '../state/store';
import { filteredReaders } from '../state/filtered-readers';
import { chainOutput, driveChain, subscribeChainOutput, type SourceChainProcessor } from './source-chain';

/** A processor that counts the chain's runs, with DepthProcessor's rule: it runs only after its frame or chain changed. */
class CountingProcessor implements SourceChainProcessor {
  runs = 0;
  frames: FrameKind[] = [];
  registrations: (ColourRegistration | null)[] = [];
  destroyed = false;
  private dirty = false;
  onStageFault = () => {};

  setFrame(_depth: Float32Array, _width: number, _height: number, kind: FrameKind): void {
    this.frames.push(kind);
    this.dirty = true;
  }

  setChain(): void {
    this.dirty = true;
  }

  setRegistration(r: ColourRegistration | null): void {
    if (r === this.registrations.at(-1)) return;
    this.registrations.push(r);
    this.dirty = true;
  }

  run(): ChainOutput | null {
    if (!this.dirty || this.frames.length === 0) return null;
    this.dirty = false;
    this.runs++;
    const buffer = { label: `run-${this.runs}` } as unknown as GPUBuffer;
    return { raw: buffer, rawSize: { width: 4, height: 2 }, result: { buffer, size: { width: 4, height: 2 }, factor: 1 } };
  }

  output() {
    return { width: 4, height: 2, factor: 1, read: () => Promise.resolve(this.runs), readAll: () => Promise.resolve(new Float32Array(8)) };
  }

  destroy(): void {
    this.destroyed = true;
  }
}

function frame(index: number): Pick<DepthscopeState, 'source' | 'analysis'> {
  const depth = new Float32Array(8).fill(1 + index);
  const raw = { width: 4, height: 2, data: depth, sampleType: 'float32', format: 'npy', pageCount: 1, page: 0, notes: [] } as unknown as NonNullable<DepthscopeState['source']>['raw'];
  return {
    source: { name: `f${index}.npy`, url: null, raw, frame: { sequence: 1, index } },
    analysis: { depth, sortedValid: depth, stats: {} as NonNullable<DepthscopeState['analysis']>['stats'] },
  };
}

const median = { id: 1, stage: { kind: 'median', enabled: true, params: { size: 3 } } } as DepthscopeState['chain'][number];

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  store.setState(initialState(), true);
});

describe('the engine runs one filter chain for the source', () => {
  it('runs it once per new frame and once per chain change, whichever views are open, and publishes each output', () => {
    setState(frame(0));
    const processor = new CountingProcessor();
    const seen: (ChainOutput | null)[] = [];
    const off = subscribeChainOutput((o) => seen.push(o));
    stop = driveChain(processor);
    expect(processor.runs).toBe(1);
    expect(chainOutput()).not.toBeNull();
    expect(filteredReaders(store.getState().filtered!.version)).not.toBeNull();

    // Opening views and recolouring run no chain: the views draw the output there is.
    for (const mode of ['cloud', 'ar', 'heatmap'] as const) setState({ mode });
    setState({ colormap: 'magma', cloud: { ...store.getState().cloud, stride: 2 } });
    expect(processor.runs).toBe(1);

    setState(frame(1));
    expect(processor.runs).toBe(2);
    expect(processor.frames).toEqual(['new-image', 'next-frame']);
    setState({ mode: 'cloud' });
    setState({ chain: [median] });
    expect(processor.runs).toBe(3);
    setState({ mode: 'ar' });
    setState(frame(2));
    expect(processor.runs).toBe(4);

    expect(seen).toHaveLength(4);
    expect(seen.every((o) => o !== null)).toBe(true);
    off();
  });

  it('when stopped, destroys its chain and withdraws the output', () => {
    setState(frame(0));
    const processor = new CountingProcessor();
    driveChain(processor)();
    expect(processor.destroyed).toBe(true);
    expect(chainOutput()).toBeNull();
    expect(store.getState().filtered).toBeNull();
  });

  it('registers the frames to the colour camera while the store asks, only on WebGPU, and the chain re-runs when it changes', () => {
    const camera = { width: 4, height: 2, fx: 4, fy: 4, cx: 1.5, cy: 0.5, distortion: 'none' as const, coeffs: [0, 0, 0, 0, 0] };
    const registration = { depthCamera: camera, colourCamera: { ...camera, width: 8, height: 4 }, depthToColour: [1, 0, 0, 0.01, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] };
    setState({ ...frame(0), backend: 'webgpu' });
    const processor = new CountingProcessor();
    stop = driveChain(processor);
    expect(processor.registrations).toEqual([null]);
    setState({ registration });
    expect(processor.registrations).toEqual([null, registration]);
    expect(processor.runs).toBe(2);
    // New frames keep it (no reset of the temporal history on each frame).
    setState(frame(1));
    expect(processor.registrations).toEqual([null, registration]);
    // The CPU heatmap (WebGL) cannot register: the engine is told none.
    setState({ backend: 'webgl' });
    expect(processor.registrations).toEqual([null, registration, null]);
  });
});
