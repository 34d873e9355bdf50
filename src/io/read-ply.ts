/**
 * A small reader for the binary little-endian PLY files Depthscope writes:
 * header lines, then the vertex rows as the header declares them. Tests read
 * exports back with it, independently of the writer's own idea of the file.
 */
export interface ParsedPly {
  format: string;
  comments: string[];
  count: number;
  props: Array<{ type: string; name: string }>;
  rows: number[][];
}

const SIZES: Record<string, number> = { float: 4, uchar: 1 };

export function readPly(bytes: Uint8Array): ParsedPly {
  const lines: string[] = [];
  let at = 0;
  while (lines[lines.length - 1] !== 'end_header') {
    const nl = bytes.indexOf(0x0a, at);
    if (nl < 0) throw new Error('header not ended');
    lines.push(new TextDecoder('ascii').decode(bytes.subarray(at, nl)));
    at = nl + 1;
  }
  if (lines[0] !== 'ply') throw new Error(`not a PLY file: ${lines[0]}`);
  const result: ParsedPly = { format: '', comments: [], count: -1, props: [], rows: [] };
  for (const line of lines.slice(1, -1)) {
    const [key, ...rest] = line.split(' ');
    if (key === 'format') result.format = rest.join(' ');
    else if (key === 'comment') result.comments.push(rest.join(' '));
    else if (key === 'element' && rest[0] === 'vertex') result.count = Number(rest[1]);
    else if (key === 'property' && rest[0] in SIZES) result.props.push({ type: rest[0], name: rest[1] });
    else throw new Error(`unexpected header line: ${line}`);
  }
  const stride = result.props.reduce((s, p) => s + SIZES[p.type], 0);
  if (bytes.length - at !== result.count * stride) throw new Error(`body holds ${bytes.length - at} bytes, the header declares ${result.count * stride}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < result.count; k++) {
    const row: number[] = [];
    for (const p of result.props) {
      row.push(p.type === 'float' ? view.getFloat32(at, true) : view.getUint8(at));
      at += SIZES[p.type];
    }
    result.rows.push(row);
  }
  return result;
}
