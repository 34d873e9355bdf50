/**
 * The one filter chain of the loaded source, owned by the engine: made on the
 * GPU session's device (again after every device loss), fed from the store (a
 * new frame, the chain, the units), run once per change whichever views are
 * open, and published twice: to the views, which attach here and draw from its
 * GPU buffers (subscribeChainOutput), and to the rest of the app as readers
 * (state/filtered-readers.ts: probes, exports, evaluation). Without WebGPU the
 * CPU heatmap runs the chain in its worker instead (render/heatmap-source.ts).
 */
import type { ChainSource, FrameKind, StageFault } from '../core/filter-chain';
import type { ChainItem } from '../core/view-inputs';
import { DepthProcessor, type ChainOutput, type ChainResult } from '../gpu/depth-processor';
import { reportStageFault } from '../state/chain-actions';
import { chainSourceOf } from '../state/chain-source';
import { clearFiltered, publishFiltered, type PublishedOutput } from '../state/filtered-readers';
import { frameKind } from '../state/frame-kind';
import { activeRegistration, store, type DepthscopeState } from '../state/store';
import type { ColourRegistration } from '../core/align-depth';
import { gpuSession, subscribeGpuSession } from './gpu-session';

export type { ChainOutput };

/** What the engine asks of the chain it drives: DepthProcessor on the device, a fake in unit tests. */
export interface SourceChainProcessor {
  setFrame(depth: Float32Array, width: number, height: number, kind: FrameKind): void;
  setChain(items: readonly ChainItem[], source: ChainSource): void;
  /** Depth registered to the colour camera before the chain, or null (see state/depth-registration.ts). */
  setRegistration(registration: ColourRegistration | null): void;
  /** Runs the chain if its frame or stages changed; the new output, or null when nothing ran. */
  run(): ChainOutput | null;
  output(result: ChainResult): PublishedOutput;
  onStageFault: (fault: StageFault) => void;
  destroy(): void;
}

type OutputListener = (output: ChainOutput | null) => void;

let current: ChainOutput | null = null;
const listeners = new Set<OutputListener>();

/** The chain's last output on the device (null before the first run, without WebGPU, and while the device is lost). */
export function chainOutput(): ChainOutput | null {
  return current;
}

/** Calls `listener` with every new output; returns the function that stops it. */
export function subscribeChainOutput(listener: OutputListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setOutput(output: ChainOutput | null): void {
  current = output;
  for (const l of listeners) l(output);
}

/**
 * Drives `processor` from the store: the current frame and chain at once, then
 * every change of frame, chain or units; each run is published. Returns the
 * function that stops it (and destroys the processor).
 */
export function driveChain(processor: SourceChainProcessor): () => void {
  const frame = (s: DepthscopeState, prev: DepthscopeState | null) => {
    if (s.analysis && s.source) processor.setFrame(s.analysis.depth, s.source.raw.width, s.source.raw.height, frameKind(s.source, prev?.source ?? null));
  };
  const runAndPublish = () => {
    const ran = processor.run();
    if (!ran) return;
    setOutput(ran);
    publishFiltered(processor.output(ran.result));
  };
  const s0 = store.getState();
  processor.setRegistration(activeRegistration(s0));
  frame(s0, null);
  processor.setChain(s0.chain, chainSourceOf(s0));
  runAndPublish();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.registration !== prev.registration || s.backend !== prev.backend || s.source !== prev.source) processor.setRegistration(activeRegistration(s));
    if (s.analysis !== prev.analysis || s.source !== prev.source) frame(s, prev);
    if (s.chain !== prev.chain || s.units !== prev.units || s.source !== prev.source) processor.setChain(s.chain, chainSourceOf(s));
    runAndPublish();
  });
  return () => {
    unsubscribe();
    processor.destroy();
    setOutput(null);
    clearFiltered();
  };
}

/**
 * Keeps one chain on the GPU session's device: made when a device is ready,
 * destroyed when it is lost (a new one follows on the new device, fed the
 * store's current frame). Returns the function that stops it.
 */
export function watchSourceChain(make: (device: GPUDevice) => SourceChainProcessor = (device) => new DepthProcessor(device)): () => void {
  let stop: (() => void) | null = null;
  let device: GPUDevice | null = null;
  const follow = () => {
    const session = gpuSession();
    const next = session.state === 'ready' ? (session.gpu?.device ?? null) : null;
    if (next === device) return;
    stop?.();
    stop = null;
    device = next;
    if (!next) return;
    const processor = make(next);
    processor.onStageFault = reportStageFault;
    stop = driveChain(processor);
  };
  follow();
  const unsubscribe = subscribeGpuSession(follow);
  return () => {
    unsubscribe();
    stop?.();
    stop = null;
    device = null;
  };
}
