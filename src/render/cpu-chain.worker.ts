/**
 * The filter chain on the CPU, off the main thread: where WebGPU is absent the
 * reference implementations do the GPU's work, slower, and the page stays
 * responsive. Holds the current frame and the temporal state before it, with
 * the same frame semantics as the GPU chain (src/gpu/depth-processor.ts).
 */
import { runChainCpu, type DepthField, type TemporalStates } from '../core/run-chain-cpu';
import type { CpuChainReply, CpuChainRequest } from './cpu-chain-protocol';

let frame: DepthField | null = null;
let before: TemporalStates = new Map();
let after: TemporalStates = new Map();

self.onmessage = (e: MessageEvent<CpuChainRequest>) => {
  const { seq, items, source } = e.data;
  const post = (reply: CpuChainReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);
  try {
    if (e.data.frame) {
      const { depth, width, height, kind } = e.data.frame;
      frame = { depth, width, height };
      before = kind === 'next-frame' ? after : new Map();
    }
    if (!frame) throw new Error('no frame to filter');
    const t0 = performance.now();
    const out = runChainCpu(
      frame,
      items.map((i) => i.stage),
      before,
      items.map((i) => i.id),
      source,
    );
    after = out.temporal;
    // A copy when no stage ran: the frame must stay here for the next run.
    const depth = out.depth === frame.depth ? out.depth.slice() : out.depth;
    post({ seq, ok: true, depth, width: out.width, height: out.height, ms: performance.now() - t0 }, [depth.buffer]);
  } catch (err) {
    post({ seq, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
