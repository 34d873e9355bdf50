/**
 * A .zip listed from its central directory (PKWARE APPNOTE 4.3.12, 4.3.16; Zip64
 * 4.3.14-15, 4.5.3) without reading the entries: each becomes a ByteSource that
 * reads its local header and inflates its data only when read.
 *
 * Bounds: the end record is searched in the last 64 KiB + 22 bytes; the central
 * directory may be at most MAX_DIRECTORY_BYTES and MAX_ENTRIES entries; an entry
 * declaring more than MAX_ENTRY_BYTES, or more than its compressed data can
 * expand to (deflate: 1032x), is refused when listed. Reading an entry
 * inflates into a buffer of its declared size (or of the head asked for) and stops
 * there (bounded-inflate stops within one 64 KiB output window of it); data that inflates
 * to more or less than declared is refused. The last RECENT_ENTRIES inflated
 * entries are kept, no more. Nested archives are entries like any other: never opened.
 */
import { inflateStream } from '../../../core/bounded-inflate';
import { DepthDecodeError } from '../../../core/depth-image';
import type { ByteSource, FileTree } from '../../../core/recording';
import { entryTooLarge, MAX_DIRECTORY_BYTES, MAX_ENTRIES, MAX_ENTRY_BYTES, safeEntryPath, tooManyEntries } from './archive-limits';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Directory {
  offset: number;
  size: number;
  entries: number;
}

function u64(view: DataView, at: number): number {
  // Sizes above 2^53 are not real files; they become unsafe numbers that the bounds below refuse.
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

async function findDirectory(source: ByteSource): Promise<Directory> {
  const tailLength = Math.min(source.size, 65535 + 22 + 20);
  const tail = await source.read(source.size - tailLength, tailLength);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  for (let at = tail.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== EOCD) continue;
    let dir: Directory = { entries: view.getUint16(at + 10, true), size: view.getUint32(at + 12, true), offset: view.getUint32(at + 16, true) };
    if (at >= 20 && view.getUint32(at - 20, true) === ZIP64_LOCATOR) {
      const zip64At = u64(view, at - 20 + 8);
      const record = await source.read(zip64At, 56);
      const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
      if (record.length < 56 || r.getUint32(0, true) !== ZIP64_EOCD) throw new DepthDecodeError(`“${source.name}”: the Zip64 end record is damaged.`);
      dir = { entries: u64(r, 32), size: u64(r, 40), offset: u64(r, 48) };
    }
    return dir;
  }
  throw new DepthDecodeError(`“${source.name}” is not a zip archive, or it is truncated (no end of central directory).`);
}

interface ZipEntry {
  path: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Zip64 extended information (extra field 0x0001): the 64-bit values of the fields that were 0xffffffff, in order. */
function applyZip64(extra: DataView, entry: ZipEntry, raw: { size: number; compressed: number; offset: number }): void {
  for (let at = 0; at + 4 <= extra.byteLength; ) {
    const id = extra.getUint16(at, true);
    const length = extra.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const take = (): number => {
        if (p + 8 > at + 4 + length) throw new DepthDecodeError(`“${entry.path}”: its Zip64 extra field is too short.`);
        const v = u64(extra, p);
        p += 8;
        return v;
      };
      if (raw.size === 0xffffffff) entry.size = take();
      if (raw.compressed === 0xffffffff) entry.compressedSize = take();
      if (raw.offset === 0xffffffff) entry.localOffset = take();
      return;
    }
    at += 4 + length;
  }
}

/** Entries kept inflated, per archive: a frame is read twice at most (its head to sniff, then whole), never all kept. */
const RECENT_ENTRIES = 4;

