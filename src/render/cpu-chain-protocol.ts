/** Messages between the page and the CPU filter-chain worker (the fallback where WebGPU is absent). */
import type { ChainSource, Stage } from '../core/filter-chain';
import type { FrameKind } from '../core/filter-chain';

export interface CpuChainRequest {
  seq: number;
  /** A new raw frame, or absent to re-run the chain on the current one. */
  frame?: { depth: Float32Array; width: number; height: number; kind: FrameKind };
  items: { id: number; stage: Stage }[];
  source: ChainSource;
}

export type CpuChainReply =
  | { seq: number; ok: true; depth: Float32Array; width: number; height: number; ms: number }
  | { seq: number; ok: false; message: string };
