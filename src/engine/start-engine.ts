/**
 * The engine: what runs on the GPU (and its CPU fallback) apart from the views'
 * drawing. Started once by the page (main.tsx): the shared device and its
 * recovery (gpu-session.ts), and the comparison's evaluation, which follows the
 * store (comparison-evaluation.ts). Views attach to the session and draw.
 */
import { watchComparison } from './comparison-evaluation';
import { startGpuSession } from './gpu-session';

let stop: (() => void) | null = null;

export function startEngine(): void {
  if (stop) return;
  startGpuSession();
  stop = watchComparison();
}
