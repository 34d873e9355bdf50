/**
 * A ROS 1 bag (v2.0) as a MessageStore. Opening reads the bag header, then
 * @foxglove/rosbag reads the connections and chunk infos at the end, then each
 * chunk's index records (the few bytes after each chunk, never the chunk). A
 * bag without an index is scanned as `rosbag reindex` does (bag-reindex.ts).
 * A message is read by decompressing its chunk (kept in a small cache).
 */
import { Bag } from '@foxglove/rosbag';
import { parse as parseDefinition } from '@foxglove/rosmsg';
import { MessageReader } from '@foxglove/rosmsg-serialization';
import type { ByteSource, OpenRecordingOptions } from '../../core/recording';
import { asDecodeError, DepthDecodeError } from '../../core/depth-image';
import { BAG_MAGIC, OP, readIndexEntries, readRecordHead, u32Field } from './bag-records';
import { decompressChunk } from './bounded-decompress';
import { ChunkCache, normaliseType, readExactly } from './message-store';
import type { MessageStore, TopicIndex } from './message-store';
import { reindexBag } from './bag-reindex';

const WHAT = 'ROS bag';

export interface BagConnection {
  readonly conn: number;
  readonly topic: string;
  readonly type: string;
  readonly definition: string;
}

export interface BagChunk {
  readonly dataOffset: number;
  readonly dataLength: number;
  readonly compression: string;
  readonly size: number;
}

export interface BagMessageRef {
  readonly time: number;
  readonly chunk: number;
  readonly offset: number;
}

/** What either path (index or scan) learns about the bag. */
export interface BagIndex {
  readonly connections: ReadonlyMap<number, BagConnection>;
  readonly chunks: readonly BagChunk[];
  /** Per connection, its messages. */
  readonly messages: ReadonlyMap<number, BagMessageRef[]>;
  readonly notes: readonly string[];
}

export async function openBagStore(source: ByteSource, options: OpenRecordingOptions): Promise<MessageStore> {
  const index = await readBagIndex(source, options);
  return new BagStore(source, index);
}

async function readBagIndex(source: ByteSource, options: OpenRecordingOptions): Promise<BagIndex> {
  const first = await source.read(0, Math.min(source.size, 13 + 8 + 4096));
  if (new TextDecoder().decode(first.subarray(0, 13)) !== BAG_MAGIC) {
    throw new DepthDecodeError(`${WHAT}: the file does not start with “#ROSBAG V2.0”; only version 2.0 bags are read.`);
  }
  const head = readRecordHead(first, 13, 0, source.size, WHAT);
  if (!head || head.op !== OP.bagHeader) throw new DepthDecodeError(`${WHAT}: the bag header record is missing or cut off; the file is truncated or damaged.`);
  const pos = head.fields.get('index_pos');
  if (!pos || pos.length !== 8) throw new DepthDecodeError(`${WHAT}: the bag header has no index position; the file is damaged.`);
  const view = new DataView(pos.buffer, pos.byteOffset, 8);
  const indexPos = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  const chunkCount = u32Field(head.fields, 'chunk_count', WHAT);
  // An empty bag's index (no connections, no chunks) is the zero bytes at its end.
  if (indexPos === source.size && chunkCount === 0) return { connections: new Map(), chunks: [], messages: new Map(), notes: [] };
  if (indexPos === 0) return reindexBag(source, head.end, options, 'the bag has no index (the recording was cut off)');
  if (indexPos < head.end || indexPos >= source.size) {
    return reindexBag(source, head.end, options, `the index should be at byte ${indexPos} but the file has ${source.size} bytes (truncated)`);
  }
  const bag = new Bag({ read: (offset, length) => source.read(offset, length), size: () => source.size }, { parse: false });
  try {
    await bag.open();
  } catch (error) {
    throw asDecodeError(`${WHAT}: the index at the end of the bag could not be read`, error);
  }
  const connections = new Map<number, BagConnection>();
  for (const c of bag.connections.values()) {
    connections.set(c.conn, { conn: c.conn, topic: c.topic, type: c.type ?? '', definition: c.messageDefinition });
  }
  const infos = [...bag.chunkInfos].sort((a, b) => a.chunkPosition - b.chunkPosition);
  if (infos.length !== chunkCount) throw new DepthDecodeError(`${WHAT}: the header promises ${chunkCount} chunks but the index lists ${infos.length}; the file is damaged.`);
  const chunks: BagChunk[] = [];
  const messages = new Map<number, BagMessageRef[]>();
  for (let i = 0; i < infos.length; i++) {
    options.onProgress?.('Reading the bag index', i / infos.length);
    const start = infos[i].chunkPosition;
    const end = i + 1 < infos.length ? infos[i + 1].chunkPosition : indexPos;
    const chunk = await readChunkHead(source, start, end);
    chunks.push(chunk);
    const indexBytes = await readExactly(source, chunk.dataOffset + chunk.dataLength, end - chunk.dataOffset - chunk.dataLength, WHAT);
    let at = 0;
    for (let k = 0; k < infos[i].connections.length; k++) {
      const rec = readRecordHead(indexBytes, at, chunk.dataOffset + chunk.dataLength, end, WHAT);
      if (!rec || rec.op !== OP.indexData || rec.end > end) throw new DepthDecodeError(`${WHAT}: the index records after chunk ${i} are missing or cut off; the file is damaged.`);
      const conn = u32Field(rec.fields, 'conn', WHAT);
      const count = u32Field(rec.fields, 'count', WHAT);
      const local = rec.dataOffset - (chunk.dataOffset + chunk.dataLength);
      const entries = readIndexEntries(indexBytes.subarray(local, local + rec.dataLength), count, WHAT);
      const list = messages.get(conn) ?? [];
      for (const e of entries) list.push({ time: e.time, chunk: i, offset: e.offset });
      messages.set(conn, list);
      at = rec.end - (chunk.dataOffset + chunk.dataLength);
    }
  }
  return { connections, chunks, messages, notes: [] };
}

