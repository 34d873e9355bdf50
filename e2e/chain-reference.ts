/**
 * What the end-to-end filter tests expect, computed in Node: the bundled TUM
 * frame decoded with fast-png (not the app's decoder) and divided by 5000 as
 * the dataset says, then run through the CPU reference chain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'fast-png';
import { runChainCpu, type DepthField } from '../src/core/run-chain-cpu';
import type { ChainSource, Stage } from '../src/core/filter-chain';
import { defaultIntrinsics } from '../src/core/intrinsics';
import { parseChain } from '../src/link/chain-url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function tumMetres(): DepthField {
  const png = decode(readFileSync(path.resolve(here, '../public/samples/tum-depth.png')));
  const depth = Float32Array.from(png.data as Uint16Array, (r) => (r === 0 ? NaN : r / 5000));
  return { depth, width: png.width, height: png.height };
}

export function stagesOf(filters: string): Stage[] {
  const { stages, problems } = parseChain(filters);
  if (problems.length > 0) throw new Error(problems.join(' '));
  return stages;
}

/**
 * TUM's samples are whole units of 1/5000 m, with the default intrinsics of a 640 x 480
 * image and no stereo baseline: the app gives its chain that source, and so does this.
 */
export const TUM_SOURCE: ChainSource = { depthUnitM: 1 / 5000, focalPx: defaultIntrinsics(640, 480).fx, baselineMm: null };

export function filteredTum(filters: string): DepthField {
  return runChainCpu(tumMetres(), stagesOf(filters), new Map(), undefined, TUM_SOURCE);
}

/** The first pixel, scanning rows from (x0, y0), for which `pick` holds. */
export function findPixel(field: DepthField, x0: number, y0: number, pick: (i: number) => boolean): { x: number; y: number } {
  for (let y = y0; y < field.height; y++) {
    for (let x = y === y0 ? x0 : 0; x < field.width; x++) if (pick(y * field.width + x)) return { x, y };
  }
  throw new Error('no such pixel');
}
