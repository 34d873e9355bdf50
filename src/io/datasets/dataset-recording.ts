/**
 * What every dataset layout produces (its frames as paths into the tree, units,
 * cameras) and the one Recording built from it: frames are decoded when asked
 * for, depth through decodeDepth (exact samples), colour through an injectable
 * decoder (the browser's by default; tests pass one that needs no DOM).
 */
import type { ColourImage } from '../../core/colour-image';
import { DepthDecodeError, describeError } from '../../core/depth-image';
import type { RawDepthImage } from '../../core/depth-image';
import type {
  CameraModel,
  FileTree,
  OpenRecordingOptions,
  Recording,
  RecordingKind,
  RecordingStream,
  RigidTransform,
} from '../../core/recording';
import { readAll } from '../byte-source';
import { decodeColour as browserDecodeColour } from '../decode-colour';
import { decodeDepth } from '../decode-depth';
import { probeImageSize } from './image-size';

export type ColourDecoder = (bytes: Uint8Array, name: string, mime: string) => Promise<ColourImage>;

export interface OpenDatasetOptions extends OpenRecordingOptions {
  /** Decodes a colour frame; default io/decode-colour.ts decodeColour (needs createImageBitmap). */
  decodeColour?: ColourDecoder;
}

export interface DatasetFrame {
  /** Seconds for TUM; the frame number for layouts without times. */
  stamp: number;
  depthPath: string;
  colourPath: string | null;
  pose: RigidTransform | null;
  /** The frame's ground-truth depth, in layouts that ship it (DatasetLayout.reference). */
  referencePath?: string | null;
}

/** A layout's reading of the tree, before any image is decoded. */
export interface DatasetLayout {
  kind: RecordingKind;
  frames: DatasetFrame[];
  /** Frames per second when the layout has no times (frame N at N / fps); null: stamps are seconds. */
  framesPerSecond: number | null;
  depthUnitM: number;
  depthUnitSource: string;
  depthCamera: CameraModel | null;
  colourCamera: CameraModel | null;
  depthStream: string;
  colourStream: string | null;
  /** Other depth streams the user could choose (7-Scenes sequences). */
  otherDepthStreams: { id: string; frames: number }[];
  notes: string[];
  /** Set when frames carry referencePath: the ground truth's own unit. */
  reference?: { unitM: number; unitSource: string };
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', ppm: 'image/x-portable-pixmap' };

function extension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
}

/** A camera model from a pinhole without distortion (dataset intrinsic files state none). */
export function pinholeCamera(p: { width: number; height: number; fx: number; fy: number; cx: number; cy: number }, source: string): CameraModel {
  return { ...p, distortion: 'none', coeffs: [0, 0, 0, 0, 0], source };
}

export async function readTreeFile(tree: FileTree, path: string): Promise<Uint8Array> {
  const source = tree.files.get(path);
  if (!source) throw new DepthDecodeError(`“${path}” is missing from “${tree.name}”.`);
  return readAll(source);
}

/** Throws a sentence naming the first missing path (and how many), so a half-copied dataset is told, not half-played. */
export function requireFiles(tree: FileTree, paths: readonly string[], listedIn: string): void {
  const missing = paths.filter((p) => !tree.files.has(p));
  if (missing.length > 0) {
    const more = missing.length > 1 ? ` and ${missing.length - 1} more` : '';
    throw new DepthDecodeError(`“${missing[0]}”${more}, named in ${listedIn}, ${missing.length > 1 ? 'are' : 'is'} missing from “${tree.name}”.`);
  }
}

async function decodeDepthFile(tree: FileTree, path: string): Promise<RawDepthImage> {
  const bytes = await readTreeFile(tree, path);
  try {
    return decodeDepth(bytes);
  } catch (error) {
    throw new DepthDecodeError(`“${path}”: ${describeError(error)}`, { cause: error });
  }
}

export async function buildDatasetRecording(tree: FileTree, layout: DatasetLayout, options: OpenDatasetOptions): Promise<Recording> {
  const { frames } = layout;
  if (frames.length === 0) throw new DepthDecodeError(`“${tree.name}”: the ${layout.kind} layout lists no depth frames.`);
  const decodeColour = options.decodeColour ?? browserDecodeColour;
  // The first depth frame is decoded once for the stream's size (every frame of a layout shares it).
  const first = await decodeDepthFile(tree, frames[0].depthPath);
  const firstColour = frames.find((f) => f.colourPath !== null)?.colourPath ?? null;
  const colourSize = firstColour ? probeImageSize(await readHeadOf(tree, firstColour)) : null;
  const fps = layout.framesPerSecond;
  const t0 = frames[0].stamp;
  const streams: RecordingStream[] = [
    { id: layout.depthStream, role: 'depth', encoding: extension(frames[0].depthPath), width: first.width, height: first.height, fps, frames: frames.length },
    ...layout.otherDepthStreams.map(
      (s): RecordingStream => ({ id: s.id, role: 'depth', encoding: extension(frames[0].depthPath), width: first.width, height: first.height, fps, frames: s.frames }),
    ),
  ];
  if (layout.colourStream && firstColour) {
    streams.push({
      id: layout.colourStream,
      role: 'colour',
      encoding: extension(firstColour),
      width: colourSize?.width ?? 0,
      height: colourSize?.height ?? 0,
      fps,
      frames: frames.filter((f) => f.colourPath !== null).length,
    });
  }
  const checkIndex = (index: number): DatasetFrame => {
    if (!Number.isInteger(index) || index < 0 || index >= frames.length) throw new RangeError(`frame ${index} is not in 0..${frames.length - 1}`);
    return frames[index];
  };
  return {
    summary: {
      kind: layout.kind,
      name: tree.name,
      frames: frames.map((f) => ({
        timeS: fps === null ? f.stamp - t0 : (f.stamp - t0) / fps,
        stamp: f.stamp,
        pose: f.pose,
        hasColour: f.colourPath !== null,
      })),
      depthUnitM: layout.depthUnitM,
      depthUnitSource: layout.depthUnitSource,
      depthCamera: layout.depthCamera,
      colourCamera: layout.colourCamera,
      depthToColour: null,
      streams,
      depthStream: layout.depthStream,
      colourStream: firstColour ? layout.colourStream : null,
      hasReference: layout.reference !== undefined && frames.some((f) => f.referencePath),
      referenceUnitM: layout.reference?.unitM,
      referenceUnitSource: layout.reference?.unitSource,
      notes: layout.notes,
    },
    readDepth: async (index) => decodeDepthFile(tree, checkIndex(index).depthPath),
    async readColour(index) {
      const path = checkIndex(index).colourPath;
      if (path === null) return null;
      const bytes = await readTreeFile(tree, path);
      return decodeColour(bytes, path, MIME[extension(path)] ?? '');
    },
    readReference: async (index) => {
      const path = checkIndex(index).referencePath;
      return path ? decodeDepthFile(tree, path) : null;
    },
  };
}

/** The first bytes of a file: enough for a PNG's IHDR or (usually) a JPEG's frame header. */
export async function readHeadOf(tree: FileTree, path: string, length = 64 * 1024): Promise<Uint8Array> {
  const source = tree.files.get(path);
  if (!source) throw new DepthDecodeError(`“${path}” is missing from “${tree.name}”.`);
  return source.read(0, Math.min(length, source.size));
}
