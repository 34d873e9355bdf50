/**
 * The neighbourhood the windowed filters (median, bilateral) read: the
 * (2r+1) x (2r+1) window around (x, y), clipped at the image border (no
 * padding, so a border pixel sees fewer samples), row by row.
 * `visit(value, dx, dy)` gets each sample that `valid` accepts.
 */
export function forValidInWindow(
  depth: Float32Array,
  width: number,
  height: number,
  at: { x: number; y: number; r: number },
  valid: (value: number) => boolean,
  visit: (value: number, dx: number, dy: number) => void,
): void {
  const { x, y, r } = at;
  for (let dy = Math.max(-r, -y); dy <= Math.min(r, height - 1 - y); dy++) {
    const row = (y + dy) * width;
    for (let dx = Math.max(-r, -x); dx <= Math.min(r, width - 1 - x); dx++) {
      const v = depth[row + x + dx];
      if (valid(v)) visit(v, dx, dy);
    }
  }
}
