/**
 * npm run bench -- recordings (in Chromium, after the Node cases): playback of
 * a bag in the app at 640x480 and 1280x720 (16UC1 depth + rgb8 colour, 30 fps
 * recorded, 60 frames). The bag is picked through the file input, played "as
 * fast as decoded", and the frames the timeline shows in a fixed window are
 * counted in the page. Reference in the same run: the reader alone in Node
 * (readDepth + readColour per frame, the worker's share of a frame), as
 * frames per second; `ratio` = app fps / reader fps, the share of the reader's
 * rate the whole path (worker, analysis, chain, heatmap) keeps.
 */
import { rmSync, writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { bytesSource } from '../src/io/byte-source';
import { openRecordingFile } from '../src/io/recordings/open-recording-file';
import { BagWriter } from './recording-fixtures/bag-writer';
import { header } from './recording-fixtures/messages';

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

export async function benchRecordingsInApp(browser: Browser, base: string, emit: Emit): Promise<void> {
  for (const [width, height] of SIZES) {
    const bytes = bag(width, height);
    const path = `/tmp/depthscope-bench-${width}x${height}.bag`;
    writeFileSync(path, bytes);
    try {
      const reference = await readerFps(bytes);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(base);
      await page.getByTestId('stats').getAttribute('data-width');
      await page.getByTestId('file-input').setInputFiles(path);
      const rec = page.getByTestId('recording');
      await rec.waitFor();
      await page.getByLabel('Playback rate').selectOption('fast');
      await page.getByRole('button', { name: 'Play' }).click();
      const shown = await page.evaluate(async (ms) => {
        const el = document.querySelector('[data-testid="recording"]') as HTMLElement;
        let frames = 0;
        const seen = new MutationObserver(() => frames++);
        seen.observe(el, { attributes: true, attributeFilter: ['data-frame'] });
        await new Promise((r) => setTimeout(r, ms));
        seen.disconnect();
        return frames;
      }, WINDOW_MS);
      await page.close();
      const fps = (shown * 1000) / WINDOW_MS;
      emit({ bench: 'recordings-playback', width, height, pixels: width * height, frames_shown: shown, window_ms: WINDOW_MS, fps, reference: 'reader alone (Node)', reference_fps: reference, ratio: fps / reference });
    } finally {
      rmSync(path, { force: true });
    }
  }
}
