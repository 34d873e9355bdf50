/**
 * Bad input: each a DepthDecodeError with a sentence saying what is wrong,
 * after bounded work. Damage is made by editing the committed fixtures.
 */
import { describe, expect, it } from 'vitest';
import { DepthDecodeError } from '../../core/depth-image';
import { depthMm } from '../../../scripts/recording-fixtures/content';
import { cameraMessages, writeBag } from '../../../scripts/make-recording-fixtures';
import { BagWriter } from '../../../scripts/recording-fixtures/bag-writer';
import { UnexpectedDecodeError } from '../decode-errors';
import { fixtureBytes, openBytes } from './test-support';
import { isRecordingFile } from './open-recording-file';
import type { Recording } from '../../core/recording';

/** Whatever `run` throws must be a DepthDecodeError (not our own bug) whose message matches. */
async function refuses(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'it should have been refused').toBeInstanceOf(DepthDecodeError);
  expect(error).not.toBeInstanceOf(UnexpectedDecodeError);
  expect((error as Error).message).toMatch(message);
}

/** Every position where `text` occurs in `bytes`. */
function find(bytes: Uint8Array, text: string): number[] {
  const needle = new TextEncoder().encode(text);
  const out: number[] = [];
  for (let i = 0; i + needle.length <= bytes.length; i++) if (needle.every((b, k) => bytes[i + k] === b)) out.push(i);
  return out;
}

function setU32(bytes: Uint8Array, at: number, v: number): void {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, v, true);
}

async function readAll(rec: Recording): Promise<void> {
  for (let i = 0; i < rec.summary.frames.length; i++) {
    await rec.readDepth(i);
    await rec.readColour(i);
  }
}

