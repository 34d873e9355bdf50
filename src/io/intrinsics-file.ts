/**
 * Camera intrinsics from a sidecar file dropped with a depth image. The layout
 * is recognised from the content (which keys are there), never the file name:
 * - Open3D PinholeCameraIntrinsic JSON: width, height, intrinsic_matrix (9
 *   numbers, COLUMN-major: Open3D writes Eigen's storage order);
 * - ROS camera_info YAML as camera_calibration / camera_info_manager write it:
 *   image_width, image_height, camera_matrix {rows, cols, data (row-major)}.
 *   OpenCV's calibration YAML has the same keys (plus %YAML:1.0 and
 *   !!opencv-matrix) and is read the same way;
 * - a ROS CameraInfo message (rostopic / ros2 topic echo, or JSON):
 *   width, height, K (ROS 1) or k (ROS 2), row-major;
 * - Depthscope's own JSON (public/samples/synthetic-intrinsics.json):
 *   width, height, fx, fy, cx, cy, optional depth_scale.
 *
 * YAML is read by a small reader of the subset those tools write (block
 * mappings and lists, flow lists and maps, quoted and plain scalars, comments,
 * tags ignored, first document only), not a full YAML library: camera files are
 * a few hundred bytes of machine-written YAML, and the `yaml` package (2.9.1,
 * tried) recurses once per nesting level: 4 KB of "- - - ..." overflowed the
 * stack, and parsing it a second time in the same process killed Node with a
 * fatal V8 error that no catch can stop (a tab or worker would die alike).
 * This reader is iterative, linear in the input, nests at most MAX_NESTING
 * deep, and throws only IntrinsicsFileError.
 */
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { checkIntrinsics } from '../core/intrinsics';

/** Real intrinsics files are under 4 KB; the cap bounds the work a hostile one can cause. */
export const MAX_INTRINSICS_FILE_CHARS = 1 << 20;
const MAX_SIDE = 16384; // the decoders' limit per side (README, Limits)
const MAX_NESTING = 16;

export type IntrinsicsFileFormat = 'open3d' | 'ros-calibration' | 'opencv' | 'ros-message' | 'depthscope';

export interface IntrinsicsFile {
  format: IntrinsicsFileFormat;
  /** The resolution the intrinsics are for: scalePreset({ ...intrinsics, width, height }, w, h) fits them to a w x h image. */
  width: number;
  height: number;
  intrinsics: PinholeIntrinsics;
  /** Raw depth units per metre (Open3D's depth_scale), when the file says. */
  depthScale?: number;
  /** What the file holds that Depthscope does not apply (distortion, binning...), one sentence each. */
  warnings: string[];
}

export class IntrinsicsFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IntrinsicsFileError';
  }
}

const ACCEPTED =
  'Depthscope reads Open3D PinholeCameraIntrinsic JSON (width, height, intrinsic_matrix), ROS camera_info YAML ' +
  '(image_width, image_height, camera_matrix) or OpenCV calibration YAML of that shape, a ROS CameraInfo message ' +
  'as YAML or JSON (width, height, K or k), and its own JSON (width, height, fx, fy, cx, cy).';

function fail(message: string): never {
  throw new IntrinsicsFileError(message);
}

/** Parses a sidecar file's text; throws IntrinsicsFileError, with a sentence saying what is wrong, for anything else. */
export function parseIntrinsicsFile(text: string): IntrinsicsFile {
  if (text.length > MAX_INTRINSICS_FILE_CHARS) {
    fail(`The intrinsics file has ${text.length} characters; more than ${MAX_INTRINSICS_FILE_CHARS} (1 MiB) is not an intrinsics file.`);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.includes('\0')) fail(`The intrinsics file is binary, not text. ${ACCEPTED}`);
  if (body.trim() === '') fail(`The intrinsics file is empty. ${ACCEPTED}`);
  return interpret(readTree(body));
}

function readTree(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return readYamlSubset(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (jsonError) {
    // Not JSON but maybe YAML flow style ({width: 640, ...}); if that fails too, the JSON error is the useful one.
    try {
      return readYamlSubset(text);
    } catch (yamlError) {
      if (!(yamlError instanceof IntrinsicsFileError)) throw yamlError;
      const why = jsonError instanceof Error ? jsonError.message.slice(0, 200) : String(jsonError);
      throw new IntrinsicsFileError(`The intrinsics file starts like JSON but is not valid JSON (${why}).`, { cause: jsonError });
    }
  }
}

// ---------------------------------------------------------------- interpretation

type Fields = Record<string, unknown>;

function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Fields, ...keys: string[]): unknown {
  for (const k of keys) if (Object.hasOwn(o, k)) return o[k];
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'empty';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'a set of fields';
  return String(v);
}

