/**
 * A small reader for the binary little-endian PLY files Depthscope writes:
 * header lines, then the vertex rows as the header declares them. Tests read
 * exports back with it, independently of the writer's own idea of the file.
 *
 * Anything else is refused with a PlyReadError whose message is a sentence, in
 * work bounded by the file's size. Fuzzing (scripts/fuzz) found the first
 * version threw bare Errors quoting whole header lines, took "property
 * constructor x" as a property type, accepted a negative vertex count, and,
 * with no properties declared, looped once per declared vertex: a 100-byte
 * file saying "element vertex 1000000000" built a billion empty rows.
 */
export interface ParsedPly {
  format: string;
  comments: string[];
  count: number;
  props: Array<{ type: string; name: string }>;
  rows: number[][];
  /** The face element's vertex indices, three per face (a mesh), or null when the file declares none. */
  faces: Uint32Array | null;
}

export class PlyReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlyReadError';
  }
}

const FORMAT = 'binary_little_endian 1.0';
const SIZES: Record<string, number> = { float: 4, uchar: 1 };
/** Depthscope's headers are under 1 KB (a few comments); a header without end_header in 64 KiB is not one of them. */
export const MAX_PLY_HEADER_BYTES = 64 * 1024;

function fail(message: string): never {
  throw new PlyReadError(message);
}

/** Header text for a message: at most 40 characters, quoted, control characters as "?". */
function quote(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(cut.replace(/\p{Cc}/gu, '?'));
}

function readHeader(bytes: Uint8Array): { lines: string[]; bodyAt: number } {
  const lines: string[] = [];
  const ascii = new TextDecoder('ascii');
  let at = 0;
  while (lines[lines.length - 1] !== 'end_header') {
    const nl = bytes.indexOf(0x0a, at);
    if (nl < 0 || nl >= MAX_PLY_HEADER_BYTES) fail(`The PLY header has no end_header line in its first ${MAX_PLY_HEADER_BYTES / 1024} KiB.`);
    lines.push(ascii.decode(bytes.subarray(at, nl)));
    at = nl + 1;
  }
  return { lines, bodyAt: at };
}

export function readPly(bytes: Uint8Array): ParsedPly {
  const { lines, bodyAt } = readHeader(bytes);
  if (lines[0] !== 'ply') fail(`The file starts with ${quote(lines[0])}, not "ply": it is not a PLY file.`);
  const result: ParsedPly = { format: '', comments: [], count: -1, props: [], rows: [], faces: null };
  let faceCount = -1;
  for (const line of lines.slice(1, -1)) {
    if (faceCount >= 0) {
      // After the face element only its one list property may come: triangles as Depthscope writes them.
      if (line !== 'property list uchar int vertex_indices' || result.faces) fail(`The PLY header has a line this reader does not take: ${quote(line)}.`);
      result.faces = new Uint32Array(0);
      continue;
    }
    const [key, ...rest] = line.split(' ');
    if (key === 'format') result.format = rest.join(' ');
    else if (key === 'comment') result.comments.push(rest.join(' '));
    else if (key === 'element' && rest[0] === 'vertex' && rest.length === 2 && result.count < 0) {
      // Digits only: Number() would also take "-1", "1e9", "0x10" and " ".
      if (!/^\d{1,10}$/.test(rest[1])) fail(`The PLY header's vertex count ${quote(rest[1])} is not a whole number.`);
      result.count = Number(rest[1]);
    } else if (key === 'element' && rest[0] === 'face' && rest.length === 2 && result.count >= 0) {
      if (!/^\d{1,10}$/.test(rest[1])) fail(`The PLY header's face count ${quote(rest[1])} is not a whole number.`);
      faceCount = Number(rest[1]);
    } else if (key === 'property' && rest.length === 2 && Object.hasOwn(SIZES, rest[0])) result.props.push({ type: rest[0], name: rest[1] });
    else fail(`The PLY header has a line this reader does not take: ${quote(line)}.`);
  }
  if (result.format !== FORMAT) fail(`The PLY file's format is ${quote(result.format)}; this reader takes ${FORMAT} only.`);
  if (result.count < 0) fail('The PLY header declares no vertex element.');
  const stride = result.props.reduce((s, p) => s + SIZES[p.type], 0);
  if (stride === 0 && result.count > 0) fail(`The PLY header declares ${result.count} vertices with no properties.`);
  if (faceCount >= 0 && !result.faces) fail('The PLY header declares a face element without its vertex_indices list.');
  const faces = Math.max(0, faceCount);
  const body = bytes.length - bodyAt;
  // Triangles only: each face is a count byte (3) and three int32 indices.
  if (body !== result.count * stride + 13 * faces) {
    const triangles = result.faces ? ` and ${faces} triangles of 13 bytes` : '';
    fail(`The PLY body holds ${body} bytes; the header declares ${result.count} vertices of ${stride} bytes (${result.count * stride})${triangles}.`);
  }
  // From here the work is bounded: count rows of stride > 0 bytes fill exactly the body.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = bodyAt;
  for (let k = 0; k < result.count; k++) {
    const row: number[] = [];
    for (const p of result.props) {
      row.push(p.type === 'float' ? view.getFloat32(at, true) : view.getUint8(at));
      at += SIZES[p.type];
    }
    result.rows.push(row);
  }
  if (result.faces) {
    result.faces = new Uint32Array(3 * faces);
    for (let f = 0; f < faces; f++, at += 13) {
      if (view.getUint8(at) !== 3) fail(`Face ${f} of the PLY file is not a triangle (${view.getUint8(at)} vertices).`);
      for (let c = 0; c < 3; c++) {
        const index = view.getInt32(at + 1 + 4 * c, true);
        if (index < 0 || index >= result.count) fail(`Face ${f} of the PLY file names vertex ${index}, of ${result.count}.`);
        result.faces[3 * f + c] = index;
      }
    }
  }
  return result;
}
