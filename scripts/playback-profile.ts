/**
 * Where a frame's time goes while a recording plays in the app: CPU profiles
 * (CDP Profiler) of the page's main thread and of its workers over the
 * playback window, self time grouped into stages by function and script, as
 * milliseconds per frame shown. Workers are reached through
 * scripts/page-workers.ts. GPU work on SwiftShader runs in the
 * GPU process: the main thread sees it only where it waits (a command encoder
 * or a buffer write blocking), which is what "gpu calls" counts.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { PageWorkers } from './page-workers';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Stage of a sample on the main thread, by function name and script (first match wins). */
const MAIN_STAGES: [string, RegExp][] = [
  ['idle', /^\(idle\)/],
  ['garbage collection', /^\(garbage collector\)/],
  // Native work no script frame claims: style, layout, paint, the compositor, bindings.
  ['native (program: style, layout, paint)', /^\(program\)/],
  ['link (fragment encoding, history)', /fflate|src\/link\/|src\/core\/samples|link-from-state|address-bar|replaceState|pushState|^btoa /],
  ['structured clone (worker messages)', /^(postMessage|worker\.onmessage) |watched-worker/],
  ['gpu calls (encode, upload, submit)', /^(createCommandEncoder|writeBuffer|submit|getCurrentTexture|createBindGroup|beginComputePass|dispatchWorkgroups|setPipeline|setBindGroup|end|finish|copyBufferToBuffer|copyBufferToTexture|beginRenderPass|draw) |src\/gpu\/|src\/engine\//],
  ['cpu statistics (histogram)', /src\/core\/stats/],
  ['react (render, commit)', /react|scheduler|jsx|src\/ui\/|^(createTask|setAttribute|removeAttribute|set value|set checked) /],
  ['three.js (3-D view, renderer)', /three|src\/render\//],
  ['zustand (store updates)', /zustand|src\/state\//],
];

const WORKER_STAGES: [string, RegExp][] = [
  ['idle', /^\(idle\)/],
  ['garbage collection', /^\(garbage collector\)/],
];

function byStage(profile: Profile, stages: [string, RegExp][]): Map<string, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const out = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (us === 0) continue;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url}`;
    const stage = stages.find(([, re]) => re.test(key))?.[0] ?? 'other';
    out.set(stage, (out.get(stage) ?? 0) + us / 1000);
  }
  return out;
}

/** How long a worker may take to hand over its profile. */
const PROFILE_WAIT_MS = 30_000;

export class PlaybackProfiler {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly workers: PageWorkers,
  ) {}

  /** Attach before the page starts its workers (before a recording is opened). */
  static async attach(page: Page): Promise<PlaybackProfiler> {
    const cdp = await page.context().newCDPSession(page);
    return new PlaybackProfiler(cdp, await PageWorkers.attach(cdp));
  }

  async start(): Promise<void> {
    await this.cdp.send('Profiler.enable');
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    for (const sessionId of this.workers.sessions.keys()) {
      await this.workers.ask(sessionId, 'Profiler.enable', PROFILE_WAIT_MS);
      await this.workers.ask(sessionId, 'Profiler.start', PROFILE_WAIT_MS);
    }
    await this.cdp.send('Profiler.start');
  }

  /** ms per frame shown, per stage: the main thread's and each worker's (busy time only). */
  async stop(frames: number): Promise<Record<string, number>> {
    const perFrame = (ms: number) => Number((ms / Math.max(1, frames)).toFixed(2));
    const out: Record<string, number> = {};
    const { profile } = await this.cdp.send('Profiler.stop');
    // BENCH_PROFILE_DIR=dir keeps the main thread's profile (opens in Chrome DevTools' Performance panel).
    if (process.env.BENCH_PROFILE_DIR) writeFileSync(`${process.env.BENCH_PROFILE_DIR}/playback-${frames}-frames-${Date.now()}.cpuprofile`, JSON.stringify(profile));
    for (const [stage, ms] of byStage(profile as Profile, MAIN_STAGES)) out[`main: ${stage}`] = perFrame(ms);
    for (const [sessionId, name] of this.workers.sessions) {
      const r = (await this.workers.ask(sessionId, 'Profiler.stop', PROFILE_WAIT_MS)) as { profile?: Profile } | null;
      if (!r?.profile) continue;
      for (const [stage, ms] of byStage(r.profile, WORKER_STAGES)) if (stage !== 'idle') out[`${name}: ${stage === 'other' ? 'busy' : stage}`] = perFrame(ms);
    }
    return out;
  }
}