describe('recording files: bad input', () => {
  it('tells recordings from other files by their first bytes', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(isRecordingFile(enc('#ROSBAG V2.0\n'))).toBe(true);
    expect(isRecordingFile(Uint8Array.of(0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a))).toBe(true);
    expect(isRecordingFile(enc('#ROSBAG V1.2\n'))).toBe(false);
    expect(isRecordingFile(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(false);
    expect(isRecordingFile(new Uint8Array(0))).toBe(false);
  });

  it('refuses a file that is neither a bag nor MCAP', async () => {
    await refuses(() => openBytes(new TextEncoder().encode('hello, world, not a bag at all')), /neither a ROS bag \(v2\.0\) nor an MCAP file/);
  });

  it('refuses a bag cut inside its header', async () => {
    await refuses(() => openBytes(fixtureBytes('camera-plain.bag').slice(0, 40)), /bag header record is missing or cut off|past the end of the data/);
  });

  it('re-indexes a bag cut in the middle, keeping the complete chunks and saying where it was cut', async () => {
    const whole = fixtureBytes('camera-lz4.bag');
    const cut = whole.slice(0, Math.floor(whole.length * 0.6));
    const rec = await openBytes(cut);
    expect(rec.summary.notes[0]).toMatch(/^Re-indexed by scanning: the index should be at byte \d+ but the file has \d+ bytes \(truncated\)\.$/);
    expect(rec.summary.notes[1]).toMatch(/^The bag is cut off at byte \d+; the \d+ messages before it were kept\.$/);
    expect(rec.summary.frames.length).toBeGreaterThan(0);
    expect(rec.summary.frames.length).toBeLessThan(4);
    for (let i = 0; i < rec.summary.frames.length; i++) expect((await rec.readDepth(i)).data).toEqual(depthMm(i));
  });

  it.each(['ros2-lz4.mcap', 'ros2-zstd.mcap'])('re-indexes %s cut in the middle (no summary), keeping the complete chunks', async (name) => {
    const whole = fixtureBytes(name);
    const rec = await openBytes(whole.slice(0, Math.floor(whole.length * 0.6)), {}, name);
    expect(rec.summary.notes[0]).toMatch(/^Re-indexed by scanning: the MCAP file has no usable summary \(.+\)\.$/);
    expect(rec.summary.notes[1]).toMatch(/^The file is cut off at byte \d+; the \d+ messages before it were kept\.$/);
    expect(rec.summary.frames.length).toBeGreaterThan(0);
    expect(rec.summary.frames.length).toBeLessThan(4);
    for (let i = 0; i < rec.summary.frames.length; i++) expect((await rec.readDepth(i)).data).toEqual(depthMm(i));
  });

  it('refuses an MCAP file cut before its first message', async () => {
    await refuses(() => openBytes(fixtureBytes('ros2-lz4.mcap').slice(0, 30), {}, 'cut.mcap'), /^MCAP: the file holds no messages\.$/);
  });

  it.each(['camera-lz4.bag', 'camera-bz2.bag', 'ros2-lz4.mcap'])('says a damaged chunk of %s is damaged, when a frame in it is read', async (name) => {
    const bytes = fixtureBytes(name);
    // Scramble the middle of the file: chunk data, not the index at the end.
    for (let i = Math.floor(bytes.length * 0.3); i < Math.floor(bytes.length * 0.5); i += 7) bytes[i] ^= 0x5a;
    await refuses(async () => readAll(await openBytes(bytes, {}, name)), /damaged|truncated/);
  });

  it('refuses a chunk compressed with an unknown method', async () => {
    const bytes = fixtureBytes('camera-lz4.bag');
    for (const at of find(bytes, 'compression=lz4')) bytes.set(new TextEncoder().encode('xz4'), at + 12);
    await refuses(() => openBytes(bytes), /chunks compressed with “xz4” are not supported \(none, lz4, bz2 and zstd are\)/);
  });

  it('refuses a chunk claiming 4 GB once decompressed, before allocating it', async () => {
    const bytes = fixtureBytes('camera-lz4.bag');
    for (const at of find(bytes, 'size=')) setU32(bytes, at + 5, 0xfffffff0);
    await refuses(() => openBytes(bytes), /a chunk claims 4294967280 bytes once decompressed; at most 512 MB per chunk are accepted/);
  });

  it('refuses a record whose length is 4 GB', async () => {
    const bytes = fixtureBytes('camera-plain.bag');
    // The chunk's header: its u32 length, the op field (4 + 4 bytes), then this field's u32 length.
    const chunkHeader = find(bytes, 'compression=none')[0] - 12;
    const headerLength = new DataView(bytes.buffer).getUint32(chunkHeader - 4, true);
    setU32(bytes, chunkHeader + headerLength, 0xffffffff);
    await refuses(() => openBytes(bytes), /cut off or not a chunk|past the end/);
  });

  it('refuses a message whose length is 4 GB inside a chunk', async () => {
    const bytes = fixtureBytes('camera-plain.bag');
    // Message records: header length, then "op=\x02" as the first field.
    const ops = find(bytes, 'op=\x02');
    for (const at of ops) {
      const start = at - 8;
      const headerLength = new DataView(bytes.buffer).getUint32(start, true);
      setU32(bytes, start + 4 + headerLength, 0xffffffff);
    }
    await refuses(async () => readAll(await openBytes(bytes)), /there is no message; the file is damaged|past the end/);
  });

  it('refuses an unsupported image encoding as depth, naming the ones it reads', async () => {
    const rec = await openBytes(fixtureBytes('topics.bag'), { depthStream: '/cam_a/color/bgr8' });
    await refuses(() => rec.readDepth(0), /the image encoding “bgr8” is not a depth encoding; depth is read from 16UC1, mono16, 32FC1 and 8-bit mono images/);
  });

  it('refuses an empty bag', async () => {
    await refuses(() => openBytes(new BagWriter('none').finish()), /^ROS bag: the file holds no messages\.$/);
    await refuses(() => openBytes(new BagWriter('none').finish(false)), /^ROS bag: the file holds no messages\.$/);
  });

  it('refuses a bag without a depth topic, listing what it has', async () => {
    const colourOnly = writeBag(cameraMessages().filter((m) => !m.topic.includes('depth')), 'none');
    await refuses(() => openBytes(colourOnly), /no depth topic was found .*; the file has \/camera\/color\/camera_info \(sensor_msgs\/CameraInfo\), \/camera\/color\/image_raw \(sensor_msgs\/Image\)\./);
  });

  it('refuses a bag header with a 4 GB header length', async () => {
    const bytes = fixtureBytes('camera-plain.bag');
    setU32(bytes, 13, 0xffffffff);
    await refuses(() => openBytes(bytes), /claims a 4294967295-byte header, past the end of the data/);
  });
});

describe('an unindexed bag with a damaged chunk', () => {
  it('keeps the messages before the damage and says where it stopped', async () => {
    const bytes = writeBag(cameraMessages(), 'none', false);
    const view = new DataView(bytes.buffer);
    const messages = find(bytes, 'op=\x02');
    const last = messages[messages.length - 1] - 8;
    view.setUint32(last + 4 + view.getUint32(last, true), 0xffffffff, true); // the last message claims 4 GB
    const rec = await openBytes(bytes);
    expect(rec.summary.notes[1]).toMatch(/^The chunk at byte \d+ is damaged \(ROS bag: a record inside chunk \d+ runs past the chunk's end; the file is damaged\.\); scanning stopped there, keeping the \d+ messages before it\.$/);
    expect(rec.summary.frames.length).toBeGreaterThan(0);
    for (let i = 0; i < rec.summary.frames.length; i++) expect((await rec.readDepth(i)).data).toEqual(depthMm(i));
  });
});
