/**
 * A ROS 2 MCAP file as a MessageStore. @mcap/core's indexed reader reads the
 * summary (schemas, channels, chunk indexes); then each chunk's message index
 * records (written right after the chunk) give every message's log time and
 * place, without reading a chunk. A message is read by decompressing its chunk
 * (lz4 or zstd, bounded) and decoding CDR with the schema stored in the file.
 */
import { McapIndexedReader } from '@mcap/core';
import { parse as parseDefinition } from '@foxglove/rosmsg';
import { MessageReader } from '@foxglove/rosmsg2-serialization';
import type { ByteSource, OpenRecordingOptions } from '../../core/recording';
import { asDecodeError, DepthDecodeError, describeError } from '../../core/depth-image';
import { scanMcap } from './mcap-scan';
import { decompressChunk } from './bounded-decompress';
import { ChunkCache, normaliseType, readExactly } from './message-store';
import type { MessageStore, TopicIndex } from './message-store';

const WHAT = 'MCAP';
const OP_MESSAGE = 0x05;
const OP_CHUNK = 0x06;
const OP_MESSAGE_INDEX = 0x07;
/** A chunk's message indexes are a few bytes per message; this caps a hostile length. */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** A chunk record, or (`message`) a message record outside any chunk, which reads as a chunk of one record. */
export interface ChunkPlace {
  readonly start: number;
  readonly length: number;
  readonly message?: boolean;
}

/** Schemas and channels by id, from the summary or from a scan. */
export interface McapCatalogue {
  readonly schemasById: ReadonlyMap<number, { readonly name: string; readonly encoding: string; readonly data: Uint8Array }>;
  readonly channelsById: ReadonlyMap<number, { readonly topic: string; readonly schemaId: number; readonly messageEncoding: string }>;
}

export interface MessageRef {
  readonly time: number;
  readonly chunk: number;
  readonly offset: number;
  readonly channel: number;
}

export async function openMcapStore(source: ByteSource, options: OpenRecordingOptions): Promise<MessageStore> {
  let reader: McapIndexedReader;
  try {
    reader = await McapIndexedReader.Initialize({
      readable: {
        size: () => Promise.resolve(BigInt(source.size)),
        read: (offset, size) => readExactly(source, Number(offset), Number(size), WHAT),
      },
    });
  } catch (error) {
    // No summary (a recording cut off, or written without one): index by scanning, as for bags.
    const scan = await scanMcap(source, options, describeError(error));
    return new McapStore(source, scan.catalogue, scan.chunks, scan.refs, scan.notes);
  }
  // A writer may leave out the message indexes (MCAP's are optional): the chunks are then scanned, as a file without summary is.
  if (reader.chunkIndexes.some((ci) => ci.messageIndexLength === 0n)) {
    const scan = await scanMcap(source, options, 'its chunks have no message indexes');
    return new McapStore(source, scan.catalogue, scan.chunks, scan.refs, scan.notes);
  }
  const chunks: ChunkPlace[] = [];
  const refs = new Map<number, MessageRef[]>();
  const indexes = [...reader.chunkIndexes].sort((a, b) => Number(a.chunkStartOffset - b.chunkStartOffset));
  for (let i = 0; i < indexes.length; i++) {
    options.onProgress?.('Reading the MCAP index', i / indexes.length);
    const ci = indexes[i];
    chunks.push({ start: Number(ci.chunkStartOffset), length: Number(ci.chunkLength) });
    const length = Number(ci.messageIndexLength);
    if (length > MAX_INDEX_BYTES) throw new DepthDecodeError(`${WHAT}: a chunk claims ${length} bytes of message index; the file is damaged.`);
    const bytes = await readExactly(source, Number(ci.chunkStartOffset + ci.chunkLength), length, WHAT);
    readMessageIndexes(bytes, i, refs);
  }
  return new McapStore(source, reader, chunks, refs, []);
}

export function u64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/** Records: opcode (1), length (8), content. A message index: channel (2), entries' byte length (4), (log time 8, offset 8)... */
function readMessageIndexes(bytes: Uint8Array, chunk: number, refs: Map<number, MessageRef[]>): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 9 <= bytes.length) {
    const op = bytes[at];
    const len = u64(view, at + 1);
    if (len > bytes.length - at - 9) throw new DepthDecodeError(`${WHAT}: a message index record claims ${len} bytes, past its chunk's index; the file is damaged.`);
    if (op === OP_MESSAGE_INDEX) {
      const channel = view.getUint16(at + 9, true);
      const n = view.getUint32(at + 11, true);
      if (n > len - 6 || n % 16 !== 0) throw new DepthDecodeError(`${WHAT}: a message index record is malformed; the file is damaged.`);
      const list = refs.get(channel) ?? [];
      for (let p = at + 15; p < at + 15 + n; p += 16) {
        const ns = view.getBigUint64(p, true);
        list.push({ time: Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9, chunk, offset: u64(view, p + 8), channel });
      }
      refs.set(channel, list);
    }
    at += 9 + len;
  }
}