async function inflateEntry(source: ByteSource, entry: ZipEntry, prefix: number): Promise<Uint8Array> {
  const archive = source.name;
  if (entry.flags & 1) throw new DepthDecodeError(`“${entry.path}” in “${archive}” is encrypted; it cannot be read.`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new DepthDecodeError(`“${entry.path}” in “${archive}” uses compression method ${entry.method}; only stored and deflated entries are read.`);
  }
  const local = await source.read(entry.localOffset, 30);
  const lv = new DataView(local.buffer, local.byteOffset, local.byteLength);
  if (local.length < 30 || lv.getUint32(0, true) !== LOCAL) throw new DepthDecodeError(`“${entry.path}” in “${archive}”: its local header is missing; the archive is damaged.`);
  const dataAt = entry.localOffset + 30 + lv.getUint16(26, true) + lv.getUint16(28, true);
  const data = await source.read(dataAt, entry.compressedSize);
  if (data.length < entry.compressedSize) throw new DepthDecodeError(`“${entry.path}” in “${archive}” is cut short: the archive is truncated.`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new DepthDecodeError(`“${entry.path}” in “${archive}”: a stored entry's sizes disagree; the archive is damaged.`);
    return data.subarray(0, prefix);
  }
  const whole = prefix === entry.size;
  const out = new Uint8Array(prefix);
  let written = 0;
  let over = false;
  const { ended } = inflateStream(
    data,
    (piece) => {
      if (written + piece.length > out.length) {
        over = true;
        out.set(piece.subarray(0, out.length - written), written);
        written = out.length;
        return false;
      }
      out.set(piece, written);
      written += piece.length;
      return true;
    },
    `“${entry.path}” in “${archive}” could not be decompressed`,
    prefix + 1,
  );
  if (whole && over) throw new DepthDecodeError(`“${entry.path}” in “${archive}” inflates beyond its declared ${entry.size} bytes; the archive is damaged or hostile.`);
  if ((whole && !ended) || written !== prefix) {
    throw new DepthDecodeError(`“${entry.path}” in “${archive}” inflates to ${written} of its declared ${entry.size} bytes; the archive is damaged or truncated.`);
  }
  return out;
}

function entrySource(source: ByteSource, entry: ZipEntry, recent: Map<ZipEntry, Uint8Array>): ByteSource {
  return {
    name: entry.path,
    size: entry.size,
    async read(offset, length) {
      const end = Math.min(entry.size, offset + length);
      if (offset >= end) return new Uint8Array(0);
      let bytes = recent.get(entry);
      if (!bytes && end < entry.size) {
        // A head (sniffing a file's kind): inflate only that far.
        return (await inflateEntry(source, entry, end)).subarray(offset);
      }
      if (!bytes) {
        bytes = await inflateEntry(source, entry, entry.size);
        recent.set(entry, bytes);
        if (recent.size > RECENT_ENTRIES) recent.delete(recent.keys().next().value!);
      }
      return bytes.subarray(offset, end);
    },
  };
}

export async function readZip(source: ByteSource): Promise<FileTree> {
  const dir = await findDirectory(source);
  if (dir.entries > MAX_ENTRIES) throw tooManyEntries(source.name);
  if (dir.size > MAX_DIRECTORY_BYTES) throw new DepthDecodeError(`“${source.name}”: its central directory is ${Math.round(dir.size / 2 ** 20)} MiB; at most ${MAX_DIRECTORY_BYTES / 2 ** 20} MiB are read.`);
  if (dir.offset + dir.size > source.size) throw new DepthDecodeError(`“${source.name}” is truncated: its central directory lies past the end of the file.`);
  const bytes = await source.read(dir.offset, dir.size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, ByteSource>();
  const recent = new Map<ZipEntry, Uint8Array>();
  let at = 0;
  for (let i = 0; i < dir.entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new DepthDecodeError(`“${source.name}”: its central directory is damaged (entry ${i + 1} of ${dir.entries}).`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > bytes.length) throw new DepthDecodeError(`“${source.name}”: its central directory is damaged (entry ${i + 1} runs past its end).`);
    const flags = view.getUint16(at + 8, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: UTF-8 names; otherwise CP437, which agrees with UTF-8 on the ASCII that dataset names use.
    const rawName = new TextDecoder(flags & 0x800 ? 'utf-8' : 'latin1').decode(nameBytes);
    const raw = { compressed: view.getUint32(at + 20, true), size: view.getUint32(at + 24, true), offset: view.getUint32(at + 42, true) };
    const entry: ZipEntry = { path: rawName, method: view.getUint16(at + 10, true), flags, compressedSize: raw.compressed, size: raw.size, localOffset: raw.offset };
    applyZip64(new DataView(bytes.buffer, bytes.byteOffset + at + 46 + nameLength, extraLength), entry, raw);
    at = end;
    const path = safeEntryPath(rawName, source.name);
    if (path === null) continue;
    entry.path = path;
    if (entry.size > MAX_ENTRY_BYTES) throw entryTooLarge(source.name, path, entry.size);
    // The size is allocated when the entry is read: it must be one its data can produce (deflate expands at most 1032x).
    if (entry.method === 8 ? entry.size > 1032 * entry.compressedSize + 1024 : entry.method === 0 && entry.size !== entry.compressedSize) {
      throw new DepthDecodeError(`“${path}” in “${source.name}” declares ${entry.size} bytes from ${entry.compressedSize} stored: more than its data can hold; the archive is damaged or hostile.`);
    }
    if (entry.localOffset + entry.compressedSize > source.size) throw new DepthDecodeError(`“${path}” in “${source.name}” lies past the end of the file: the archive is truncated.`);
    files.set(path, entrySource(source, entry, recent));
  }
  return { name: source.name, files };
}
