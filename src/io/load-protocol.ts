/** Messages between the main thread (load-client.ts) and the load worker (load-worker.ts). */
import type { RawDepthImage } from '../core/depth-image';
import type { UnitSettings } from '../core/units';
import type { DepthStats } from '../core/stats';

export interface DecodeOptions {
  page: number;
  pgmByteOrder: 'big' | 'little';
}

export type WorkerRequest =
  | { id: number; kind: 'load'; bytes: ArrayBuffer; mime: string; decode: DecodeOptions; units: UnitSettings; keepScale: boolean }
  | { id: number; kind: 'analyze'; raw: RawDepthImage; units: UnitSettings };

export interface AnalysisMessage {
  depth: Float32Array;
  sortedValid: Float32Array;
  stats: DepthStats;
}

/** Where a load's time went in the worker, for the benchmarks. */
export interface LoadTimings {
  decodeMs: number;
  analyzeMs: number;
}

export type WorkerResponse =
  | { id: number; kind: 'progress'; stage: string }
  | { id: number; kind: 'loaded'; raw: RawDepthImage; units: UnitSettings; analysis: AnalysisMessage; timings: LoadTimings }
  | { id: number; kind: 'analyzed'; analysis: AnalysisMessage }
  | { id: number; kind: 'error'; message: string };
