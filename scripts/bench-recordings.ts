/**
 * npm run bench -- recordings: open time and memory for a generated 2 GB ROS
 * bag and a 2 GB MCAP file (BENCH_RECORDING_MB to change the size), read
 * through a file handle by ranges as File.slice does in the browser. Each case
 * prints one JSON line: the file size, the time to open (index only), the
 * bytes read to open, the heap and ArrayBuffer memory after opening, and the
 * time per frame of random access at 640x480 (16UC1 depth + rgb8 colour).
 * BENCH_RECORDING_FORMATS=rosbag (or mcap) runs one, and none when empty. The unindexed case re-indexes the same bag by scanning (its header's index
 * position set to 0 for the run, then restored).
 */
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ByteSource } from '../src/core/recording';
import { openRecordingFile } from '../src/io/recordings/open-recording-file';
import { BagWriter } from './recording-fixtures/bag-writer';
import { writeMcapStream } from './recording-fixtures/mcap-fixture';
import { header } from './recording-fixtures/messages';

const W = 640;
const H = 480;
const BAG = '/tmp/depthscope-bench.bag';
const MCAP = '/tmp/depthscope-bench.mcap';

type Emit = (record: Record<string, unknown>) => void;
/** Measures the generated file in the app too (scripts/bench-recordings-big-app.ts), before it is deleted. */
type InApp = (path: string, format: string) => Promise<void>;

function frames(totalMb: number): number {
  const pair = W * H * 2 + W * H * 3;
  return Math.max(2, Math.floor((totalMb * 1024 * 1024) / pair));
}

function depthFrame(i: number): Uint16Array {
  const d = new Uint16Array(W * H);
  for (let k = 0; k < d.length; k++) d[k] = (k + i * 7) & 0xffff;
  return d;
}

const rgb = new Uint8Array(W * H * 3).fill(128);

/** A 640x480 image message with unpadded rows. */
function plainImage(ros: 1 | 2, sec: number, nsec: number, encoding: string, bytes: number, data: Uint8Array) {
  return { header: header(ros, { sec, nsec }, 'camera'), height: H, width: W, encoding, is_bigendian: 0, step: W * bytes, data };
}

function writeBenchBag(n: number): void {
  const fd = openSync(BAG, 'w');
  let pos = 13 + 4096;
  writeSync(fd, new TextEncoder().encode('#ROSBAG V2.0\n'));
  writeSync(fd, new Uint8Array(4096), 0, 4096, 13);
  const bag = new BagWriter('none', 2, (bytes) => {
    writeSync(fd, bytes, 0, bytes.length, pos);
    pos += bytes.length;
  });
  const depth = bag.connection('/camera/depth/image_raw', 'sensor_msgs/Image');
  const colour = bag.connection('/camera/color/image_raw', 'sensor_msgs/Image');
  for (let i = 0; i < n; i++) {
    const sec = 1000 + Math.floor(i / 30);
    const nsec = (i % 30) * 33_333_333;
    bag.write(depth, { sec, nsec }, plainImage(1, sec, nsec, '16UC1', 2, new Uint8Array(depthFrame(i).buffer)));
    bag.write(colour, { sec, nsec: nsec + 1_000_000 }, plainImage(1, sec, nsec + 1_000_000, 'rgb8', 3, rgb));
  }
  const header = bag.finish(true);
  writeSync(fd, header, 0, header.length, 13);
  closeSync(fd);
}

async function fileSource(path: string): Promise<ByteSource & { bytesRead: number; close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  const source = {
    name: path,
    size,
    bytesRead: 0,
    async read(offset: number, length: number) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = new Uint8Array(n);
      const { bytesRead } = await handle.read(buf, 0, n, offset);
      source.bytesRead += bytesRead;
      return buf.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
  return source;
}

function memoryMb(): { heap_mb: number; array_buffers_mb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heap_mb: m.heapUsed / 2 ** 20, array_buffers_mb: m.arrayBuffers / 2 ** 20 };
}

