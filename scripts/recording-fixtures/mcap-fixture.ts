/**
 * MCAP fixtures through @mcap/core's McapWriter (chunked, indexed), with CDR
 * messages from @foxglove/rosmsg2-serialization. Chunks are LZ4 (lz4js) or
 * zstd; Node 20 has no zstd compressor, so the zstd chunks are valid frames
 * made of raw (stored) blocks, which still go through the reader's zstd path.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { McapWriter } from '@mcap/core';
import { parse } from '@foxglove/rosmsg';
import { MessageWriter } from '@foxglove/rosmsg2-serialization';
import lz4 from 'lz4js';
import { concat } from './bag-writer';
import type { RosTime } from './bag-writer';
import { ROS2 } from './ros-definitions';
import type { Ros2Type } from './ros-definitions';

export type McapCompression = 'lz4' | 'zstd' | '';

class MemoryWritable {
  private readonly parts: Uint8Array[] = [];
  private size = 0n;
  position(): bigint {
    return this.size;
  }
  write(buffer: Uint8Array): Promise<void> {
    this.parts.push(buffer.slice());
    this.size += BigInt(buffer.length);
    return Promise.resolve();
  }
  bytes(): Uint8Array {
    return concat(this.parts);
  }
}

/** A zstd frame of raw blocks (RFC 8878: magic, descriptor with a 4-byte content size, 3-byte block headers). */
export function zstdStored(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0xa0)];
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, data.length, true);
  parts.push(size);
  const MAX = 128 * 1024;
  let at = 0;
  do {
    const n = Math.min(MAX, data.length - at);
    const last = at + n >= data.length ? 1 : 0;
    const h = (n << 3) | last; // block type 0: raw
    parts.push(Uint8Array.of(h & 255, (h >> 8) & 255, (h >> 16) & 255), data.subarray(at, at + n));
    at += n;
  } while (at < data.length);
  return concat(parts);
}

export interface McapMessage {
  topic: string;
  type: Ros2Type;
  time: RosTime;
  message: unknown;
}

/** What a writer may leave out: `messageIndex` false writes no message index records after the chunks (a summary with chunk indexes still). */
export interface McapIndexing {
  messageIndex?: boolean;
}

export async function writeMcap(messages: readonly McapMessage[], compression: McapCompression, chunkSize = 4096, indexing: McapIndexing = {}): Promise<Uint8Array> {
  const writable = new MemoryWritable();
  const writer = new McapWriter({
    writable,
    useChunks: true,
    useMessageIndex: indexing.messageIndex ?? true,
    chunkSize,
    compressChunk: (data) => ({
      compression,
      compressedData: compression === 'lz4' ? lz4.compress(data) : compression === 'zstd' ? zstdStored(data) : data,
    }),
  });
  await writer.start({ profile: 'ros2', library: 'depthscope recording fixtures' });
  const schemas = new Map<Ros2Type, number>();
  const channels = new Map<string, { id: number; writer: MessageWriter; seq: number }>();
  for (const m of messages) {
    let ch = channels.get(m.topic);
    if (!ch) {
      let schemaId = schemas.get(m.type);
      if (schemaId === undefined) {
        schemaId = await writer.registerSchema({ name: m.type, encoding: 'ros2msg', data: new TextEncoder().encode(ROS2[m.type]) });
        schemas.set(m.type, schemaId);
      }
      const id = await writer.registerChannel({ schemaId, topic: m.topic, messageEncoding: 'cdr', metadata: new Map() });
      ch = { id, writer: new MessageWriter(parse(ROS2[m.type], { ros2: true })), seq: 0 };
      channels.set(m.topic, ch);
    }
    const ns = BigInt(m.time.sec) * 1_000_000_000n + BigInt(m.time.nsec);
    await writer.addMessage({ channelId: ch.id, sequence: ch.seq++, logTime: ns, publishTime: ns, data: ch.writer.writeMessage(m.message) });
  }
  await writer.end();
  return writable.bytes();
}

/** A large MCAP written straight to `path` (uncompressed 4 MB chunks of sensor_msgs/msg/Image), for the benchmark. */
export async function writeMcapStream(
  path: string,
  frames: number,
  make: (i: number, sec: number, nsec: number) => { topic: string; time: RosTime; message: unknown }[],
): Promise<void> {
  const fd = openSync(path, 'w');
  let size = 0n;
  const writable = {
    position: () => size,
    write(buffer: Uint8Array) {
      writeSync(fd, buffer);
      size += BigInt(buffer.length);
      return Promise.resolve();
    },
  };
  const writer = new McapWriter({ writable, useChunks: true, chunkSize: 4 * 1024 * 1024 });
  await writer.start({ profile: 'ros2', library: 'depthscope bench' });
  const type = 'sensor_msgs/msg/Image';
  const schemaId = await writer.registerSchema({ name: type, encoding: 'ros2msg', data: new TextEncoder().encode(ROS2[type]) });
  const encoder = new MessageWriter(parse(ROS2[type], { ros2: true }));
  const channels = new Map<string, number>();
  for (let i = 0; i < frames; i++) {
    const sec = 1000 + Math.floor(i / 30);
    const nsec = (i % 30) * 33_333_333;
    for (const m of make(i, sec, nsec)) {
      let id = channels.get(m.topic);
      if (id === undefined) {
        id = await writer.registerChannel({ schemaId, topic: m.topic, messageEncoding: 'cdr', metadata: new Map() });
        channels.set(m.topic, id);
      }
      const ns = BigInt(m.time.sec) * 1_000_000_000n + BigInt(m.time.nsec);
      await writer.addMessage({ channelId: id, sequence: i, logTime: ns, publishTime: ns, data: encoder.writeMessage(m.message) });
    }
  }
  await writer.end();
  closeSync(fd);
}
