/**
 * A .tar listed by walking its 512-byte headers (POSIX ustar with its name
 * prefix, GNU long names 'L', pax 'x' records for path and size, GNU base-256
 * sizes). Entries are slices of the source: nothing is copied or held.
 *
 * Bounds: one 512-byte header read per entry, at most MAX_ENTRIES entries; a long
 * name or pax record at most MAX_NAME_BYTES; an entry at most MAX_ENTRY_BYTES; an
 * entry running past the end of the file, or a file ending before the
 * end-of-archive blocks, is refused (a truncated download).
 */
import { DepthDecodeError } from '../../../core/depth-image';
import type { ByteSource, FileTree } from '../../../core/recording';
import { entryTooLarge, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_NAME_BYTES, safeEntryPath, tooManyEntries } from './archive-limits';

const BLOCK = 512;

function cString(bytes: Uint8Array, at: number, length: number): string {
  const field = bytes.subarray(at, at + length);
  const nul = field.indexOf(0);
  return new TextDecoder().decode(nul < 0 ? field : field.subarray(0, nul));
}

/** Octal digits (space or NUL terminated), or GNU's base-256 with the high bit of the first byte set. */
function numberField(bytes: Uint8Array, at: number, length: number): number {
  if (bytes[at] & 0x80) {
    let v = bytes[at] & 0x7f;
    for (let i = 1; i < length; i++) v = v * 256 + bytes[at + i];
    return v;
  }
  const text = cString(bytes, at, length).trim();
  return text === '' ? 0 : /^[0-7]+$/.test(text) ? parseInt(text, 8) : NaN;
}

/** The header checksum: the sum of its bytes with the checksum field read as spaces. */
export function tarChecksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return numberField(header, 148, 8) === sum;
}

/** pax extended header records: "length key=value\n". */
function paxRecords(data: Uint8Array, archive: string): Map<string, string> {
  const out = new Map<string, string>();
  const text = new TextDecoder().decode(data);
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    const length = Number(text.slice(at, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0) throw new DepthDecodeError(`“${archive}”: a pax header is damaged.`);
    const record = text.slice(space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += length;
  }
  return out;
}

function sliceSource(source: ByteSource, name: string, start: number, size: number): ByteSource {
  return {
    name,
    size,
    read(offset, length) {
      const end = Math.min(size, offset + length);
      if (offset >= end) return Promise.resolve(new Uint8Array(0));
      return source.read(start + offset, end - offset);
    },
  };
}

export async function readTar(source: ByteSource): Promise<FileTree> {
  const archive = source.name;
  const files = new Map<string, ByteSource>();
  let at = 0;
  let entries = 0;
  let longName: string | null = null;
  let pax = new Map<string, string>();
  for (;;) {
    // Every tar ends with zero blocks; a file that stops before them was cut short, maybe between two entries.
    if (at + BLOCK > source.size) throw new DepthDecodeError(`“${archive}” is truncated: it ends ${at === source.size ? 'without its end-of-archive blocks' : 'inside a header'}.`);
    const header = await source.read(at, BLOCK);
    if (header.every((b) => b === 0)) break; // the end-of-archive blocks
    if (!tarChecksumOk(header)) throw new DepthDecodeError(`“${archive}” is not a tar archive, or it is damaged (a header at byte ${at} fails its checksum).`);
    if (++entries > MAX_ENTRIES) throw tooManyEntries(archive);
    const type = String.fromCharCode(header[156]);
    let size = numberField(header, 124, 12);
    if (pax.has('size') && type !== 'x' && type !== 'L') size = Number(pax.get('size'));
    if (!Number.isSafeInteger(size) || size < 0) throw new DepthDecodeError(`“${archive}”: a header at byte ${at} has an unreadable size.`);
    const dataAt = at + BLOCK;
    if (dataAt + size > source.size) throw new DepthDecodeError(`“${archive}” is truncated: an entry runs past the end of the file.`);
    at = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L' || type === 'x') {
      if (size > MAX_NAME_BYTES) throw new DepthDecodeError(`“${archive}”: a long-name header of ${size} bytes is more than a name needs.`);
      const data = await source.read(dataAt, size);
      if (type === 'L') longName = cString(data, 0, data.length);
      else pax = paxRecords(data, archive);
      continue;
    }
    if (type === 'g') continue; // pax global header: nothing we use
    let name = cString(header, 0, 100);
    if (cString(header, 257, 5) === 'ustar') {
      const prefix = cString(header, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    name = pax.get('path') ?? longName ?? name;
    longName = null;
    pax = new Map();
    // Regular files only ('0', NUL from old tars, '7' contiguous); folders, links and devices carry no frames.
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    const path = safeEntryPath(name, archive);
    if (path === null) continue;
    if (size > MAX_ENTRY_BYTES) throw entryTooLarge(archive, path, size);
    files.set(path, sliceSource(source, path, dataAt, size));
  }
  return { name: archive, files };
}