async function measure(emit: Emit, format: string, path: string): Promise<void> {
  const source = await fileSource(path);
  const before = memoryMb();
  const t0 = performance.now();
  const rec = await openRecordingFile(source, {});
  const openMs = performance.now() - t0;
  const afterOpen = memoryMb();
  const openBytes = source.bytesRead;
  const n = rec.summary.frames.length;
  const picks = Array.from({ length: 30 }, (_, k) => Math.floor(((k * 7919) % 1000) / 1000 * n));
  const t1 = performance.now();
  for (const i of picks) {
    await rec.readDepth(i);
    await rec.readColour(i);
  }
  const frameMs = (performance.now() - t1) / picks.length;
  const afterFrames = memoryMb();
  emit({
    bench: 'recordings', format, file_mb: source.size / 2 ** 20, frames: n, width: W, height: H, notes: rec.summary.notes.length,
    open_ms: openMs, open_read_mb: openBytes / 2 ** 20, heap_before_mb: before.heap_mb, heap_after_open_mb: afterOpen.heap_mb,
    array_buffers_after_open_mb: afterOpen.array_buffers_mb, random_frame_ms: frameMs, heap_after_frames_mb: afterFrames.heap_mb,
    array_buffers_after_frames_mb: afterFrames.array_buffers_mb,
  });
  await source.close();
}

/** Sets the bag header's index_pos (bytes 13 + 4 + 4 + "op=\x03" ...) to 0 for the run, and back. */
async function withoutIndex(run: () => Promise<void>): Promise<void> {
  const handle = await open(BAG, 'r+');
  const head = new Uint8Array(4096);
  await handle.read(head, 0, 4096, 13);
  const at = Buffer.from(head).indexOf('index_pos=') + 10;
  const saved = head.slice(at, at + 8);
  await handle.write(new Uint8Array(8), 0, 8, 13 + at);
  try {
    await run();
  } finally {
    await handle.write(saved, 0, 8, 13 + at);
    await handle.close();
  }
}

async function benchBag(emit: Emit, n: number, inApp: InApp): Promise<void> {
  const t = performance.now();
  writeBenchBag(n);
  emit({ bench: 'recordings-setup', format: 'rosbag', frames: n, write_ms: performance.now() - t });
  await measure(emit, 'rosbag', BAG);
  await inApp(BAG, 'rosbag');
  await withoutIndex(() => measure(emit, 'rosbag-unindexed', BAG));
}

async function benchMcap(emit: Emit, n: number, inApp: InApp): Promise<void> {
  const t = performance.now();
  await writeMcapStream(MCAP, n, (i, sec, nsec) => [
    { topic: '/camera/depth/image_rect_raw', time: { sec, nsec }, message: plainImage(2, sec, nsec, '16UC1', 2, new Uint8Array(depthFrame(i).buffer)) },
    { topic: '/camera/color/image_raw', time: { sec, nsec: nsec + 1_000_000 }, message: plainImage(2, sec, nsec + 1_000_000, 'rgb8', 3, rgb) },
  ]);
  emit({ bench: 'recordings-setup', format: 'mcap', frames: n, write_ms: performance.now() - t });
  await measure(emit, 'mcap', MCAP);
  await inApp(MCAP, 'mcap');
}

export async function benchRecordings(emit: Emit, inApp: InApp): Promise<void> {
  const n = frames(Number(process.env.BENCH_RECORDING_MB ?? 2048));
  const formats = (process.env.BENCH_RECORDING_FORMATS ?? 'rosbag,mcap').split(',');
  try {
    // One at a time, each removed after, so /tmp never holds both.
    if (formats.includes('rosbag')) await benchBag(emit, n, inApp);
    rmSync(BAG, { force: true });
    if (formats.includes('mcap')) await benchMcap(emit, n, inApp);
  } finally {
    rmSync(BAG, { force: true });
    rmSync(MCAP, { force: true });
  }
}
