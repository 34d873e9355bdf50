/**
 * npm run bench -- hostile: the inputs of issue 13 (src/io/hostile-files.ts),
 * timed in Node. One JSON line per generator: its size, how long decodeDepth
 * takes on it, what it answered (the right values, wrong values, or a refusal
 * and its message), and `per_reference`: that time over the time to decode an
 * ordinary file of the same format and pixel count in this same process. Then
 * one line per number parameter of a link: parsing longDigitQuery() against
 * parsing the same link with an ordinary number. Then (Chromium) the same
 * files opened in the app. Timings live here, not in the tests, so a slow
 * machine fails no test.
 */
import type { Browser } from '@playwright/test';
import { decodeDepth } from '../src/io/decode-depth';
import { encodeTiff } from '../src/io/encode-tiff';
import { encodePng16 } from '../src/io/encode-png16';
import { encodeNpy } from '../src/io/encode-npy';
import { encodePgm } from '../src/io/encode-pgm';
import { encodePfm } from '../src/io/encode-pfm';
import { HOSTILE_FILES, longDigitQuery, ODD_H, ODD_PIXELS, ODD_W, type HostileFile } from '../src/io/hostile-files';
import { parseLink } from '../src/link/parse-link';
import { medianOfRuns } from './bench-timing';

type Emit = (record: Record<string, unknown>) => void;

const ramp = (n: number) => Uint16Array.from({ length: n }, (_, i) => 1000 + i);
const odd = { width: ODD_W, height: ODD_H, data: ODD_PIXELS };

/** An ordinary file of the same format and pixel count as each hostile one. */
const REFERENCES: Record<string, () => Uint8Array> = {
  'tag-flood.tif': () => encodeTiff({ width: 4, height: 3, data: ramp(12) }),
  'shared-deflate-bomb.tif': () => encodeTiff({ width: 1, height: 1024, data: new Uint8Array(1024) }),
  'many-idats.png': () => encodePng16({ width: 640, height: 480, data: ramp(640 * 480) }),
  'many-unit-axes.npy': () => encodeNpy({ width: 2, height: 2, data: ramp(4) }),
  'crlf.pgm': () => encodePgm(odd),
  'blank-line.pgm': () => encodePgm(odd),
  'extra-newline.pfm': () => encodePfm({ ...odd, data: Float32Array.from(ODD_PIXELS) }),
  'column.npy': () => encodeNpy({ width: 1, height: ODD_PIXELS.length, data: ODD_PIXELS }),
};

/** Median ms of `fn`, over as many runs as fit in about `budgetMs` (at least 1, at most 201); a first slow run is not repeated. */
function timeMs(fn: () => void, budgetMs = 2000): number {
  const t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  if (first > budgetMs / 4) return first;
  const reps = Math.max(1, Math.min(201, Math.floor(budgetMs / Math.max(first, 0.01))));
  return medianOfRuns(reps, fn);
}

/** What the decoder answered, in words: the values compared with the generator's. */
function verdict(c: HostileFile, bytes: Uint8Array): string {
  try {
    const raw = decodeDepth(bytes);
    if (raw.width !== c.width || raw.height !== c.height) return `wrong size ${raw.width}x${raw.height}`;
    const expected = c.samples();
    for (let i = 0; i < expected.length; i++) if (raw.data[i] !== expected[i]) return `wrong value at ${i}: ${raw.data[i]} (want ${expected[i]})`;
    return raw.notes.length > 0 ? `values ok, notes: ${raw.notes.join(' ').slice(0, 200)}` : 'values ok';
  } catch (e) {
    return `refused: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`;
  }
}

const quietly = (bytes: Uint8Array) => () => {
  try {
    decodeDepth(bytes);
  } catch {
    // A refusal is an answer too; its time counts the same.
  }
};

const LINK_NUMBERS: Record<string, string> = {
  diff: '0.5', range: '1,3', scale: '0.001', refscale: '0.001', page: '1', split: '320', stride: '2', pointsize: '3',
  pose: '0,0,0,0,0,1', edge: '0.05', probe: '320,240', fx: '525', filters: 'decimate:2',
};

