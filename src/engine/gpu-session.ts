/**
 * The app's GPU, as the views see it: pending while the shared device is being
 * acquired, then ready with a device (WebGPU) or without one (the WebGL and CPU
 * fallback). The app never destroys the device itself, so every loss (driver
 * reset, GPU process crash, another tab's misbehaviour) is met with a new one,
 * under a new `generation`: the views remount on it and rebuild their GPU objects.
 * React reads this with useSyncExternalStore; it creates no GPU object itself.
 */
import { acquireGpu, onDeviceLost, type GpuContext } from '../gpu/gpu-context';
import { setState } from '../state/store';

export type GpuSession = { state: 'pending' } | { state: 'ready'; gpu: GpuContext | null; generation: number };

let session: GpuSession = { state: 'pending' };
let generation = 0;
let started = false;
const listeners = new Set<() => void>();

function publish(next: GpuSession): void {
  session = next;
  for (const l of listeners) l();
}

function acquire(): void {
  const mine = generation;
  void acquireGpu().then((r) => {
    if (mine !== generation) return; // lost again meanwhile: a newer acquisition answers
    if (r.ok) {
      setState({ backendNotice: mine > 0 ? 'The GPU device was lost and has been reconnected.' : null });
      publish({ state: 'ready', gpu: r.gpu, generation: mine });
    } else {
      setState({
        backendNotice: `WebGPU is not available (${r.detail}). Showing the heatmap with the WebGL renderer and the CPU colour mapping; large images will be slower.`,
      });
      publish({ state: 'ready', gpu: null, generation: mine });
    }
  });
}

/** Acquires the device (once; later calls do nothing) and keeps one after every loss. */
export function startGpuSession(): void {
  if (started) return;
  started = true;
  onDeviceLost((info) => {
    setState({ backendNotice: `The GPU device was lost (${info.message || 'no reason given'}); reconnecting.` });
    generation++;
    publish({ state: 'pending' });
    acquire();
  });
  acquire();
}

export function gpuSession(): GpuSession {
  return session;
}

export function subscribeGpuSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
