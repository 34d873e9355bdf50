/**
 * Where a frame's time goes while a recording plays in the app: CPU profiles
 * (CDP Profiler) of the page's main thread and of its workers over the
 * playback window, self time grouped into stages by function and script, as
 * milliseconds per frame shown. Workers are reached as scripts/tab-memory.ts
 * reaches them (non-flat CDP sessions). GPU work on SwiftShader runs in the
 * GPU process: the main thread sees it only where it waits (a command encoder
 * or a buffer write blocking), which is what "gpu calls" counts.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';

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

export class PlaybackProfiler {
  private readonly workers: { sessionId: string; name: string }[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly cdp: CDPSession) {}

  /** Attach before the page starts its workers (before a recording is opened). */
  static async attach(page: Page): Promise<PlaybackProfiler> {
    const cdp = await page.context().newCDPSession(page);
    const p = new PlaybackProfiler(cdp);
    cdp.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') p.workers.push({ sessionId: e.sessionId, name: e.targetInfo.title || e.targetInfo.url });
    });
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const reply = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (reply.id !== undefined) p.waiting.get(reply.id)?.(reply.result ?? null);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return p;
  }

  private ask(sessionId: string, method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  }

  async start(): Promise<void> {
    await this.cdp.send('Profiler.enable');
    await this.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    for (const w of this.workers) {
      await this.ask(w.sessionId, 'Profiler.enable');
      await this.ask(w.sessionId, 'Profiler.start');
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
    for (const w of this.workers) {
      const r = (await this.ask(w.sessionId, 'Profiler.stop')) as { profile?: Profile } | null;
      if (!r?.profile) continue;
      for (const [stage, ms] of byStage(r.profile, WORKER_STAGES)) if (stage !== 'idle') out[`${w.name}: ${stage === 'other' ? 'busy' : stage}`] = perFrame(ms);
    }
    return out;
  }
}
