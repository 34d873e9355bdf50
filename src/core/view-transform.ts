/**
 * Screen <-> image mapping of the 2-D view. The image spans world x in
 * [-W/2, W/2] and y in [-H/2, H/2] (y up); the orthographic camera sits over
 * the view centre (cx, cy in image pixels, y down) with `zoom` screen px per
 * image px. Pointer readouts use these functions, never a raycast, so the
 * pixel under the cursor is exact.
 */
/** The 2-D view: centre (image px) and zoom (screen px per image px). */
export interface ViewTransform {
  cx: number;
  cy: number;
  zoom: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MIN_ZOOM = 1 / 64;
export const MAX_ZOOM = 256;

export function fitView(image: Size, viewport: Size): ViewTransform {
  const zoom = Math.min(viewport.width / image.width, viewport.height / image.height);
  return { cx: image.width / 2, cy: image.height / 2, zoom: Number.isFinite(zoom) && zoom > 0 ? zoom : 1 };
}

/** Continuous image coordinates (pixel (x, y) covers [x, x+1) x [y, y+1)) of a point in the viewport. */
export function screenToImage(v: ViewTransform, viewport: Size, sx: number, sy: number): { u: number; v: number } {
  return { u: v.cx + (sx - viewport.width / 2) / v.zoom, v: v.cy + (sy - viewport.height / 2) / v.zoom };
}

export function imageToScreen(v: ViewTransform, viewport: Size, u: number, vv: number): { x: number; y: number } {
  return { x: (u - v.cx) * v.zoom + viewport.width / 2, y: (vv - v.cy) * v.zoom + viewport.height / 2 };
}

/** The pixel under a viewport point, or null outside the image. */
export function pixelAt(v: ViewTransform, viewport: Size, image: Size, sx: number, sy: number): { x: number; y: number } | null {
  const p = screenToImage(v, viewport, sx, sy);
  const x = Math.floor(p.u);
  const y = Math.floor(p.v);
  return x >= 0 && y >= 0 && x < image.width && y < image.height ? { x, y } : null;
}

/** Zooms by `factor` keeping the image point under (sx, sy) fixed, as image viewers do. */
export function zoomAround(v: ViewTransform, viewport: Size, sx: number, sy: number, factor: number): ViewTransform {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom * factor));
  const p = screenToImage(v, viewport, sx, sy);
  return {
    zoom,
    cx: p.u - (sx - viewport.width / 2) / zoom,
    cy: p.v - (sy - viewport.height / 2) / zoom,
  };
}

export function panBy(v: ViewTransform, dxScreen: number, dyScreen: number): ViewTransform {
  return { ...v, cx: v.cx - dxScreen / v.zoom, cy: v.cy - dyScreen / v.zoom };
}
