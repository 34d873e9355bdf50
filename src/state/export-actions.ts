/**
 * Exports of what the user sees: the filtered depth (16-bit PNG in mm, float32
 * TIFF or NPY in metres), the filtered point cloud (binary PLY) and the frame's
 * mesh (PLY or glTF), coloured as the 3-D view colours them (by the paired colour
 * image or the colormap) and in the chosen axis convention, and a
 * screenshot of the view. The filtered field is read back from the GPU once per
 * export; names say what each file is.
 */
import { backproject, cloudSize } from '../core/backproject';
import { colourIndexAt } from '../core/colour-image';
import { colormapIndex, colormapPosition } from '../core/colorize';
import { colormapTable } from '../core/colormap-tables';
import { serializeChain } from '../link/chain-url';
import { chainStages } from './chain-actions';
import { scaledIntrinsics } from '../core/intrinsics';
import { encodePly } from '../io/encode-ply';
import { convertAxes } from '../core/axis-convention';
import { gridMesh } from '../core/mesh-export';
import { axesLabel, saveMesh } from './recon-export';
import { depthToFloatNpy, depthToFloatTiff, depthToMillimetrePng, exportFileName } from '../io/export-depth';
import { downloadBytes } from '../io/download';
import { activeRegistration, currentIntrinsics, effectiveRange, setState, store, type DepthscopeState } from './store';
import { filteredReaders } from './filtered-readers';

/** Snapshots the view on screen as a PNG (the render layer draws it; see provideViewCapture). */
export type ViewCapture = () => Promise<Blob>;
let captureView: ViewCapture | null = null;

/** The render layer's capture, handed over by the page at start-up (main.tsx): state never imports three.js. */
export function provideViewCapture(capture: ViewCapture): void {
  captureView = capture;
}

const byImage = (s: DepthscopeState) => s.colour !== null && s.cloud.colorBy === 'image';

/** Each point's colour, as the 3-D view shows it: the paired colour image's pixel, or the depth colormap. */
function pointColours(s: DepthscopeState, points: Float32Array, width: number, height: number, stride: number): Uint8Array {
  const { columns, count } = cloudSize(width, height, stride);
  const colors = new Uint8Array(count * 3);
  if (byImage(s)) {
    const colour = s.colour!;
    for (let i = 0; i < count; i++) {
      const k = colourIndexAt(colour, (i % columns) * stride, Math.floor(i / columns) * stride, width, height) * 4;
      colors.set(colour.rgba.subarray(k, k + 3), 3 * i);
    }
    return colors;
  }
  const range = effectiveRange(s) ?? [0, 1];
  const table = colormapTable(s.colormap);
  for (let i = 0; i < count; i++) {
    const t = colormapPosition(points[4 * i + 2], { lo: range[0], hi: range[1], logScale: s.logScale, reverse: s.reverse, checkerPx: 1 });
    const k = colormapIndex(t ?? 0) * 3;
    colors.set(table.subarray(k, k + 3), 3 * i);
  }
  return colors;
}

export type ExportKind = 'png-mm' | 'tiff' | 'npy' | 'ply' | 'frame-mesh-ply' | 'frame-mesh-glb';

async function filteredField() {
  const s = store.getState();
  if (!s.filtered || !s.source) throw new Error('nothing to export yet');
  const readers = filteredReaders(s.filtered.version);
  if (!readers) throw new Error('the filtered map changed while exporting; try again');
  const depth = await readers.readAll();
  return { s, depth, width: s.filtered.width, height: s.filtered.height, factor: s.filtered.factor };
}

export async function exportFiltered(kind: ExportKind): Promise<void> {
  try {
    const { s, depth, width, height, factor } = await filteredField();
    const name = s.source!.name;
    const what = s.chain.some((e) => e.stage.enabled) ? 'filtered' : activeRegistration(s) ? 'aligned' : 'raw';
    if (kind === 'png-mm') {
      const png = depthToMillimetrePng(depth, width, height);
      downloadBytes(png.bytes, exportFileName(name, `${what}_depth-mm`, 'png'), 'image/png');
      if (png.tooFar > 0 || png.tooNear > 0) {
        setState({ error: `Exported; ${png.tooFar} pixels beyond 65.535 m and ${png.tooNear} nearer than 0.5 mm do not fit a 16-bit PNG in mm and were written as 0 (no depth).` });
      }
    } else if (kind === 'tiff') {
      downloadBytes(depthToFloatTiff(depth, width, height), exportFileName(name, `${what}_depth-m`, 'tif'), 'image/tiff');
    } else if (kind === 'npy') {
      downloadBytes(depthToFloatNpy(depth, width, height), exportFileName(name, `${what}_depth-m`, 'npy'), 'application/octet-stream');
    } else {
      const intr = scaledIntrinsics(currentIntrinsics(s), factor);
      const stride = Math.max(1, s.cloud.stride);
      const meshed = kind !== 'ply';
      // The mesh is cut at depth jumps as the 3-D view cuts it.
      const points = backproject(depth, width, height, intr, { stride, rayLength: s.rayLength, cutJump: meshed ? s.edgeJump : 0 });
      const n = points.length / 4;
      const colors = pointColours(s, points, width, height, stride);
      const comments = [
        `filters: ${serializeChain(chainStages(s.chain)) || 'none'}`,
        `colours: ${byImage(s) ? `colour image ${s.colour!.name}` : `${s.colormap} colormap`}`,
      ];
      if (meshed) {
        const { columns, rows } = cloudSize(width, height, stride);
        const mesh = gridMesh(points, columns, rows, colors);
        saveMesh(mesh, kind === 'frame-mesh-glb' ? 'glb' : 'ply', s.exportAxes, name, `${what}_mesh`, [`frame mesh: cut at relative depth jumps over ${s.edgeJump}`, ...comments]);
        return;
      }
      const positions = new Float32Array(n * 3);
      for (let i = 0; i < n; i++) positions.set(points[4 * i + 3] === 1 ? points.subarray(4 * i, 4 * i + 3) : [NaN, NaN, NaN], 3 * i);
      const ply = encodePly(
        { positions: convertAxes(positions, s.exportAxes), colors },
        { sourceName: name, intrinsics: intr, comments: [`frame: camera, axes ${axesLabel(s.exportAxes)}`, ...comments] },
      );
      downloadBytes(ply.bytes, exportFileName(name, `${what}_cloud`, 'ply'), 'application/octet-stream');
    }
  } catch (e) {
    setState({ error: `Could not export: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** The view on screen as a PNG, named after the source and the view (heatmap, cloud, mesh or AR). */
export async function exportScreenshot(): Promise<void> {
  try {
    const s = store.getState();
    if (!s.source) throw new Error('nothing to capture yet');
    const view = s.mode === 'cloud' ? s.cloud.surface === 'mesh' ? 'mesh' : 'cloud' : s.mode;
    if (!captureView) throw new Error('this page cannot capture its view');
    const blob = await captureView();
    downloadBytes(new Uint8Array(await blob.arrayBuffer()), exportFileName(s.source.name, `${view}_screenshot`, 'png'), 'image/png');
  } catch (e) {
    setState({ error: `Could not take the screenshot: ${e instanceof Error ? e.message : String(e)}` });
  }
}
