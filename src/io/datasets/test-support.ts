/** Helpers for the dataset and archive tests: trees from the fixture folder or from memory, and a colour decoder without a browser. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decode as decodePngImage } from 'fast-png';
import type { ColourImage } from '../../core/colour-image';
import type { FileTree } from '../../core/recording';
import { bytesSource } from '../byte-source';
import { decodePpm } from '../decode-colour';
import { FIXTURE_DIR } from '../../../scripts/make-dataset-fixtures';

export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURE_DIR, rel)));
}

/** Every file under `dir`, by path relative to FIXTURE_DIR. */
export function listFixtures(dir = FIXTURE_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFixtures(full) : [path.relative(FIXTURE_DIR, full).split(path.sep).join('/')];
  });
}

/** The fixture folder `dir` as a dropped folder would arrive: paths relative to it, under its name. */
export function fixtureTree(dir: string): FileTree {
  const files = new Map(
    listFixtures(path.join(FIXTURE_DIR, dir)).map((rel) => [rel.slice(dir.length + 1), bytesSource(fixtureBytes(rel), rel)] as const),
  );
  return { name: dir, files };
}

export function memoryTree(name: string, files: Record<string, Uint8Array | string>): FileTree {
  return {
    name,
    files: new Map(Object.entries(files).map(([p, v]) => [p, bytesSource(typeof v === 'string' ? new TextEncoder().encode(v) : v, p)])),
  };
}

/** Decodes 8-bit PNG (fast-png) and binary PPM colour frames, as the browser's decoder would. */
export function testColourDecoder(bytes: Uint8Array, name: string): Promise<ColourImage> {
  if (bytes[0] === 0x50) return Promise.resolve(decodePpm(bytes, name));
  const png = decodePngImage(bytes);
  if (png.depth !== 8) throw new Error(`test decoder: ${png.depth}-bit colour`);
  const rgba = new Uint8ClampedArray(png.width * png.height * 4);
  for (let i = 0; i < png.width * png.height; i++) {
    for (let c = 0; c < 3; c++) rgba[4 * i + c] = png.data[i * png.channels + (png.channels >= 3 ? c : 0)];
    rgba[4 * i + 3] = png.channels === 4 ? png.data[4 * i + 3] : 255;
  }
  return Promise.resolve({ name, width: png.width, height: png.height, rgba });
}
