/**
 * A colour image paired with the depth map (the RGB frame of an RGB-D pair):
 * 8-bit RGBA, at its own resolution. Depth and colour are taken as registered
 * (the same viewpoint and field of view, as TUM, NYU, SUN RGB-D and Redwood
 * ship them), so a depth pixel's colour is read at the same normalised image
 * position: nearest neighbour, pixel centres at (i + 0.5) / size.
 */
export interface ColourImage {
  name: string;
  width: number;
  height: number;
  /** RGBA, row by row from the top. */
  rgba: Uint8ClampedArray;
}

/** The colour pixel under depth pixel (u, v) of a depth grid width x height: its index in the colour image. */
export function colourIndexAt(colour: Pick<ColourImage, 'width' | 'height'>, u: number, v: number, width: number, height: number): number {
  const x = Math.min(colour.width - 1, Math.floor(((u + 0.5) / width) * colour.width));
  const y = Math.min(colour.height - 1, Math.floor(((v + 0.5) / height) * colour.height));
  return y * colour.width + x;
}

/**
 * Why a colour image does not pair with a depth map of this size, or null when it does.
 * Aspect ratios must agree within 1 % (a 640x480 colour frame pairs with 320x240 depth).
 */
export function colourPairingProblem(colour: Pick<ColourImage, 'width' | 'height' | 'name'>, width: number, height: number): string | null {
  const ratio = colour.width / colour.height / (width / height);
  if (Math.abs(ratio - 1) > 0.01) {
    return `The colour image “${colour.name}” is ${colour.width}x${colour.height} and the depth map ${width}x${height}: their shapes differ, so the colour cannot be laid on the depth.`;
  }
  return null;
}
