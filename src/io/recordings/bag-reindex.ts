/**
 * A bag without a usable index (a recording cut off before rosbag wrote it)
 * indexed by scanning its records from the start, as `rosbag reindex` does:
 * each chunk is decompressed once, one at a time, for its connection and
 * message records. Scanning stops at the first record that runs past the end
 * of the file (the cut) and keeps what came before it.
 */
import type { ByteSource, OpenRecordingOptions } from '../../core/recording';
import { DepthDecodeError, describeError } from '../../core/depth-image';
import { OP, readFields, readRecordHead, textField, timeField, u32Field } from './bag-records';
import type { RecordHead } from './bag-records';
import { decompressChunk } from './bounded-decompress';
import { readExactly } from './message-store';
import type { BagChunk, BagConnection, BagIndex, BagMessageRef } from './bag-store';

const WHAT = 'ROS bag';
const READ_AHEAD = 64 * 1024;

export async function reindexBag(source: ByteSource, start: number, options: OpenRecordingOptions, why: string): Promise<BagIndex> {
  const connections = new Map<number, BagConnection>();
  const chunks: BagChunk[] = [];
  const messages = new Map<number, BagMessageRef[]>();
  const notes = [`Re-indexed by scanning: ${why}.`];
  let pos = start;
  while (pos < source.size) {
    options.onProgress?.('Re-indexing the bag', pos / source.size);
    const rec = await headAt(source, pos);
    if (!rec || rec.end > source.size) {
      notes.push(`The bag is cut off at byte ${pos}; the ${countMessages(messages)} messages before it were kept.`);
      break;
    }
    if (rec.op === OP.connection) addConnection(connections, rec, await readExactly(source, rec.dataOffset, rec.dataLength, WHAT));
    if (rec.op === OP.chunk) {
      const chunk: BagChunk = { start: rec.offset, limit: rec.end };
      // A damaged chunk ends the scan as the cut does: what came before it is kept.
      const found = new Map<number, BagMessageRef[]>();
      try {
        const compression = textField(rec.fields, 'compression') ?? 'none';
        const data = decompressChunk(WHAT, compression, await readExactly(source, rec.dataOffset, rec.dataLength, WHAT), u32Field(rec.fields, 'size', WHAT));
        scanChunk(data, chunks.length, connections, found);
      } catch (error) {
        if (!(error instanceof DepthDecodeError)) throw error;
        notes.push(`The chunk at byte ${pos} is damaged (${describeError(error)}); scanning stopped there, keeping the ${countMessages(messages)} messages before it.`);
        break;
      }
      for (const [conn, list] of found) messages.set(conn, [...(messages.get(conn) ?? []), ...list]);
      chunks.push(chunk);
    }
    pos = rec.end;
  }
  options.onProgress?.('Re-indexing the bag', 1);
  return { connections, chunks, messages, notes };
}

/** The record head at `pos`, or null when the file ends inside it. */
async function headAt(source: ByteSource, pos: number): Promise<RecordHead | null> {
  const bytes = await source.read(pos, Math.min(READ_AHEAD, source.size - pos));
  try {
    const rec = readRecordHead(bytes, 0, pos, source.size, WHAT);
    if (rec || bytes.length < READ_AHEAD) return rec;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return readRecordHead(await source.read(pos, 8 + view.getUint32(0, true)), 0, pos, source.size, WHAT);
  } catch (error) {
    // A header running past the end is the cut itself, not a reason to give up the messages before it.
    if (error instanceof DepthDecodeError && /past the end/.test(error.message)) return null;
    throw error;
  }
}

function scanChunk(data: Uint8Array, chunk: number, connections: Map<number, BagConnection>, messages: Map<number, BagMessageRef[]>): void {
  let at = 0;
  while (at < data.length) {
    const rec = readRecordHead(data, at, 0, data.length, WHAT);
    if (!rec || rec.end > data.length) throw new DepthDecodeError(`${WHAT}: a record inside chunk ${chunk} runs past the chunk's end; the file is damaged.`);
    if (rec.op === OP.connection) addConnection(connections, rec, data.subarray(rec.dataOffset, rec.end));
    if (rec.op === OP.message) {
      const conn = u32Field(rec.fields, 'conn', WHAT);
      const list = messages.get(conn) ?? [];
      list.push({ time: timeField(rec.fields, 'time', WHAT), chunk, offset: rec.offset });
      messages.set(conn, list);
    }
    at = rec.end;
  }
}

function addConnection(connections: Map<number, BagConnection>, rec: RecordHead, data: Uint8Array): void {
  const conn = u32Field(rec.fields, 'conn', WHAT);
  const inner = readFields(data, WHAT);
  connections.set(conn, {
    conn,
    topic: textField(rec.fields, 'topic') ?? textField(inner, 'topic') ?? '',
    type: textField(inner, 'type') ?? '',
    definition: textField(inner, 'message_definition') ?? '',
  });
}

function countMessages(messages: Map<number, BagMessageRef[]>): number {
  let n = 0;
  for (const list of messages.values()) n += list.length;
  return n;
}
