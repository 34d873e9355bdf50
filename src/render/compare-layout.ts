/** Where the side-by-side view puts the reference: its column 0 is drawn at image column sideBySideOffset(width). */

/** The map's width and a gap of about 3 % (at least 8 px), so the two images read as two. */
export function sideBySideOffset(width: number): number {
  return width + Math.max(8, Math.round(width / 32));
}
