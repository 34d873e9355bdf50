/**
 * A minimal ROS bag v2.0 writer (http://wiki.ros.org/Bags/Format/2.0) for the
 * fixtures: chunks of a few messages, uncompressed, LZ4 (frame format, as
 * roslz4 writes) or BZ2, each followed by its index records; then connection
 * and chunk info records at the end, which the header points to. `indexed:
 * false` writes index_pos 0 and no index, as a recording cut off does.
 */
import { parse } from '@foxglove/rosmsg';
import { MessageWriter } from '@foxglove/rosmsg-serialization';
import lz4 from 'lz4js';
import Bzip2 from 'compressjs/lib/Bzip2.js';
import { ROS1 } from './ros-definitions';
import type { Ros1Type } from './ros-definitions';
import { concatBytes } from '../../src/io/encode-checks';

export type BagCompression = 'none' | 'lz4' | 'bz2';

export interface RosTime {
  sec: number;
  nsec: number;
}

interface Connection {
  id: number;
  topic: string;
  type: Ros1Type;
  writer: MessageWriter;
}

interface PendingMessage {
  conn: number;
  time: RosTime;
  data: Uint8Array;
}

const enc = new TextEncoder();

function field(name: string, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + name.length + 1 + value.length);
  new DataView(out.buffer).setUint32(0, name.length + 1 + value.length, true);
  out.set(enc.encode(`${name}=`), 4);
  out.set(value, 4 + name.length + 1);
  return out;
}

export function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
}

function u64(v: number): Uint8Array {
  const b = new Uint8Array(8);
  const view = new DataView(b.buffer);
  view.setUint32(0, v % 2 ** 32, true);
  view.setUint32(4, Math.floor(v / 2 ** 32), true);
  return b;
}

function time(t: RosTime): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setUint32(0, t.sec, true);
  new DataView(b.buffer).setUint32(4, t.nsec, true);
  return b;
}

export const concat = concatBytes;

/** A record: header length, header fields, data length, data. */
function record(fields: [string, Uint8Array][], data: Uint8Array): Uint8Array {
  const header = concat(fields.map(([n, v]) => field(n, v)));
  return concat([u32(header.length), header, u32(data.length), data]);
}

const op = (code: number): [string, Uint8Array] => ['op', Uint8Array.of(code)];

function compare(a: RosTime, b: RosTime): number {
  return a.sec - b.sec || a.nsec - b.nsec;
}

/**
 * Messages go into chunks of `messagesPerChunk` as they are written. With a
 * `sink`, each chunk is handed to it at once (so a 2 GB bag is never held in
 * memory), and finish() hands over the index and returns the bag header for
 * the caller to write at byte 13; without, finish() returns the whole bag.
 */
export class BagWriter {
  private readonly connections: Connection[] = [];
  private pending: PendingMessage[] = [];
  private readonly blocks: Uint8Array[] = [];
  private readonly chunkInfos: Uint8Array[] = [];
  private readonly written = new Set<number>();
  private pos = 13 + 4096;

  constructor(
    private readonly compression: BagCompression,
    private readonly messagesPerChunk = 4,
    private readonly sink?: (bytes: Uint8Array) => void,
  ) {}

  connection(topic: string, type: Ros1Type): number {
    const id = this.connections.length;
    this.connections.push({ id, topic, type, writer: new MessageWriter(parse(ROS1[type])) });
    return id;
  }

  write(conn: number, t: RosTime, message: unknown): void {
    this.pending.push({ conn, time: t, data: this.connections[conn].writer.writeMessage(message) });
    if (this.pending.length >= this.messagesPerChunk) this.flushChunk();
  }

  private connectionRecord(c: Connection): Uint8Array {
    const data = concat([field('topic', enc.encode(c.topic)), field('type', enc.encode(c.type)), field('md5sum', enc.encode('*')), field('message_definition', enc.encode(ROS1[c.type]))]);
    return record([op(7), ['conn', u32(c.id)], ['topic', enc.encode(c.topic)]], data);
  }

  private flushChunk(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const inner: Uint8Array[] = [];
    let offset = 0;
    const index = new Map<number, Uint8Array[]>();
    for (const m of batch) {
      if (!this.written.has(m.conn)) {
        this.written.add(m.conn);
        const c = this.connectionRecord(this.connections[m.conn]);
        inner.push(c);
        offset += c.length;
      }
      const r = record([op(2), ['conn', u32(m.conn)], ['time', time(m.time)]], m.data);
      index.set(m.conn, [...(index.get(m.conn) ?? []), concat([time(m.time), u32(offset)])]);
      inner.push(r);
      offset += r.length;
    }
    const raw = concat(inner);
    const data = this.compression === 'lz4' ? lz4.compress(raw) : this.compression === 'bz2' ? Bzip2.compressFile(raw) : raw;
    const chunk = record([op(5), ['compression', enc.encode(this.compression)], ['size', u32(raw.length)]], data);
    const indexRecords = [...index].map(([conn, entries]) => record([op(4), ['ver', u32(1)], ['conn', u32(conn)], ['count', u32(entries.length)]], concat(entries)));
    const times = batch.map((m) => m.time).sort(compare);
    this.chunkInfos.push(
      record(
        [op(6), ['ver', u32(1)], ['chunk_pos', u64(this.pos)], ['start_time', time(times[0])], ['end_time', time(times[times.length - 1])], ['count', u32(index.size)]],
        concat([...index].map(([conn, entries]) => concat([u32(conn), u32(entries.length)]))),
      ),
    );
    const block = concat([chunk, ...indexRecords]);
    if (this.sink) this.sink(block);
    else this.blocks.push(block);
    this.pos += block.length;
  }

  finish(indexed = true): Uint8Array {
    this.flushChunk();
    const tail = indexed ? concat([...this.connections.map((c) => this.connectionRecord(c)), ...this.chunkInfos]) : new Uint8Array();
    const header = bagHeader(indexed ? this.pos : 0, indexed ? this.connections.length : 0, indexed ? this.chunkInfos.length : 0);
    if (this.sink) {
      this.sink(tail);
      return header;
    }
    return concat([enc.encode('#ROSBAG V2.0\n'), header, ...this.blocks, tail]);
  }
}

/** The bag header record, padded with spaces to 4096 bytes as rosbag does (so it can be rewritten in place). */
function bagHeader(indexPos: number, connCount: number, chunkCount: number): Uint8Array {
  const fields: [string, Uint8Array][] = [op(3), ['index_pos', u64(indexPos)], ['conn_count', u32(connCount)], ['chunk_count', u32(chunkCount)]];
  const bare = record(fields, new Uint8Array());
  return record(fields, new Uint8Array(4096 - bare.length).fill(0x20));
}
