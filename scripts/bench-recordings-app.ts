/**
 * npm run bench -- recordings (in Chromium, after the Node cases): playback of
 * a bag in the app at 640x480 and 1280x720 (16UC1 depth + rgb8 colour, 30 fps
 * recorded, 60 frames). The bag is picked through the file input, played "as
 * fast as decoded", and the frames the timeline shows in a fixed window are
 * counted in the page. Reference in the same run: the reader alone in Node
 * (readDepth + readColour per frame, the worker's share of a frame), as
 * frames per second; `ratio` = app fps / reader fps, the share of the reader's
 * rate the whole path (worker, analysis, chain, heatmap) keeps. Each size
 * plays BENCH_REPS windows (median reported), then one window under the CPU
 * profiler for the per-stage breakdown (scripts/playback-profile.ts).
 */
import { rmSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { bytesSource } from '../src/io/byte-source';
import { openRecordingFile } from '../src/io/recordings/open-recording-file';
import { BagWriter } from './recording-fixtures/bag-writer';
import { header } from './recording-fixtures/messages';
import { PlaybackProfiler } from './playback-profile';

type Emit = (record: Record<string, unknown>) => void;

const FRAMES = 60;
const WINDOW_MS = 8000;
const SIZES = [
  [640, 480],
  [1280, 720],
] as const;

function bag(width: number, height: number): Uint8Array {
  const writer = new BagWriter('none', 2);
  const depth = writer.connection('/camera/depth/image_raw', 'sensor_msgs/Image');
  const colour = writer.connection('/camera/color/image_raw', 'sensor_msgs/Image');
  const rgb = new Uint8Array(width * height * 3).fill(128);
  for (let i = 0; i < FRAMES; i++) {
    const t = { sec: 1000 + Math.floor(i / 30), nsec: (i % 30) * 33_333_333 };
    const mm = new Uint16Array(width * height);
    for (let k = 0; k < mm.length; k++) mm[k] = 800 + ((k + 13 * i) % 2000);
    const image = (encoding: string, bytes: number, data: Uint8Array) => ({
      header: header(1, t, 'camera'),
      height,
      width,
      encoding,
      is_bigendian: 0,
      step: width * bytes,
      data,
    });
    writer.write(depth, t, image('16UC1', 2, new Uint8Array(mm.buffer)));
    writer.write(colour, t, image('rgb8', 3, rgb));
  }
  return writer.finish(true);
}

async function readerFps(bytes: Uint8Array): Promise<number> {
  const rec = await openRecordingFile(bytesSource(bytes, 'bench.bag'));
  const t0 = performance.now();
  for (let i = 0; i < FRAMES; i++) {
    await rec.readDepth(i);
    await rec.readColour(i);
  }
  return (FRAMES * 1000) / (performance.now() - t0);
}

/** Frames the timeline shows in `ms` of playing "as fast as decoded", counted in the page. */
async function framesShown(page: Page, ms: number): Promise<number> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const shown = await page.evaluate(async (ms) => {
    const el = document.querySelector('[data-testid="recording"]') as HTMLElement;
    let frames = 0;
    const seen = new MutationObserver(() => frames++);
    seen.observe(el, { attributes: true, attributeFilter: ['data-frame'] });
    await new Promise((r) => setTimeout(r, ms));
    seen.disconnect();
    return frames;
  }, ms);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return shown;
}

export async function benchRecordingsInApp(browser: Browser, base: string, emit: Emit): Promise<void> {
  // The machine is shared: each size plays BENCH_REPS windows, and the median is the figure.
  const reps = Number(process.env.BENCH_REPS ?? 3);
  for (const [width, height] of SIZES) {
    const bytes = bag(width, height);
    const path = `/tmp/depthscope-bench-${width}x${height}.bag`;
    writeFileSync(path, bytes);
    try {
      const reference = await readerFps(bytes);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(base);
      await page.getByTestId('stats').getAttribute('data-width');
      const profiler = await PlaybackProfiler.attach(page);
      await page.getByTestId('file-input').setInputFiles(path);
      await page.getByTestId('recording').waitFor();
      await page.getByLabel('Playback rate').selectOption('fast');
      const runs: number[] = [];
      for (let r = 0; r < reps; r++) runs.push((await framesShown(page, WINDOW_MS)) * (1000 / WINDOW_MS));
      // One more window under the CPU profiler (which slows what it watches): where a frame's time goes.
      await profiler.start();
      const profiled = await framesShown(page, WINDOW_MS);
      const stages = await profiler.stop(profiled);
      await page.close();
      const fps = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
      emit({ bench: 'recordings-playback', width, height, pixels: width * height, window_ms: WINDOW_MS, runs_fps: runs, fps, reference: 'reader alone (Node)', reference_fps: reference, ratio: fps / reference });
      emit({ bench: 'recordings-playback-stages', width, height, frames_profiled: profiled, ms_per_frame: stages });
    } finally {
      rmSync(path, { force: true });
    }
  }
}
