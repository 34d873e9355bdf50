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

/** Where a chunk record starts, and the most it may span (the next chunk, or the index). */
export interface BagChunk {
  readonly start: number;
  readonly limit: number;
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
  const chunks: BagChunk[] = infos.map((info, i) => ({ start: info.chunkPosition, limit: i + 1 < infos.length ? infos[i + 1].chunkPosition : indexPos }));
  const messages = new Map<number, BagMessageRef[]>();
  // Chunks are read a batch at a time: File.slice and file handles serve concurrent reads well.
  for (let first = 0; first < infos.length; first += READ_BATCH) {
    options.onProgress?.('Reading the bag index', first / infos.length);
    const batch = infos.slice(first, first + READ_BATCH).map((info, k) => chunkIndex(source, chunks[first + k], info.connections, first + k));
    for (const entries of await Promise.all(batch)) {
      for (const e of entries) {
        const list = messages.get(e.conn) ?? [];
        list.push(e);
        messages.set(e.conn, list);
      }
    }
  }
  return { connections, chunks, messages, notes: [] };
}

const READ_BATCH = 32;
/** An index data record's header as rosbag writes it: op, ver, conn and count fields (8 + 12 + 13 + 14 bytes). */
const INDEX_HEADER_BYTES = 47;

/**
 * The messages of one chunk from the index records between it and the next
 * chunk. Their length follows from the chunk info's counts, so one read of the
 * region's end usually suffices; if what is there does not parse as exactly
 * those records (another writer's field order), the chunk's header is read to
 * find where its data ends.
 */
async function chunkIndex(source: ByteSource, chunk: BagChunk, conns: readonly { conn: number; count: number }[], i: number): Promise<(BagMessageRef & { conn: number })[]> {
  const expected = conns.reduce((n, c) => n + 8 + INDEX_HEADER_BYTES + 12 * c.count, 0);
  if (chunk.limit - expected > chunk.start) {
    const guess = parseIndexRecords(await readExactly(source, chunk.limit - expected, expected, WHAT), chunk.limit - expected, conns.length, i);
    if (guess) return guess;
  }
  const head = await readChunkHead(source, chunk.start, chunk.limit);
  const from = head.dataOffset + head.dataLength;
  const found = parseIndexRecords(await readExactly(source, from, chunk.limit - from, WHAT), from, conns.length, i);
  if (!found) throw new DepthDecodeError(`${WHAT}: the index records after chunk ${i} are missing or cut off; the file is damaged.`);
  return found;
}

/** Exactly `count` index data records filling `bytes`, or null. */
function parseIndexRecords(bytes: Uint8Array, base: number, count: number, chunk: number): (BagMessageRef & { conn: number })[] | null {
  const out: (BagMessageRef & { conn: number })[] = [];
  let at = 0;
  try {
    for (let k = 0; k < count; k++) {
      const rec = readRecordHead(bytes, at, base, base + bytes.length, WHAT);
      if (!rec || rec.op !== OP.indexData || rec.end > base + bytes.length) return null;
      const conn = u32Field(rec.fields, 'conn', WHAT);
      const n = u32Field(rec.fields, 'count', WHAT);
      const local = rec.dataOffset - base;
      for (const e of readIndexEntries(bytes.subarray(local, local + rec.dataLength), n, WHAT)) out.push({ time: e.time, chunk, offset: e.offset, conn });
      at = rec.end - base;
    }
  } catch (error) {
    if (error instanceof DepthDecodeError) return null;
    throw error;
  }
  return at === bytes.length ? out : null;
}

/** A chunk record's compression, sizes and where its data lies. */
async function readChunkHead(source: ByteSource, start: number, limit: number): Promise<{ dataOffset: number; dataLength: number; compression: string; size: number }> {
  // A chunk's header is about 50 bytes: read that much, not the chunk (more only for an odd, long header).
  let bytes = await source.read(start, Math.min(limit - start, 128));
  let rec = readRecordHead(bytes, 0, start, limit, WHAT);
  if (!rec && bytes.length >= 4) {
    bytes = await source.read(start, Math.min(limit - start, 8 + new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true)));
    rec = readRecordHead(bytes, 0, start, limit, WHAT);
  }
  if (!rec || rec.op !== OP.chunk || rec.end > limit) throw new DepthDecodeError(`${WHAT}: the chunk at byte ${start} is cut off or not a chunk; the file is damaged.`);
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
    const data = await this.cache.get(ref.chunk, async () => {
      const head = await readChunkHead(this.source, chunk.start, chunk.limit);
      return decompressChunk(WHAT, head.compression, await readExactly(this.source, head.dataOffset, head.dataLength, WHAT), head.size);
    });
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
