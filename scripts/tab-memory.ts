/**
 * What a Chromium tab holds in memory, sampled from outside the page (for the
 * batch benchmark, scripts/bench-compare-batch.ts), three ways:
 * - page heap: CDP Performance.getMetrics JSHeapUsedSize of the page's main thread;
 * - worker heaps: CDP Runtime.getHeapUsage (usedSize) in each dedicated worker,
 *   reached through Target.setAutoAttach on the page's session (non-flat
 *   sessions: Playwright's CDPSession has no flat child sessions);
 * - renderer RSS: VmRSS in /proc of the page's renderer process (found with
 *   CDP SystemInfo.getProcessInfo, the renderer of the browser with the most
 *   CPU time: the tab that is working), which holds both heaps, the workers'
 *   array buffers (decoded images live outside the JS heap) and Blink's own memory.
 * performance.measureUserAgentSpecificMemory would need a cross-origin isolated
 * page, which the dev server does not serve.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';

export interface MemorySample {
  t: number;
  pageHeapMb: number;
  workerHeapMb: number | null;
  rendererRssMb: number | null;
}

const MB = 1024 * 1024;

function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null; // not on Linux, or the process is gone
  }
}

export class TabMemory {
  private readonly workers = new Map<string, string>(); // sessionId -> url
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(
    private readonly page: CDPSession,
    private readonly browser: CDPSession,
    private readonly t0: number,
  ) {}

  static async attach(browser: Browser, page: Page): Promise<TabMemory> {
    const session = await page.context().newCDPSession(page);
    const m = new TabMemory(session, await browser.newBrowserCDPSession(), performance.now());
    await session.send('Performance.enable');
    session.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') m.workers.set(e.sessionId, e.targetInfo.url);
    });
    session.on('Target.detachedFromTarget', (e) => void m.workers.delete(e.sessionId ?? ''));
    session.on('Target.receivedMessageFromTarget', (e) => {
      const reply = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (reply.id !== undefined) m.waiting.get(reply.id)?.(reply.result ?? null);
    });
    await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return m;
  }

  /** Sends one CDP command to a worker; null when it does not answer within a second (a worker busy in a long task answers late). */
  private askWorker(sessionId: string, method: string): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, 1000);
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(r);
      });
      this.page.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve(null));
    });
  }

  private async rendererPid(): Promise<number | null> {
    const info = (await this.browser.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
    const renderers = info.processInfo.filter((p) => p.type === 'renderer').sort((a, b) => b.cpuTime - a.cpuTime);
    return renderers[0]?.id ?? null;
  }

  async sample(): Promise<MemorySample> {
    const { metrics } = await this.page.send('Performance.getMetrics');
    const pageHeap = metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0;
    let workerHeap: number | null = null;
    for (const sessionId of this.workers.keys()) {
      const r = (await this.askWorker(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number } | null;
      if (r) workerHeap = (workerHeap ?? 0) + r.usedSize;
    }
    const pid = await this.rendererPid();
    return {
      t: (performance.now() - this.t0) / 1000,
      pageHeapMb: pageHeap / MB,
      workerHeapMb: workerHeap === null ? null : workerHeap / MB,
      rendererRssMb: pid === null ? null : rssMb(pid),
    };
  }

  /** A full garbage collection in the page (not in the workers), so an end sample shows what is still referenced. */
  async collectGarbage(): Promise<void> {
    await this.page.send('HeapProfiler.collectGarbage');
  }

  async detach(): Promise<void> {
    await this.page.detach();
    await this.browser.detach();
  }
}
