/**
 * The engine: what runs on the GPU (and its CPU fallback) apart from the views'
 * drawing. Started once by the page (main.tsx): the shared device and its
 * recovery (gpu-session.ts), the one filter chain of the source, which follows
 * the store (source-chain.ts), the comparison's evaluation
 * (comparison-evaluation.ts) and the reconstruction (recon-session.ts). Views
 * attach to the session and the chain's output, and draw.
 */
import { watchComparison } from './comparison-evaluation';
import { startGpuSession } from './gpu-session';
import { watchReconstruction } from './recon-session';
import { watchSourceChain } from './source-chain';
import { installTracker } from './recon-tracker';
import { icpTrackerFactory } from './icp-recon-tracker';

let stop: (() => void) | null = null;

export function startEngine(): void {
  if (stop) return;
  startGpuSession();
  installTracker(icpTrackerFactory);
  // Subscribed before any view: on a store change the chain runs first, and the views draw its new output.
  const stopChain = watchSourceChain();
  const stopComparison = watchComparison();
  // After the chain: a frame the reconstruction shows is filtered before it is integrated.
  const stopReconstruction = watchReconstruction();
  stop = () => {
    stopReconstruction();
    stopComparison();
    stopChain();
  };
}
