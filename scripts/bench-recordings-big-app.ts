/**
 * npm run bench -- recordings, in Chromium: the generated 2 GB bag and MCAP
 * file (scripts/bench-recordings.ts) opened in the app through the file input,
 * as a user picks them. Playwright hands a local browser the file's path, so
 * the page gets a File backed by the disk and the recording worker reads it by
 * File.slice ranges. One JSON line per file: time from the pick to the
 * timeline (index read) and to the first frame on screen; the bytes all of
 * Chromium's processes read meanwhile (rchar of /proc/<pid>/io: reads of the
 * file and anything else, so an upper bound on what opening read); and the
 * tab's memory (scripts/tab-memory.ts) before, after opening, and after
 * scrubbing to BENCH_SCRUB_FRAMES frames spread over the file, against the
 * bound the app sets: the worker's frame cache (FRAME_CACHE_BYTES) and the
 * readers' decompressed-chunk cache (64 MB).
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { FRAME_CACHE_BYTES } from '../src/io/recording-host';
import { TabMemory, type MemorySample } from './tab-memory';

type Emit = (record: Record<string, unknown>) => void;

const MB = 2 ** 20;
const CHUNK_CACHE_MB = 64; // docs/recordings.md: the readers' decompressed chunks

/** Bytes read by every Chromium process so far (rchar: read() calls, from disk or cache). */
async function chromiumReadBytes(session: CDPSession): Promise<number | null> {
  const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number }[] };
  let total = 0;
  for (const { id } of info.processInfo) {
    try {
      const m = /rchar:\s+(\d+)/.exec(readFileSync(`/proc/${id}/io`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      return null; // not on Linux
    }
  }
  return total;
}

async function frameOnScreen(page: Page, k: number): Promise<void> {
  await page.getByTestId('stats').locator('h2').filter({ hasText: `· frame ${k + 1}` }).waitFor({ timeout: 120_000 });
}

const mb = (s: MemorySample) => ({ renderer_rss_mb: s.rendererRssMb, page_heap_mb: s.pageHeapMb, worker_heap_mb: s.workerHeapMb });

export async function benchBigFileInApp(browser: Browser, base: string, path: string, format: string, emit: Emit): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const session = await browser.newBrowserCDPSession();
  try {
    await page.goto(base);
    await page.getByTestId('stats').getAttribute('data-width');
    const memory = await TabMemory.attach(browser, page);
    await memory.collectGarbage();
    const before = await memory.sample();
    const read0 = await chromiumReadBytes(session);
    const t0 = performance.now();
    await page.getByTestId('file-input').setInputFiles(path);
    const rec = page.getByTestId('recording');
    await rec.waitFor({ timeout: 600_000 });
    const openMs = performance.now() - t0;
    await frameOnScreen(page, 0);
    const firstFrameMs = performance.now() - t0;
    const read1 = await chromiumReadBytes(session);
    const afterOpen = await memory.sample();
    const frames = Number(await rec.getAttribute('data-frames'));
    const picks = Number(process.env.BENCH_SCRUB_FRAMES ?? 24);
    const t1 = performance.now();
    for (let k = 1; k <= picks; k++) {
      const index = Math.floor((k * (frames - 1)) / picks);
      await page.getByTestId('recording-scrub').fill(String(index));
      await frameOnScreen(page, index);
    }
    const scrubMs = (performance.now() - t1) / picks;
    const afterScrub = await memory.sample();
    await memory.collectGarbage();
    const afterGc = await memory.sample();
    await memory.detach();
    const fileMb = Number((await import('node:fs')).statSync(path).size) / MB;
    emit({
      bench: 'recordings-in-app-open', format, file_mb: fileMb, frames, open_ms: openMs, first_frame_ms: firstFrameMs,
      chromium_read_mb: read0 === null || read1 === null ? null : (read1 - read0) / MB,
      before: mb(before), after_open: mb(afterOpen), scrubbed_frames: picks, scrub_frame_ms: scrubMs, after_scrub: mb(afterScrub), after_scrub_gc: mb(afterGc),
      rss_growth_mb: afterScrub.rendererRssMb === null || before.rendererRssMb === null ? null : afterScrub.rendererRssMb - before.rendererRssMb,
      bound_mb: FRAME_CACHE_BYTES / MB + CHUNK_CACHE_MB, bound: 'frame cache + readers\' chunk cache',
    });
  } finally {
    await session.detach();
    await page.close();
  }
}