class McapStore implements MessageStore {
  readonly topics = new Map<string, TopicIndex>();
  private readonly byTopic = new Map<string, MessageRef[]>();
  private readonly readers = new Map<number, MessageReader>();
  private readonly cache = new ChunkCache();

  constructor(
    private readonly source: ByteSource,
    private readonly reader: McapCatalogue,
    private readonly chunks: readonly ChunkPlace[],
    refs: Map<number, MessageRef[]>,
    readonly notes: readonly string[],
  ) {
    for (const [channelId, list] of refs) {
      const channel = reader.channelsById.get(channelId);
      if (!channel) throw new DepthDecodeError(`${WHAT}: messages refer to channel ${channelId}, which the file never defines; it is damaged.`);
      const all = this.byTopic.get(channel.topic) ?? [];
      all.push(...list);
      this.byTopic.set(channel.topic, all);
    }
    for (const [topic, all] of this.byTopic) {
      all.sort((a, b) => a.time - b.time || a.chunk - b.chunk || a.offset - b.offset);
      const schema = reader.schemasById.get(reader.channelsById.get(all[0].channel)?.schemaId ?? -1);
      this.topics.set(topic, { topic, type: normaliseType(schema?.name ?? ''), times: all.map((m) => m.time) });
    }
  }

  async read(topic: string, i: number): Promise<Record<string, unknown>> {
    const ref = this.byTopic.get(topic)?.[i];
    if (!ref) throw new DepthDecodeError(`${WHAT}: there is no message ${i} on ${topic}.`);
    const records = await this.cache.get(ref.chunk, () => this.loadChunk(ref.chunk));
    const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
    const at = ref.offset;
    if (at + 9 > records.length || records[at] !== OP_MESSAGE) throw new DepthDecodeError(`${WHAT}: the index points at byte ${at} of a chunk where there is no message; the file is damaged.`);
    const len = u64(view, at + 1);
    if (len < 22 || len > records.length - at - 9) throw new DepthDecodeError(`${WHAT}: a message claims ${len} bytes, past the end of its chunk; the file is damaged.`);
    return this.decode(ref.channel, records.subarray(at + 9 + 22, at + 9 + len));
  }

  private loadChunk(index: number): Promise<Uint8Array> {
    return loadMcapChunk(this.source, this.chunks[index]);
  }


  private decode(channelId: number, data: Uint8Array): Record<string, unknown> {
    const channel = this.reader.channelsById.get(channelId);
    const schema = this.reader.schemasById.get(channel?.schemaId ?? -1);
    if (!channel || !schema) throw new DepthDecodeError(`${WHAT}: a message's channel or schema is missing; the file is damaged.`);
    if (channel.messageEncoding !== 'cdr' || schema.encoding !== 'ros2msg') {
      throw new DepthDecodeError(
        `${WHAT}: ${channel.topic} is encoded as “${channel.messageEncoding}” with a “${schema.encoding}” schema; only ROS 2 messages (cdr, ros2msg) are read.`,
      );
    }
    try {
      let reader = this.readers.get(channelId);
      if (!reader) {
        reader = new MessageReader(parseDefinition(new TextDecoder().decode(schema.data), { ros2: true }));
        this.readers.set(channelId, reader);
      }
      return reader.readMessage<Record<string, unknown>>(data);
    } catch (error) {
      throw asDecodeError(`${WHAT}: a ${schema.name} message on ${channel.topic} could not be decoded`, error);
    }
  }
}

/** Chunk record: start time 8, end time 8, uncompressed size 8, crc 4, compression (4 + n), records length 8, records. */
export async function loadMcapChunk(source: ByteSource, place: ChunkPlace): Promise<Uint8Array> {
  const { start, length } = place;
  if (length > 2 * 1024 * 1024 * 1024) throw new DepthDecodeError(`${WHAT}: a chunk claims ${length} bytes; the file is damaged.`);
  const bytes = await readExactly(source, start, length, WHAT);
  if (place.message) return bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = () => new DepthDecodeError(`${WHAT}: the chunk at byte ${start} is malformed; the file is damaged.`);
  if (bytes[0] !== OP_CHUNK || length < 9 + 32) throw bad();
  const size = u64(view, 9 + 16);
  const nameLength = view.getUint32(9 + 28, true);
  if (nameLength > 64 || 9 + 32 + nameLength + 8 > length) throw bad();
  const compression = new TextDecoder().decode(bytes.subarray(9 + 32, 9 + 32 + nameLength));
  const recordsLength = u64(view, 9 + 32 + nameLength);
  const from = 9 + 32 + nameLength + 8;
  if (recordsLength > length - from) throw bad();
  return decompressChunk(WHAT, compression, bytes.subarray(from, from + recordsLength), size);
}