function num(v: unknown, what: string): number {
  if (v === undefined) fail(`The intrinsics file has no ${what}.`);
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`The intrinsics file's ${what} must be a finite number, not ${describe(v)}.`);
  return v;
}

function side(v: unknown, what: string): number {
  const n = num(v, what);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SIDE) fail(`The intrinsics file's ${what} must be a whole number from 1 to ${MAX_SIDE}, not ${n}.`);
  return n;
}

/** `count` numbers; a 3 x 3 matrix may also come as three rows (numpy's tolist()), read row by row. */
function numbers(v: unknown, count: number, what: string): number[] {
  if (v === undefined) fail(`The intrinsics file has no ${what}.`);
  const rows = count === 9 && Array.isArray(v) && v.length === 3 && v.every((r) => Array.isArray(r) && r.length === 3);
  const flat: unknown = rows ? (v as unknown[][]).flat() : v;
  if (!Array.isArray(flat) || flat.length !== count) fail(`The intrinsics file's ${what} must be a list of ${count} numbers, not ${describe(v)}.`);
  return flat.map((x, i) => num(x, `${what}[${i}]`));
}

/** A row-major 3 x 3 matrix is a pinhole camera matrix: [fx s cx; 0 fy cy; 0 0 1] with s = 0. */
function isCameraMatrix(k: number[]): boolean {
  return k[3] === 0 && k[6] === 0 && k[7] === 0 && k[8] === 1;
}

function fromRowMajor(k: number[], what: string): PinholeIntrinsics {
  if (k.every((x) => x === 0)) fail(`The intrinsics file's ${what} is all zeros: the camera was not calibrated.`);
  if (!isCameraMatrix(k)) {
    fail(`The intrinsics file's ${what} is not a camera matrix: its rows must be [fx, 0, cx], [0, fy, cy], [0, 0, 1], not ${JSON.stringify(k)}.`);
  }
  if (Math.abs(k[1]) > 1e-6 * Math.abs(k[0])) fail(`The intrinsics file's ${what} has a skew of ${k[1]}; Depthscope's pinhole model has none.`);
  const intr = { fx: k[0], fy: k[4], cx: k[2], cy: k[5] };
  const problem = checkIntrinsics(intr);
  if (problem !== null) fail(`The intrinsics file's ${what}: ${problem}`);
  return intr;
}

function interpret(tree: unknown): IntrinsicsFile {
  if (!isFields(tree)) fail(`The intrinsics file holds ${describe(tree)}, not named fields. ${ACCEPTED}`);
  if (Object.hasOwn(tree, 'intrinsic_matrix')) return fromOpen3d(tree);
  if (Object.hasOwn(tree, 'camera_matrix')) return fromCalibration(tree);
  if (Object.hasOwn(tree, 'K') || Object.hasOwn(tree, 'k')) return fromCameraInfo(tree);
  if (['fx', 'fy', 'cx', 'cy'].every((k) => Object.hasOwn(tree, k))) return fromDepthscope(tree);
  const keys = Object.keys(tree).slice(0, 8).map((k) => describe(k));
  fail(`The intrinsics file's fields (${keys.join(', ') || 'none'}) match no layout Depthscope knows. ${ACCEPTED}`);
}

function fromOpen3d(o: Fields): IntrinsicsFile {
  const m = numbers(field(o, 'intrinsic_matrix'), 9, 'intrinsic_matrix');
  const warnings: string[] = [];
  let k = [m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]]; // column-major -> row-major
  if (!isCameraMatrix(k) && isCameraMatrix(m)) {
    k = m; // unambiguous: only the row-major reading has [0, 0, 1] as its last row
    warnings.push('intrinsic_matrix is written row by row; Open3D writes it column by column. It was read row by row.');
  }
  const intrinsics = fromRowMajor(k, 'intrinsic_matrix');
  return { format: 'open3d', width: side(field(o, 'width'), 'width'), height: side(field(o, 'height'), 'height'), intrinsics, warnings };
}

