/**
 * What a Chromium tab holds in memory, sampled from outside the page (for the
 * batch benchmark, scripts/bench-compare-batch.ts), three ways:
 * - page heap: CDP Performance.getMetrics JSHeapUsedSize of the page's main thread;
 * - worker heaps: CDP Runtime.getHeapUsage (usedSize) in each dedicated worker
 *   (scripts/page-workers.ts);
 * - renderer RSS: VmRSS in /proc of the page's renderer process (found with
 *   CDP SystemInfo.getProcessInfo, the renderer of the browser with the most
 *   CPU time: the tab that is working), which holds both heaps, the workers'
 *   array buffers (decoded images live outside the JS heap) and Blink's own memory.
 * performance.measureUserAgentSpecificMemory would need a cross-origin isolated
 * page, which the dev server does not serve.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { PageWorkers } from './page-workers';

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
  private constructor(
    private readonly page: CDPSession,
    private readonly browser: CDPSession,
    private readonly workers: PageWorkers,
    private readonly t0: number,
  ) {}

  static async attach(browser: Browser, page: Page): Promise<TabMemory> {
    const session = await page.context().newCDPSession(page);
    await session.send('Performance.enable');
    return new TabMemory(session, await browser.newBrowserCDPSession(), await PageWorkers.attach(session), performance.now());
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
    for (const sessionId of this.workers.sessions.keys()) {
      const r = (await this.workers.ask(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number } | null;
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
