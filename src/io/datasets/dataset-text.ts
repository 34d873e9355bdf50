/**
 * The text files of dataset layouts: TUM's stamp lists, 4x4 matrices (7-Scenes,
 * ScanNet poses and intrinsics), Redwood's .log trajectory, Open3D's
 * camera_intrinsic.json. Each malformed line is refused with a sentence naming the
 * file and the line, never read as zeros.
 */
import { DepthDecodeError } from '../../core/depth-image';
import { quoteText } from '../../core/quoted-text';
import type { RigidTransform } from '../../core/recording';

/** Text files larger than this are not datasets' index files (a TUM list of a day at 30 Hz is ~5 MB). */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_TEXT_BYTES) throw new DepthDecodeError(`“${file}” is ${Math.round(bytes.length / 2 ** 20)} MiB: too large for a dataset's text file.`);
  return new TextDecoder().decode(bytes);
}

function parseNumber(token: string, file: string, line: number): number {
  // Number('') is 0 and Number('0x10') is 16: accept decimal and scientific notation only, and inf (ScanNet's invalid poses).
  if (!/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(token) && !/^[-+]?inf(inity)?$/i.test(token) && !/^nan$/i.test(token)) {
    throw new DepthDecodeError(`“${file}”, line ${line}: ${quoteText(token, 30)} is not a number.`);
  }
  if (/inf/i.test(token)) return token.startsWith('-') ? -Infinity : Infinity;
  if (/nan/i.test(token)) return NaN;
  return Number(token);
}

/** Lines split into fields as associate.py does: commas and tabs are spaces, '#' lines and empty lines skipped. */
function fieldLines(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.length === 0 || raw[0] === '#') return;
    const fields = raw.replace(/[,\t\r]/g, ' ').split(' ').filter((f) => f !== '');
    if (fields.length > 0) out.push({ line: i + 1, fields });
  });
  return out;
}

export interface StampedName {
  stamp: number;
  path: string;
}

/** TUM's rgb.txt / depth.txt: `timestamp filename` per line, sorted by stamp (associate.py reads them into a dict, so a repeated stamp keeps its last line). */
export function parseStampList(text: string, file: string): StampedName[] {
  const byStamp = new Map<number, string>();
  for (const { line, fields } of fieldLines(text)) {
    if (fields.length < 2) throw new DepthDecodeError(`“${file}”, line ${line}: expected “timestamp filename”.`);
    const stamp = parseNumber(fields[0], file, line);
    if (!Number.isFinite(stamp)) throw new DepthDecodeError(`“${file}”, line ${line}: the timestamp is not finite.`);
    byStamp.set(stamp, fields[1]);
  }
  return [...byStamp].map(([stamp, path]) => ({ stamp, path })).sort((a, b) => a.stamp - b.stamp);
}

export interface StampedPose {
  stamp: number;
  pose: RigidTransform;
}

/** Row-major 4x4 camera-to-world from a translation and a unit quaternion (x, y, z, w), normalised first as TUM's evaluate tools do. */
export function poseFromQuaternion(t: readonly number[], q: readonly number[]): RigidTransform {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  const [x, y, z, w] = q.map((v) => v / n);
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w), t[0],
    2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w), t[1],
    2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y), t[2],
    0, 0, 0, 1,
  ];
}

/** TUM's groundtruth.txt: `timestamp tx ty tz qx qy qz qw`, sorted by stamp. */
export function parseTumTrajectory(text: string, file: string): StampedPose[] {
  const out: StampedPose[] = [];
  for (const { line, fields } of fieldLines(text)) {
    if (fields.length !== 8) throw new DepthDecodeError(`“${file}”, line ${line}: expected “timestamp tx ty tz qx qy qz qw” (8 numbers, found ${fields.length}).`);
    const v = fields.map((f) => parseNumber(f, file, line));
    if (!v.every(Number.isFinite)) throw new DepthDecodeError(`“${file}”, line ${line}: a value is not finite.`);
    if (Math.hypot(v[4], v[5], v[6], v[7]) < 1e-6) throw new DepthDecodeError(`“${file}”, line ${line}: the quaternion is zero.`);
    out.push({ stamp: v[0], pose: poseFromQuaternion(v.slice(1, 4), v.slice(4, 8)) });
  }
  return out.sort((a, b) => a.stamp - b.stamp);
}