function fromCalibration(o: Fields): IntrinsicsFile {
  const cm = field(o, 'camera_matrix');
  // {rows, cols, data} as ROS and OpenCV write it, or the bare list some hand-written files use
  if (!isFields(cm) && !Array.isArray(cm)) {
    fail(`The intrinsics file's camera_matrix must hold rows, cols and data, not ${describe(cm)}.`);
  }
  for (const dim of ['rows', 'cols'] as const) {
    const v = isFields(cm) ? field(cm, dim) : undefined;
    if (v !== undefined && v !== 3) fail(`The intrinsics file's camera_matrix must be 3 x 3, not with ${dim} = ${describe(v)}.`);
  }
  const k = isFields(cm) ? numbers(field(cm, 'data'), 9, 'camera_matrix data') : numbers(cm, 9, 'camera_matrix');
  const warnings: string[] = [];
  const dist = field(o, 'distortion_coefficients');
  if (isFields(dist)) distortionWarning(field(dist, 'data'), warnings);
  const p = field(o, 'projection_matrix');
  if (isFields(p)) projectionWarning(field(p, 'data'), k, warnings);
  const format = isFields(cm) && Object.hasOwn(cm, 'dt') ? 'opencv' : 'ros-calibration';
  const intrinsics = fromRowMajor(k, 'camera_matrix');
  const width = side(field(o, 'image_width'), 'image_width');
  return { format, width, height: side(field(o, 'image_height'), 'image_height'), intrinsics, warnings };
}

function fromCameraInfo(o: Fields): IntrinsicsFile {
  const k = numbers(field(o, 'K', 'k'), 9, 'K');
  const warnings: string[] = [];
  distortionWarning(field(o, 'D', 'd'), warnings);
  projectionWarning(field(o, 'P', 'p'), k, warnings);
  const bx = field(o, 'binning_x');
  const by = field(o, 'binning_y');
  if ((typeof bx === 'number' && bx > 1) || (typeof by === 'number' && by > 1)) {
    warnings.push(`The camera bins pixels (binning ${describe(bx)} x ${describe(by)}); K is for the full-resolution image.`);
  }
  const roi = field(o, 'roi');
  const cropped = isFields(roi) && ['x_offset', 'y_offset', 'width', 'height'].some((key) => (field(roi, key) ?? 0) !== 0);
  if (cropped) {
    warnings.push('The message has a region of interest; K is for the full image, not the cropped one.');
  }
  // A message says width / height; a hand-made YAML with a flat K may say image_width / image_height.
  const width = side(field(o, 'width', 'image_width'), 'width');
  const height = side(field(o, 'height', 'image_height'), 'height');
  return { format: 'ros-message', width, height, intrinsics: fromRowMajor(k, 'K'), warnings };
}

function fromDepthscope(o: Fields): IntrinsicsFile {
  const [fx, fy, cx, cy] = (['fx', 'fy', 'cx', 'cy'] as const).map((key) => num(field(o, key), key));
  const intrinsics = { fx, fy, cx, cy };
  const problem = checkIntrinsics(intrinsics);
  if (problem !== null) fail(`The intrinsics file: ${problem}`);
  const width = side(field(o, 'width'), 'width');
  const result: IntrinsicsFile = { format: 'depthscope', width, height: side(field(o, 'height'), 'height'), intrinsics, warnings: [] };
  const scale = field(o, 'depth_scale');
  if (scale !== undefined) {
    const s = num(scale, 'depth_scale');
    if (!(s > 0)) fail(`The intrinsics file's depth_scale must be > 0 (raw units per metre), not ${s}.`);
    result.depthScale = s;
  }
  return result;
}

function distortionWarning(d: unknown, warnings: string[]): void {
  if (Array.isArray(d) && d.some((x) => typeof x === 'number' && x !== 0)) {
    warnings.push('The file gives lens distortion coefficients; Depthscope back-projects without distortion.');
  }
}

/** ROS's P holds the intrinsics of the RECTIFIED image; they differ from K when rectification changed the camera. */
function projectionWarning(p: unknown, k: number[], warnings: string[]): void {
  if (!Array.isArray(p) || p.length !== 12 || !p.every((x) => typeof x === 'number')) return;
  const pk = [p[0], p[1], p[2], p[4], p[5], p[6]] as number[];
  const kk = [k[0], k[1], k[2], k[3], k[4], k[5]];
  if (pk.some((x, i) => Math.abs(x - kk[i]) > 1e-6 * Math.max(1, Math.abs(kk[i])))) {
    warnings.push(`K is used; a rectified image (image_rect) has P's intrinsics instead: fx ${pk[0]}, fy ${pk[4]}, cx ${pk[2]}, cy ${pk[5]}.`);
  }
}

