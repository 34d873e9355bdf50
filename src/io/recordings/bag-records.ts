/**
 * The record layer of ROS bag v2.0 (http://wiki.ros.org/Bags/Format/2.0), for
 * the two things @foxglove/rosbag does not do for us: reading a chunk's index
 * records without reading the chunk, and scanning a bag that has no index.
 * Every length is checked against the bytes there are before it is used.
 */
import { DepthDecodeError } from '../../core/depth-image';

export const BAG_MAGIC = '#ROSBAG V2.0\n';

export const OP = { message: 2, bagHeader: 3, indexData: 4, chunk: 5, chunkInfo: 6, connection: 7 } as const;

/** The largest record header accepted: real ones are under 1 KB (a connection's is in its data). */
export const MAX_HEADER_BYTES = 1024 * 1024;

export interface RecordHead {
  /** Where the record starts (its header length). */
  readonly offset: number;
  readonly fields: ReadonlyMap<string, Uint8Array>;
  readonly op: number;
  /** Where its data starts, and how long it is. */
  readonly dataOffset: number;
  readonly dataLength: number;
  /** Where the next record starts. */
  readonly end: number;
}

/** `name=value` fields, each prefixed by its u32 length. */
export function readFields(bytes: Uint8Array, what: string): Map<string, Uint8Array> {
  const fields = new Map<string, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length) throw new DepthDecodeError(`${what}: a record header ends inside a field length; the file is damaged.`);
    const len = view.getUint32(pos, true);
    pos += 4;
    if (len > bytes.length - pos) throw new DepthDecodeError(`${what}: a record header field claims ${len} bytes but ${bytes.length - pos} remain; the file is damaged.`);
    const field = bytes.subarray(pos, pos + len);
    const eq = field.indexOf(0x3d);
    if (eq < 0) throw new DepthDecodeError(`${what}: a record header field has no “=”; the file is damaged.`);
    fields.set(new TextDecoder().decode(field.subarray(0, eq)), field.subarray(eq + 1));
    pos += len;
  }
  return fields;
}

/**
 * The record starting at `bytes[at]` (`bytes` holding the file from `base`),
 * or null when `bytes` ends before its header and data length do. The data
 * itself may lie beyond `bytes`; `limit` is where the file (or chunk) ends.
 */
export function readRecordHead(bytes: Uint8Array, at: number, base: number, limit: number, what: string): RecordHead | null {
  if (at + 4 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(at, true);
  const offset = base + at;
  if (headerLength > MAX_HEADER_BYTES || offset + 8 + headerLength > limit) {
    throw new DepthDecodeError(`${what}: the record at byte ${offset} claims a ${headerLength}-byte header, past the end of the data; the file is truncated or damaged.`);
  }
  if (at + 8 + headerLength > bytes.length) return null;
  const fields = readFields(bytes.subarray(at + 4, at + 4 + headerLength), what);
  const dataLength = view.getUint32(at + 4 + headerLength, true);
  const dataOffset = offset + 8 + headerLength;
  const op = fields.get('op');
  if (!op || op.length !== 1) throw new DepthDecodeError(`${what}: the record at byte ${offset} has no operation code; the file is damaged.`);
  return { offset, fields, op: op[0], dataOffset, dataLength, end: dataOffset + dataLength };
}

export function u32Field(fields: ReadonlyMap<string, Uint8Array>, name: string, what: string): number {
  const v = fields.get(name);
  if (!v || v.length < 4) throw new DepthDecodeError(`${what}: a record lacks its “${name}” field; the file is damaged.`);
  return new DataView(v.buffer, v.byteOffset, v.byteLength).getUint32(0, true);
}

/** A ROS time (u32 seconds, u32 nanoseconds) as seconds. */
export function timeField(fields: ReadonlyMap<string, Uint8Array>, name: string, what: string): number {
  const v = fields.get(name);
  if (!v || v.length < 8) throw new DepthDecodeError(`${what}: a record lacks its “${name}” field; the file is damaged.`);
  const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
  return view.getUint32(0, true) + view.getUint32(4, true) / 1e9;
}

export function textField(fields: ReadonlyMap<string, Uint8Array>, name: string): string | undefined {
  const v = fields.get(name);
  return v ? new TextDecoder().decode(v) : undefined;
}

/** The (time, offset) entries of an index data record (version 1): 12 bytes each. */
export function readIndexEntries(data: Uint8Array, count: number, what: string): { time: number; offset: number }[] {
  if (count * 12 !== data.length) throw new DepthDecodeError(`${what}: an index record claims ${count} entries in ${data.length} bytes; the file is damaged.`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: { time: number; offset: number }[] = [];
  for (let p = 0; p < data.length; p += 12) {
    out.push({ time: view.getUint32(p, true) + view.getUint32(p + 4, true) / 1e9, offset: view.getUint32(p + 8, true) });
  }
  return out;
}