async function readChunkHead(source: ByteSource, start: number, end: number): Promise<BagChunk> {
  // A chunk's header is about 50 bytes: read that much, not the chunk (more only for an odd, long header).
  let bytes = await source.read(start, Math.min(end - start, 128));
  let rec = readRecordHead(bytes, 0, start, end, WHAT);
  if (!rec && bytes.length >= 4) {
    bytes = await source.read(start, Math.min(end - start, 8 + new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true)));
    rec = readRecordHead(bytes, 0, start, end, WHAT);
  }
  if (!rec || rec.op !== OP.chunk || rec.end > end) throw new DepthDecodeError(`${WHAT}: the chunk at byte ${start} is cut off or not a chunk; the file is damaged.`);
  const compression = new TextDecoder().decode(rec.fields.get('compression') ?? new Uint8Array());
  return { dataOffset: rec.dataOffset, dataLength: rec.dataLength, compression, size: u32Field(rec.fields, 'size', WHAT) };
}

class BagStore implements MessageStore {
  readonly topics = new Map<string, TopicIndex>();
  readonly notes: readonly string[];
  private readonly refs = new Map<string, (BagMessageRef & { conn: number })[]>();
  private readonly readers = new Map<number, MessageReader>();
  private readonly cache = new ChunkCache();

  constructor(
    private readonly source: ByteSource,
    private readonly index: BagIndex,
  ) {
    this.notes = index.notes;
    for (const [conn, list] of index.messages) {
      const c = index.connections.get(conn);
      if (!c) throw new DepthDecodeError(`${WHAT}: messages refer to connection ${conn}, which the bag never defines; the file is damaged.`);
      const all = this.refs.get(c.topic) ?? [];
      for (const m of list) all.push({ ...m, conn });
      this.refs.set(c.topic, all);
    }
    for (const [topic, all] of this.refs) {
      all.sort((a, b) => a.time - b.time || a.chunk - b.chunk || a.offset - b.offset);
      const type = normaliseType(index.connections.get(all[0].conn)?.type ?? '');
      this.topics.set(topic, { topic, type, times: all.map((m) => m.time) });
    }
  }

  async read(topic: string, i: number): Promise<Record<string, unknown>> {
    const ref = this.refs.get(topic)?.[i];
    if (!ref) throw new DepthDecodeError(`${WHAT}: there is no message ${i} on ${topic}.`);
    const chunk = this.index.chunks[ref.chunk];
    const data = await this.cache.get(ref.chunk, async () =>
      decompressChunk(WHAT, chunk.compression, await readExactly(this.source, chunk.dataOffset, chunk.dataLength, WHAT), chunk.size),
    );
    const rec = readRecordHead(data, ref.offset, 0, data.length, WHAT);
    if (!rec || rec.op !== OP.message || rec.end > data.length) {
      throw new DepthDecodeError(`${WHAT}: the index points at byte ${ref.offset} of a chunk where there is no message; the file is damaged.`);
    }
    return this.decode(ref.conn, data.subarray(rec.dataOffset, rec.end));
  }

  private decode(conn: number, bytes: Uint8Array): Record<string, unknown> {
    const c = this.index.connections.get(conn);
    if (!c) throw new DepthDecodeError(`${WHAT}: a message refers to connection ${conn}, which the bag never defines.`);
    try {
      let reader = this.readers.get(conn);
      if (!reader) {
        reader = new MessageReader(parseDefinition(c.definition));
        this.readers.set(conn, reader);
      }
      return reader.readMessage<Record<string, unknown>>(bytes);
    } catch (error) {
      throw asDecodeError(`${WHAT}: a ${c.type} message on ${c.topic} could not be decoded`, error);
    }
  }
}
