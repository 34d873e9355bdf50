/**
 * The two views of surface shape, as RGBA8 at the raw image's size (the
 * filtered field may be decimated by `factor`: raw pixel (x, y) shows filtered
 * pixel (floor(x / factor), floor(y / factor)), as in compose-view.ts).
 * References of shaders/normals-view.wgsl and shaders/edge-overlay.wgsl.
 *
 * normalsToRgba: the usual normal-map colours, in the viewer's frame (x right,
 *   y up, z towards the viewer): rgb = round(255 * (0.5 + 0.5 * (nx, -ny, -nz)))
 *   from the camera-frame normal (x right, y down, z forward), so a wall facing
 *   the camera is (128, 128, 255). No normal: the "no depth" checkerboard.
 * overlayEdges: white where the discontinuity mask is 1; other pixels untouched.
 */
import { CHECKER_DARK, CHECKER_LIGHT } from './colorize';
import type { ComposeMode } from './compose-view';

/** Everything the 2-D view can show: depth (composed) or surface shape. */
/** What the view shows: the 2-D heatmap, the 3-D cloud or mesh, or the AR occlusion preview. */
export type ViewMode = 'heatmap' | 'cloud' | 'ar';

export type DisplayMode = ComposeMode | 'normals' | 'edges';
export const DISPLAY_MODES: readonly DisplayMode[] = ['filtered', 'raw', 'split', 'difference', 'normals', 'edges'];
/** Default relative depth jump of the edges view (and of mesh cutting later): 5 % of the nearer depth. */
export const DEFAULT_EDGE_JUMP = 0.05;

export interface FieldLayout {
  width: number;
  height: number;
  filteredWidth: number;
  filteredHeight: number;
  factor: number;
}

function sourceIndex(l: FieldLayout, x: number, y: number): number {
  const fx = Math.floor(x / l.factor);
  const fy = Math.floor(y / l.factor);
  return fx < l.filteredWidth && fy < l.filteredHeight ? fy * l.filteredWidth + fx : -1;
}

const byte = (c: number) => Math.round(255 * Math.fround(0.5 + 0.5 * c));

export function normalsToRgba(normals: Float32Array, l: FieldLayout, checkerPx: number, out = new Uint8Array(l.width * l.height * 4)): Uint8Array {
  for (let y = 0; y < l.height; y++) {
    for (let x = 0; x < l.width; x++) {
      const i = sourceIndex(l, x, y);
      const o = (y * l.width + x) * 4;
      const n = i < 0 ? [NaN, NaN, NaN] : [normals[3 * i], normals[3 * i + 1], normals[3 * i + 2]];
      if (n.every(Number.isFinite)) {
        out[o] = byte(n[0]);
        out[o + 1] = byte(-n[1]);
        out[o + 2] = byte(-n[2]);
      } else {
        const c = ((Math.floor(x / checkerPx) + Math.floor(y / checkerPx)) & 1) === 0 ? CHECKER_LIGHT : CHECKER_DARK;
        out[o] = out[o + 1] = out[o + 2] = c;
      }
      out[o + 3] = 255;
    }
  }
  return out;
}

export function overlayEdges(mask: Uint8Array | Uint32Array, l: FieldLayout, rgba: Uint8Array): Uint8Array {
  for (let y = 0; y < l.height; y++) {
    for (let x = 0; x < l.width; x++) {
      const i = sourceIndex(l, x, y);
      if (i >= 0 && mask[i] === 1) rgba.fill(255, (y * l.width + x) * 4, (y * l.width + x) * 4 + 4);
    }
  }
  return rgba;
}
