/**
 * Inputs for the kernel tests, generated on the Node side and handed to the harness
 * page as numbers (NaN and Infinity as strings), and the page set-up they share.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { sample } from './helpers';

export type Values = (number | string)[];

export async function openHarness(page: Page): Promise<void> {
  await page.goto('/e2e/harness.html');
  await page.waitForFunction(() => 'harness' in window);
}

/** Registers a real frame of ../shared/samples under `name` (metres). */
export async function addSample(page: Page, name: string, file: string, scale: 'tum' | 'nyu' | 'mm' | 'sun') {
  const b64 = readFileSync(sample(file)).toString('base64');
  await page.evaluate(({ name, b64, scale }) => window.harness.addFileCase(name, b64, scale), { name, b64, scale });
}

export async function addValues(page: Page, name: string, values: Values, width: number, height: number) {
  await page.evaluate(({ name, values, width, height }) => window.harness.addValuesCase(name, values, width, height), { name, values, width, height });
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/**
 * Ragged noise: 8% NaN, 1% +Infinity, 1% -1 (valid: negative depths are values too),
 * the rest a step edge at x = w/3 plus a vertical ramp and noise.
 */
export function generatedField(width: number, height: number, seed = 99): Values {
  const rand = lcg(seed);
  return Array.from({ length: width * height }, (_, i) => {
    const x = i % width;
    const y = Math.floor(i / width);
    const r = rand();
    if (r < 0.08) return 'NaN';
    if (r < 0.09) return 'Infinity';
    if (r < 0.1) return -1;
    return (x < width / 3 ? 1.2 : 2.2) + (1.2 * y) / height + (rand() - 0.5) * 0.3;
  });
}

/**
 * A scene-like field: a slanted floor, two boxes in front of it (step edges of 0.3 and
 * 1.5 m), small noise, and holes of every size: speckle, thin slits 1..6 px wide, and
 * rectangles up to 40 x 30 px (some at the borders), a few -Infinity.
 */
export function holesAndEdges(width: number, height: number, seed = 7): Values {
  const rand = lcg(seed);
  const v: Values = [];
  const holes: [number, number, number, number][] = [];
  for (let k = 0; k < 14; k++) {
    const w = 1 + Math.floor(rand() * 40);
    const h = 1 + Math.floor(rand() * 30);
    holes.push([Math.floor(rand() * width) - 4, Math.floor(rand() * height) - 4, w, h]);
  }
  for (let s = 1; s <= 6; s++) holes.push([Math.floor((s * width) / 8), 0, s, Math.floor(height / 2)]);
  holes.push([0, Math.floor(height * 0.7), 12, 9]); // at the left border: fill-from-left cannot close it
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const r = rand();
      const inHole = holes.some(([hx, hy, hw, hh]) => x >= hx && x < hx + hw && y >= hy && y < hy + hh);
      if (inHole || r < 0.03) {
        v.push(r < 0.002 ? '-Infinity' : 'NaN');
        continue;
      }
      let d = 3.5 - (1.5 * y) / height + 0.2 * (x / width); // floor / back wall
      if (x > width * 0.2 && x < width * 0.45 && y > height * 0.3 && y < height * 0.8) d = 2.0 + 0.1 * (x / width);
      if (x > width * 0.6 && x < width * 0.85 && y > height * 0.2 && y < height * 0.6) d -= 0.3;
      v.push(d + (rand() - 0.5) * 0.004);
    }
  }
  return v;
}

/**
 * Gently sloped planes (at most 0.0005 m/px, noise within +-0.0002 m) separated by
 * steps of 0.1 to 0.5 m, with holes up to 6 px across and a band of speckle. Neighbour
 * differences on a surface stay far below 0.02 m even across a hole or after smoothing
 * lags on a slope, and steps stay far above it: with delta = 0.02 no comparison of the
 * spatial filter is anywhere near a tie, so f32 and float64 take the same branches.
 */
export function tieFreeSurfaces(width: number, height: number, seed = 5): Values {
  const rand = lcg(seed);
  const v: Values = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const r = rand();
      const hole = (x % 37 < 1 + (y % 6) && y % 23 < 5) || (y % 41 < 1 + (x % 5) && x % 29 < 6) || (x > width / 2 && y < 10 && r < 0.3);
      if (hole) {
        v.push(r < 0.1 ? 'Infinity' : 'NaN');
        continue;
      }
      let d = 2 + 0.0004 * x + 0.0003 * y;
      if (x > width * 0.3) d += 0.5;
      if (y > height * 0.5 && x < width * 0.7) d -= 0.1 + 0.0002 * y;
      if ((x - width * 0.75) ** 2 + (y - height * 0.7) ** 2 < (height / 5) ** 2) d -= 0.8;
      v.push(d + (rand() - 0.5) * 0.0004);
    }
  }
  return v;
}
