/**
 * An MCAP file without a usable summary (a recording cut off before the
 * writer closed it) indexed by scanning its records from the start: schemas,
 * channels, and the messages of each chunk (decompressed once, one at a time)
 * or outside chunks. Scanning stops at the cut or at a damaged chunk and keeps
 * what came before, as bag re-indexing does.
 */
import type { ByteSource, OpenRecordingOptions } from '../../core/recording';
import { DepthDecodeError, describeError } from '../../core/depth-image';
import { readExactly } from './message-store';
import { loadMcapChunk, u64 } from './mcap-store';
import type { ChunkPlace, McapCatalogue, MessageRef } from './mcap-store';

const WHAT = 'MCAP';
const MAGIC = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a];
const OP = { footer: 0x02, schema: 0x03, channel: 0x04, message: 0x05, chunk: 0x06, dataEnd: 0x0f } as const;

type Schemas = Map<number, { name: string; encoding: string; data: Uint8Array }>;
type Channels = Map<number, { topic: string; schemaId: number; messageEncoding: string }>;

export interface McapScan {
  readonly catalogue: McapCatalogue;
  readonly chunks: ChunkPlace[];
  readonly refs: Map<number, MessageRef[]>;
  readonly notes: string[];
}

export async function scanMcap(source: ByteSource, options: OpenRecordingOptions, why: string): Promise<McapScan> {
  const magic = await source.read(0, 8);
  if (!MAGIC.every((b, i) => magic[i] === b)) throw new DepthDecodeError(`${WHAT}: the file does not start with the MCAP magic bytes.`);
  const schemas: Schemas = new Map();
  const channels: Channels = new Map();
  const chunks: ChunkPlace[] = [];
  const refs = new Map<number, MessageRef[]>();
  const notes = [`Re-indexed by scanning: the MCAP file has no usable summary (${why.replace(/\.$/, '')}).`];
  const add = (ref: MessageRef) => refs.set(ref.channel, [...(refs.get(ref.channel) ?? []), ref]);
  let pos = 8;
  while (pos + 9 <= source.size) {
    options.onProgress?.('Re-indexing the MCAP file', pos / source.size);
    const head = await readExactly(source, pos, 9, WHAT);
    const op = head[0];
    const length = u64(new DataView(head.buffer, head.byteOffset, 9), 1);
    if (length > source.size - pos - 9) {
      notes.push(`The file is cut off at byte ${pos}; the ${count(refs)} messages before it were kept.`);
      break;
    }
    if (op === OP.footer || op === OP.dataEnd) break;
    if (op === OP.schema || op === OP.channel) readDefinition(op, await readExactly(source, pos + 9, length, WHAT), schemas, channels);
    if (op === OP.message) {
      const bytes = await readExactly(source, pos + 9, Math.min(length, 14), WHAT);
      if (bytes.length < 14) throw new DepthDecodeError(`${WHAT}: the message record at byte ${pos} is too short; the file is damaged.`);
      add({ channel: bytes[0] | (bytes[1] << 8), time: logTime(bytes, 6), chunk: chunks.length, offset: 0 });
      chunks.push({ start: pos, length: 9 + length, message: true });
    }
    if (op === OP.chunk) {
      const place = { start: pos, length: 9 + length };
      const found: MessageRef[] = [];
      try {
        scanRecords(await loadMcapChunk(source, place), chunks.length, schemas, channels, found);
      } catch (error) {
        if (!(error instanceof DepthDecodeError)) throw error;
        notes.push(`The chunk at byte ${pos} is damaged (${describeError(error)}); scanning stopped there, keeping the ${count(refs)} messages before it.`);
        break;
      }
      found.forEach(add);
      chunks.push(place);
    }
    pos += 9 + length;
  }
  options.onProgress?.('Re-indexing the MCAP file', 1);
  return { catalogue: { schemasById: schemas, channelsById: channels }, chunks, refs, notes };
}

function count(refs: Map<number, MessageRef[]>): number {
  let n = 0;
  for (const list of refs.values()) n += list.length;
  return n;
}

function logTime(bytes: Uint8Array, at: number): number {
  const ns = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigUint64(0, true);
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

/** The records inside a decompressed chunk: schemas, channels and messages (channel 2, sequence 4, log time 8, ...). */
function scanRecords(records: Uint8Array, chunk: number, schemas: Schemas, channels: Channels, out: MessageRef[]): void {
  const view = new DataView(records.buffer, records.byteOffset, records.byteLength);
  let at = 0;
  while (at + 9 <= records.length) {
    const op = records[at];
    const length = u64(view, at + 1);
    if (length > records.length - at - 9) throw new DepthDecodeError(`${WHAT}: a record inside a chunk runs past the chunk's end; the file is damaged.`);
    const content = records.subarray(at + 9, at + 9 + length);
    if (op === OP.schema || op === OP.channel) readDefinition(op, content, schemas, channels);
    if (op === OP.message) {
      if (length < 14) throw new DepthDecodeError(`${WHAT}: a message record inside a chunk is too short; the file is damaged.`);
      out.push({ channel: view.getUint16(at + 9, true), time: logTime(records, at + 9 + 6), chunk, offset: at });
    }
    at += 9 + length;
  }
}

/** Schema: id 2, name, encoding, data (each a u32 length and bytes). Channel: id 2, schema id 2, topic, message encoding, metadata. */
function readDefinition(op: number, content: Uint8Array, schemas: Schemas, channels: Channels): void {
  const view = new DataView(content.buffer, content.byteOffset, content.byteLength);
  let at = 0;
  const take = (n: number) => {
    if (n > content.length - at) throw new DepthDecodeError(`${WHAT}: a schema or channel record is cut short; the file is damaged.`);
    const out = content.subarray(at, at + n);
    at += n;
    return out;
  };
  const u16 = () => new DataView(take(2).slice().buffer).getUint16(0, true);
  const bytes = () => take(new DataView(take(4).slice().buffer).getUint32(0, true));
  const text = () => new TextDecoder().decode(bytes());
  if (view.byteLength < 4) throw new DepthDecodeError(`${WHAT}: a schema or channel record is cut short; the file is damaged.`);
  if (op === OP.schema) {
    const id = u16();
    schemas.set(id, { name: text(), encoding: text(), data: bytes() });
  } else {
    const id = u16();
    const schemaId = u16();
    channels.set(id, { schemaId, topic: text(), messageEncoding: text() });
  }
}
