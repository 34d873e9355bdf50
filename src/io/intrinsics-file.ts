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
 * YAML is read by ./yaml-subset.ts, a bounded reader of the subset those tools
 * write (why not the `yaml` package: see there). Throws only IntrinsicsFileError.
 */
import type { PinholeIntrinsics } from '../core/filters/depth-field';
import { checkIntrinsics } from '../core/intrinsics';
import { describe, readYamlSubset as readYaml, YamlSubsetError, type Fields } from './yaml-subset';

/**
 * Real intrinsics files are under 4 KB (OpenCV's with every view's extrinsics, ~100 KB);
 * the cap bounds the work a hostile one can cause on the main thread. It was 1 MiB:
 * fuzzing (scripts/fuzz) found 1 MiB of compact lists ("- - - - x" per line) took
 * 1.1-2 s in a fresh worker on a loaded machine, most of it collecting the 400,000
 * lists it builds; at 256 KiB the worst input found takes a quarter of that.
 */
export const MAX_INTRINSICS_FILE_CHARS = 256 * 1024;
const MAX_SIDE = 16384; // the decoders' limit per side (README, Limits)

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

/** Appended to the refusals that say the file is no known layout; short, so that the whole message stays within 300 characters (issue 13). */
const ACCEPTED = 'Depthscope reads Open3D JSON, ROS camera_info or OpenCV YAML, ROS CameraInfo (K or k) and its own JSON (fx, fy, cx, cy).';

function fail(message: string): never {
  throw new IntrinsicsFileError(message);
}

/** Parses a sidecar file's text; throws IntrinsicsFileError, with a sentence saying what is wrong, for anything else. */
export function parseIntrinsicsFile(text: string): IntrinsicsFile {
  if (text.length > MAX_INTRINSICS_FILE_CHARS) {
    fail(`The intrinsics file has ${text.length} characters; more than ${MAX_INTRINSICS_FILE_CHARS / 1024} KiB is not an intrinsics file.`);
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.includes('\0')) fail(`The intrinsics file is binary, not text. ${ACCEPTED}`);
  if (body.trim() === '') fail(`The intrinsics file is empty. ${ACCEPTED}`);
  return interpret(readTree(body));
}

/** The YAML reader's errors as this module's own; one that says the text is no fields also lists what is accepted. */
function readYamlTree(text: string): unknown {
  try {
    return readYaml(text);
  } catch (e) {
    if (!(e instanceof YamlSubsetError)) throw e;
    throw new IntrinsicsFileError(e.message.includes('named fields') ? `${e.message} ${ACCEPTED}` : e.message, { cause: e });
  }
}

function readTree(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return readYamlTree(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (jsonError) {
    // Not JSON but maybe YAML flow style ({width: 640, ...}); if that fails too, the JSON error is the useful one.
    try {
      return readYamlTree(text);
    } catch (yamlError) {
      if (!(yamlError instanceof IntrinsicsFileError)) throw yamlError;
      throw new IntrinsicsFileError(`The intrinsics file starts like JSON but is not valid JSON (${engineReason(jsonError)}).`, { cause: jsonError });
    }
  }
}

/**
 * JSON.parse's reason, fit for a message: V8 quotes the text around the error
 * with its newlines, tabs and lone surrogates (fuzzing found all three), so
 * whitespace runs become one space, other control characters and lone halves
 * of surrogate pairs become "?", and the reason is cut to 120 characters.
 */
function engineReason(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const clean = raw
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, '?')
    .trim();
  return clean.length > 120 ? `${Array.from(clean).slice(0, 117).join('')}...` : clean;
}

// ---------------------------------------------------------------- interpretation


function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Fields, ...keys: string[]): unknown {
  for (const k of keys) if (Object.hasOwn(o, k)) return o[k];
  return undefined;
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

/** The first three keys, each quoted in at most 24 characters, then how many more: eight 40-character keys made a 600-character message. */
function fieldList(keys: string[]): string {
  if (keys.length === 0) return 'none';
  const shown = keys.slice(0, 3).map((k) => describe(k, 24));
  return keys.length > 3 ? `${shown.join(', ')} and ${keys.length - 3} more` : shown.join(', ');
}

function interpret(tree: unknown): IntrinsicsFile {
  if (!isFields(tree)) fail(`The intrinsics file holds ${describe(tree)}, not named fields. ${ACCEPTED}`);
  if (Object.hasOwn(tree, 'intrinsic_matrix')) return fromOpen3d(tree);
  if (Object.hasOwn(tree, 'camera_matrix')) return fromCalibration(tree);
  if (Object.hasOwn(tree, 'K') || Object.hasOwn(tree, 'k')) return fromCameraInfo(tree);
  if (['fx', 'fy', 'cx', 'cy'].every((k) => Object.hasOwn(tree, k))) return fromDepthscope(tree);
  fail(`The intrinsics file's fields (${fieldList(Object.keys(tree))}) match no layout Depthscope knows. ${ACCEPTED}`);
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