// ---------------------------------------------------------------- YAML subset reader

type Node = Fields | unknown[];

function newFields(): Fields {
  return Object.create(null) as Fields; // a key "__proto__" is then just a key
}

/**
 * One line without its comment, and the flow depth after it (open [ and {)
 * given the depth before it, both outside quoted scalars. Quotes and brackets
 * count only where a scalar may start (line start, after "- ", ": ", or a
 * flow's [ { ,); inside a plain scalar they are ordinary characters, as in YAML.
 */
function scanLine(line: string, depthBefore = 0): { text: string; depth: number } {
  let quote = '';
  let depth = depthBefore;
  let start = true;
  let dashStarts = false; // the previous character was a "-" where a scalar could start
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const prev = line[i - 1];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = '';
    } else if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === ' ' || c === '\t') {
      if (prev === ':' || (prev === '-' && dashStarts)) start = true;
    } else if (c === '#' && (prev === undefined || prev === ' ' || prev === '\t')) {
      return { text: line.slice(0, i), depth };
    } else if ((c === '"' || c === "'") && start) {
      quote = c;
      start = false;
    } else if ((c === '[' || c === '{') && start) depth++;
    else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
      start = false;
    } else if (c === ',' && depth > 0) start = true;
    else {
      dashStarts = c === '-' && start;
      start = false;
    }
  }
  return { text: line, depth };
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function plainScalar(s: string): unknown {
  if (s === '' || s === '~' || /^(null|Null|NULL)$/.test(s)) return null;
  if (/^(true|True|TRUE)$/.test(s)) return true;
  if (/^(false|False|FALSE)$/.test(s)) return false;
  if (NUMBER.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return Number.NaN;
  if (s[0] === '&' || s[0] === '*') fail('The intrinsics file uses YAML anchors or aliases (& or *), which camera files never need.');
  return s;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' ' };

/** The quoted scalar starting at s[i] and the index after it. */
function quotedScalar(s: string, i: number, where: string): { value: string; end: number } {
  const q = s[i];
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (q === '"' && c === '\\') out += ESCAPES[s[++j]] ?? s[j] ?? '';
    else if (c !== q) out += c;
    else if (q === "'" && s[j + 1] === "'") out += s[++j];
    else return { value: out, end: j + 1 };
  }
  fail(`The intrinsics file has an unclosed quote ${where}.`);
}

/** A scalar with an optional tag in front (OpenCV's !!opencv-matrix): the tag is dropped. */
function stripTag(s: string): string {
  return s[0] === '!' ? s.replace(/^!\S*\s*/, '') : s;
}

/** A flow collection ([...] / {...}, possibly over several lines), iteratively. */
function flowValue(s: string, where: string): unknown {
  type Open = { list: unknown[] } | { map: Fields; key: string | null };
  const stack: Open[] = [];
  let i = 0;
  const skip = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n')) i++;
  };
  const bad = (what: string): never => fail(`The intrinsics file has ${what} in the list or map ${where}.`);
  for (;;) {
    skip();
    let value: unknown;
    const c = s[i];
    if (c === '[' || c === '{') {
      if (stack.length >= MAX_NESTING) fail(`The intrinsics file nests lists or maps more than ${MAX_NESTING} deep ${where}.`);
      stack.push(c === '[' ? { list: [] } : { map: newFields(), key: null });
      i++;
      skip();
      if (s[i] !== (c === '[' ? ']' : '}')) continue;
      i++;
      const top = stack.pop() as Open;
      value = 'list' in top ? top.list : top.map;
    } else if (c === '"' || c === "'") {
      const q = quotedScalar(s, i, where);
      value = q.value;
      i = q.end;
    } else if (c === undefined || c === ',' || c === ']' || c === '}') {
      bad(c === undefined ? 'an unexpected end' : `a misplaced "${c}"`);
    } else {
      const start = i;
      while (i < s.length && !',[]{}\n'.includes(s[i]) && !(s[i] === ':' && ' \t\n,]}'.includes(s[i + 1] ?? ' '))) i++;
      value = plainScalar(stripTag(s.slice(start, i).trim()));
    }
    // Attach the value; close every collection that ends right after it.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skip();
        if (i < s.length) bad(`"${s.slice(i, i + 20)}" after the end`);
        return value;
      }
      if ('list' in top) top.list.push(value);
      else if (top.key === null) {
        if (typeof value === 'object' && value !== null) bad('a list or map used as a key');
        const key = String(value);
        skip();
        if (s[i] !== ':') bad(`no ":" after the key ${describe(key)}`);
        if (Object.hasOwn(top.map, key)) bad(`the key ${describe(key)} twice`);
        i++;
        top.key = key;
        break;
      } else {
        top.map[top.key] = value;
        top.key = null;
      }
      skip();
      const close = 'list' in top ? ']' : '}';
      if (s[i] === ',') {
        i++;
        skip();
        if (s[i] !== close) break; // next item (a trailing comma before the close is allowed)
      }
      if (s[i] !== close) bad(s[i] === undefined ? 'an unclosed bracket' : `a misplaced "${s[i]}"`);
      i++;
      stack.pop();
      value = 'list' in top ? top.list : top.map;
    }
  }
}

