/**
 * Test support: where the real samples and the generated fixtures are, and the
 * formulas the fixtures were made from (scripts/make-tiff-fixtures.sh writes
 * raw samples from the same formulas, then libtiff and ImageMagick encode them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export function readShared(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.resolve(here, '../../../shared/samples', rel)));
}

export function readFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(here, '__fixtures__', name)));
}

export const FIXTURE_W = 37;
export const FIXTURE_H = 23;

type Formula = (x: number, y: number) => number;

export const FORMULAS = {
  u8: (x, y) => (x * 7 + y * 13 + x * y) % 256,
  u16: (x, y) => (x * 1237 + y * 7919 + x * y * 31) % 65536,
  u16b: (x, y) => (65535 - x * 1000 - y * 17) % 65536,
  u32: (x, y) => 4000000000 - x * 99991 - y * 77777,
  i16: (x, y) => (x - 18) * 1000 - y * 37,
  f32: (x, y) =>
    x === 3 && y === 4 ? NaN : x === 5 && y === 6 ? -Infinity : x === 7 && y === 8 ? -0 : Math.fround((x - 18.5) * 0.25 + y * 1.5),
  f64: (x, y) => x / 3 + y * 1e10,
  gray4: (x, y) => (x + y) % 16,
} satisfies Record<string, Formula>;

/** The fixture grid of a formula, as plain numbers (row-major, top row first). */
export function expectedGrid(f: Formula): number[] {
  const out: number[] = [];
  for (let y = 0; y < FIXTURE_H; y++) for (let x = 0; x < FIXTURE_W; x++) out.push(f(x, y));
  return out;
}

/**
 * The message of the `Refused` error that `read` throws: the test fails when `read`
 * accepts the input, or throws anything else.
 */
export function refusalOf(read: () => unknown, Refused: abstract new (message: string) => Error): string {
  try {
    read();
  } catch (error) {
    if (error instanceof Refused) return error.message;
    throw error;
  }
  throw new Error('accepted, but should have been refused');
}