/** A whitespace-separated 4x4 matrix (row-major), as 7-Scenes and ScanNet write poses and intrinsics. Non-finite entries are kept (ScanNet writes -inf for a lost pose). */
export function parseMatrix4(text: string, file: string): number[] {
  const rows = fieldLines(text);
  const values = rows.flatMap(({ line, fields }) => fields.map((f) => parseNumber(f, file, line)));
  if (values.length !== 16) throw new DepthDecodeError(`“${file}”: expected a 4x4 matrix (16 numbers), found ${values.length}.`);
  return values;
}

/** True for a finite matrix whose last row is 0 0 0 1: a usable pose. */
export function isRigidPose(m: readonly number[]): boolean {
  return m.every(Number.isFinite) && m[12] === 0 && m[13] === 0 && m[14] === 0 && m[15] === 1;
}

export interface LogEntry {
  /** The first of the three ids on the metadata line: the frame it belongs to. */
  frame: number;
  pose: RigidTransform;
}

/** Redwood / Open3D .log trajectory: per frame a line of three integers, then the 4x4 camera-to-world in four lines. */
export function parseTrajectoryLog(text: string, file: string): LogEntry[] {
  const lines = fieldLines(text);
  if (lines.length % 5 !== 0) throw new DepthDecodeError(`“${file}”: a .log trajectory has 5 lines per frame (three ids, then four rows of the matrix); found ${lines.length} lines.`);
  const out: LogEntry[] = [];
  for (let i = 0; i < lines.length; i += 5) {
    const meta = lines[i];
    if (meta.fields.length !== 3 || !meta.fields.every((f) => /^\d{1,15}$/.test(f))) {
      throw new DepthDecodeError(`“${file}”, line ${meta.line}: expected three frame ids before the matrix.`);
    }
    const pose: number[] = [];
    for (let r = 1; r <= 4; r++) {
      const row = lines[i + r];
      if (row.fields.length !== 4) throw new DepthDecodeError(`“${file}”, line ${row.line}: expected a matrix row of 4 numbers.`);
      pose.push(...row.fields.map((f) => parseNumber(f, file, row.line)));
    }
    if (!pose.every(Number.isFinite)) throw new DepthDecodeError(`“${file}”, line ${meta.line}: the matrix has a value that is not finite.`);
    out.push({ frame: Number(meta.fields[0]), pose });
  }
  return out;
}

export interface PinholeFile {
  width: number;
  height: number;
  fx: number;
  fy: number;
  cx: number;
  cy: number;
}

/** Open3D's PinholeCameraIntrinsic JSON: width, height, and intrinsic_matrix as 9 numbers in column-major order (Eigen's). */
export function parseOpen3dIntrinsic(text: string, file: string): PinholeFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DepthDecodeError(`“${file}” is not valid JSON.`);
  }
  const o = json as { width?: unknown; height?: unknown; intrinsic_matrix?: unknown };
  const m = o?.intrinsic_matrix;
  if (typeof o !== 'object' || o === null || !Array.isArray(m) || m.length !== 9 || !m.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new DepthDecodeError(`“${file}”: expected Open3D's camera intrinsics (“intrinsic_matrix”: 9 numbers, column-major).`);
  }
  const width = o.width;
  const height = o.height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    throw new DepthDecodeError(`“${file}”: “width” and “height” must be whole numbers above 0.`);
  }
  const k = m as number[];
  return checkPinhole({ width: width as number, height: height as number, fx: k[0], fy: k[4], cx: k[6], cy: k[7] }, file);
}

/** A 4x4 (or 3x3 inside 4x4) row-major intrinsic matrix, as ScanNet's intrinsic_depth.txt. */
export function pinholeFromMatrix4(m: readonly number[], width: number, height: number, file: string): PinholeFile {
  return checkPinhole({ width, height, fx: m[0], fy: m[5], cx: m[2], cy: m[6] }, file);
}

function checkPinhole(p: PinholeFile, file: string): PinholeFile {
  if (!(p.fx > 0 && p.fy > 0 && Number.isFinite(p.fx) && Number.isFinite(p.fy) && Number.isFinite(p.cx) && Number.isFinite(p.cy))) {
    throw new DepthDecodeError(`“${file}”: the focal lengths must be positive and the principal point finite.`);
  }
  return p;
}