/** "key: rest" (key plain or quoted) or null when the line is no mapping entry. */
function splitKey(line: string, where: string): { key: string; rest: string } | null {
  let end: number;
  let key: string;
  if (line[0] === '"' || line[0] === "'") {
    const q = quotedScalar(line, 0, where);
    key = q.value;
    end = q.end;
    while (line[end] === ' ') end++;
    if (line[end] !== ':') return null;
  } else {
    if ('[]{},&*!|>%@`?'.includes(line[0])) return null; // YAML indicators cannot start a plain key
    end = line.search(/:(\s|$)/);
    if (end < 0) return null;
    key = line.slice(0, end).trim();
  }
  return { key, rest: line.slice(end + 1).trim() };
}

/** A scalar or flow value starting on line n; a flow or a plain scalar may go on over later lines, up to `last`. */
function value(lines: string[], s: string, n: number, col: number): { v: unknown; last: number } {
  const where = `on line ${n + 1}`;
  let last = n;
  if (s[0] === '[' || s[0] === '{') {
    const parts = [s];
    let depth = scanLine(s).depth;
    while (depth > 0 && last + 1 < lines.length) {
      const next = scanLine(lines[++last], depth);
      parts.push(next.text);
      depth = next.depth;
    }
    return { v: flowValue(parts.join('\n'), where), last };
  }
  if (s[0] === '"' || s[0] === "'") {
    const q = quotedScalar(s, 0, where);
    if (s.slice(q.end).trim() !== '') fail(`The intrinsics file has text after a quoted value ${where}.`);
    return { v: q.value, last };
  }
  // A plain scalar folds in the deeper-indented lines that follow and are not entries of their own.
  let text = s;
  while (last + 1 < lines.length) {
    // quotes and brackets inside a plain scalar are ordinary characters: only the comment is cut
    const raw = lines[last + 1];
    const hash = raw.search(/(^|[ \t])#/);
    const next = hash < 0 ? raw : raw.slice(0, hash);
    const trimmed = next.trim();
    if (next.search(/[^ ]/) <= col || isItemLine(trimmed) || splitKey(trimmed, `on line ${last + 2}`) !== null) break;
    text += ` ${trimmed}`;
    last++;
  }
  return { v: plainScalar(text), last };
}

function isItemLine(line: string): boolean {
  return line === '-' || line.startsWith('- ') || line.startsWith('-\t');
}

/**
 * The first YAML document in `text` as plain values (exported for tests). Block structure follows
 * the indentation, with an explicit stack of open blocks; a "key:" or "-" with
 * nothing after it is pending until the next line shows what its value is.
 */
export function readYamlSubset(text: string): unknown {
  const lines = text.split(/\r\n|\r|\n/);
  const stack: { indent: number; node: Node }[] = [];
  let pending: { indent: number; isKey: boolean; set: (v: unknown) => void } | null = null;
  let root: unknown = null;
  let hasRoot = false;
  let started = false;
  for (let n = 0; n < lines.length; n++) {
    const where = `on line ${n + 1}`;
    const raw = lines[n];
    if (!started && raw.startsWith('%')) continue; // directives, OpenCV's "%YAML:1.0" included
    if (/^(---|\.\.\.)(\s|$)/.test(raw)) {
      if (started) break; // only the first document (rostopic echo ends each message with ---)
      const after = scanLine(raw.slice(3)).text.trim();
      if (after === '' || after[0] === '!') continue;
      fail(`The intrinsics file has content after "---" ${where}, a YAML layout Depthscope does not read.`);
    }
    let line = scanLine(raw).text.trimEnd();
    let col = line.search(/[^ ]/);
    if (col < 0) continue;
    if (line[col] === '\t') fail(`The intrinsics file indents with a tab ${where}; YAML allows spaces only.`);
    if (hasRoot && stack.length === 0) fail(`The intrinsics file is not YAML or JSON made of named fields (line ${n + 1}). ${ACCEPTED}`);
    started = true;
    line = line.slice(col);
    for (;;) {
      const isItem = isItemLine(line);
      const entry = isItem ? null : splitKey(line, where);
      if (pending !== null) {
        const p: { indent: number; isKey: boolean; set: (v: unknown) => void } = pending;
        pending = null;
        if (col > p.indent && !isItem && entry === null) {
          // "key:" with its scalar on the next line
          const r = value(lines, line, n, p.indent);
          p.set(r.v);
          n = r.last;
          break;
        }
        if (col > p.indent || (col === p.indent && isItem && p.isKey)) {
          const node: Node = isItem ? [] : newFields();
          p.set(node);
          stack.push({ indent: col, node });
        } else p.set(null);
      }
      // Close deeper blocks, and a list that was a key's value at the key's own indentation ("k:" then "- x").
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (top.indent > col || (top.indent === col && !isItem && Array.isArray(top.node) && stack.length > 1)) stack.pop();
        else break;
      }
      if (!hasRoot) {
        hasRoot = true;
        if (!isItem && entry === null) {
          const r = value(lines, line, n, col - 1);
          root = r.v;
          n = r.last;
          break;
        }
        root = isItem ? [] : newFields();
        stack.push({ indent: col, node: root as Node });
      }
      const top = stack[stack.length - 1];
      if (top === undefined || top.indent !== col) fail(`The intrinsics file's indentation ${where} matches no open block.`);
      if (stack.length > MAX_NESTING) fail(`The intrinsics file nests more than ${MAX_NESTING} deep ${where}.`);
      if (isItem) {
        if (!Array.isArray(top.node)) fail(`The intrinsics file has a list item where a key was expected ${where}.`);
        const list = top.node;
        const rest = line.slice(1).trimStart();
        const index = list.push(null) - 1;
        if (rest === '') {
          pending = { indent: col, isKey: false, set: (v) => (list[index] = v) };
          break;
        }
        const restCol = col + (line.length - rest.length);
        const nestedItem = isItemLine(rest);
        if (nestedItem || splitKey(rest, where) !== null) {
          // "- key: value" or "- - x": a block opening on this line, at rest's column.
          const node: Node = nestedItem ? [] : newFields();
          list[index] = node;
          stack.push({ indent: restCol, node });
          line = rest;
          col = restCol;
          continue;
        }
        const r = value(lines, rest, n, col);
        list[index] = r.v;
        n = r.last;
        break;
      }
      if (entry === null) fail(`The intrinsics file has a line that is neither "key: value" nor "- item" ${where}.`);
      if (Array.isArray(top.node)) fail(`The intrinsics file has a key where a list item was expected ${where}.`);
      const map = top.node;
      const key = entry.key;
      if (Object.hasOwn(map, key)) fail(`The intrinsics file has the key ${describe(key)} twice ${where}.`);
      const rest = stripTag(entry.rest);
      map[key] = null;
      if (rest === '') pending = { indent: col, isKey: true, set: (v) => (map[key] = v) };
      else if (/^[|>][-+0-9]*$/.test(rest)) {
        // Block scalar: the blank lines and those indented deeper than the key.
        const parts: string[] = [];
        while (n + 1 < lines.length && (lines[n + 1].trim() === '' || lines[n + 1].search(/[^ ]/) > col)) parts.push(lines[++n].trim());
        map[key] = parts.join('\n');
      } else {
        const r = value(lines, rest, n, col);
        map[key] = r.v;
        n = r.last;
      }
      break;
    }
  }
  if (pending !== null) (pending as { set: (v: unknown) => void }).set(null);
  return root;
}
