import { describe, expect, it } from 'vitest';
import { gpuSession, startGpuSession, subscribeGpuSession } from './gpu-session';
import { store } from '../state/store';

describe('the GPU session', () => {
  it('without WebGPU (as in Node) it becomes ready with no device, says so, and tells its subscribers once', async () => {
    expect(gpuSession()).toEqual({ state: 'pending' });
    let calls = 0;
    const off = subscribeGpuSession(() => calls++);
    startGpuSession();
    startGpuSession(); // a second start does nothing
    await expect.poll(() => gpuSession().state).toBe('ready');
    expect(gpuSession()).toEqual({ state: 'ready', gpu: null, generation: 0 });
    expect(store.getState().backendNotice).toMatch(/^WebGPU is not available \(This browser does not expose WebGPU/);
    expect(calls).toBe(1);
    off();
  });
});