export function benchHostile(emit: Emit): void {
  for (const c of HOSTILE_FILES) {
    const bytes = c.build();
    const reference = REFERENCES[c.name]();
    const result = verdict(c, bytes);
    const ms = timeMs(quietly(bytes));
    const referenceMs = timeMs(quietly(reference));
    emit({
      bench: 'hostile', input: c.name, bytes: bytes.length, width: c.width, height: c.height, ms, result,
      reference: `ordinary file, same format and pixels (${reference.length} bytes)`, reference_ms: referenceMs, per_reference: ms / referenceMs,
    });
  }
  for (const [param, ordinary] of Object.entries(LINK_NUMBERS)) {
    const query = longDigitQuery(param);
    const problems = parseLink(query, '').problems;
    const ms = timeMs(() => parseLink(query, ''));
    const referenceMs = timeMs(() => parseLink(`?${param}=${ordinary}`, ''));
    emit({
      bench: 'hostile-link', input: `longDigitQuery('${param}')`, chars: query.length, ms, result: problems.length > 0 ? `refused: ${problems.join(' ')}` : 'accepted',
      reference: `?${param}=${ordinary}`, reference_ms: referenceMs, per_reference: ms / referenceMs,
    });
  }
}

/**
 * The same files in the app (Chromium): file chosen -> the load worker's answer
 * on the main thread (the `depthscope:loaded` mark), median of 3, against an ordinary file
 * of the same format and pixel count opened in the same page. A file refused
 * or stopped is timed to its alert instead, and its message reported.
 */
export async function benchHostileInApp(browser: Browser, base: string, emit: Emit): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => performance.getEntriesByName('depthscope:first-frame').length > 0, null, { timeout: 60_000 });
  const open = async (name: string, bytes: Uint8Array): Promise<{ ms: number; answer: string }> => {
    await page.evaluate(() => document.querySelector<HTMLButtonElement>('[data-testid="error"] button')?.click());
    const before = await page.evaluate(() => performance.getEntriesByName('depthscope:loaded').length);
    const t0 = Date.now();
    await page.locator('[data-testid=file-input]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    const loaded = page.waitForFunction((n) => performance.getEntriesByName('depthscope:loaded').length > n, before, { timeout: 60_000 });
    const alert = page.locator('[data-testid="error"]').waitFor({ timeout: 60_000 });
    // The loser of the race times out later (or ends with the page): its rejection is expected.
    const which = await Promise.race([loaded.then(() => 'loaded', () => 'timeout'), alert.then(() => 'alert', () => 'timeout')]);
    if (which === 'timeout') return { ms: Date.now() - t0, answer: 'no answer within 60 s' };
    if (which === 'alert') return { ms: Date.now() - t0, answer: `alert: ${((await page.locator('[data-testid="error"]').textContent()) ?? '').slice(0, 200)}` };
    // No helper functions in here: tsx would wrap them in a __name() the page does not have.
    const ms = await page.evaluate(() => {
      const chosen = performance.getEntriesByName('depthscope:file-chosen').at(-1)!.startTime;
      return performance.getEntriesByName('depthscope:loaded').at(-1)!.startTime - chosen;
    });
    return { ms, answer: 'loaded' };
  };
  /** The median of three opens (the first is often slower: the worker's code warms up). */
  const median = async (name: string, bytes: Uint8Array) => {
    const runs = [await open(name, bytes), await open(name, bytes), await open(name, bytes)];
    return runs.sort((a, b) => a.ms - b.ms)[1];
  };
  for (const c of HOSTILE_FILES) {
    const bytes = c.build();
    const hostile = await median(`hostile-${c.name}`, bytes);
    const reference = await median(`ordinary-${c.name}`, REFERENCES[c.name]());
    emit({
      bench: 'hostile-app', input: c.name, bytes: bytes.length, ms: hostile.ms, result: hostile.answer,
      reference: 'ordinary file, same format and pixels', reference_ms: reference.ms, per_reference: hostile.ms / reference.ms,
    });
  }
  await page.close();
}
