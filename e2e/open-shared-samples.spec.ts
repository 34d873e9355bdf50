/**
 * A user opens each real dataset frame through the file input, picks the
 * dataset's units, and reads the probe values the samples README gives
 * (decoded independently of this project).
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decode } from 'fast-png';
import { chooseFile, clickPixel, hoverPixel, openApp, sample, setUnits, waitForView } from './helpers';

type Probe = [x: number, y: number, raw: number, metres: number | null];

/**
 * Width, height, valid fraction, min and max computed here from the README's
 * conventions, independently of the app's decoders and unit code.
 */
function referenceStats(file: string, units: string) {
  const bytes = readFileSync(sample(file));
  let samples: ArrayLike<number>;
  if (file.endsWith('.pgm')) {
    // "P5\n640 480\n65535\n" then big-endian 16-bit samples.
    const header = bytes.subarray(0, 32).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
    const offset = header![0].length;
    samples = Array.from({ length: 640 * 480 }, (_, i) => bytes.readUInt16BE(offset + 2 * i));
  } else {
    samples = decode(bytes).data;
  }
  const toMetres: Record<string, (r: number) => number> = {
    tum: (r) => (r === 0 ? NaN : r / 5000),
    mm: (r) => (r === 0 ? NaN : r / 1000),
    sun: (r) => {
      const rot = ((r >> 3) | (r << 13)) & 0xffff;
      return rot === 0 ? NaN : rot / 1000;
    },
    nyu: (r) => {
      const d = ((r & 0xff) << 8) | (r >> 8);
      return d === 0 || d >= 2047 ? NaN : 351.3 / (1092.5 - d);
    },
  };
  let valid = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const m = toMetres[units](samples[i]);
    if (!(m > 0)) continue;
    valid++;
    min = Math.min(min, m);
    max = Math.max(max, m);
  }
  return { count: samples.length, validFraction: valid / samples.length, min, max };
}

const SAMPLES: { name: string; file: string; units: string; probes: Probe[] }[] = [
  { name: 'TUM', file: 'tum/depth.png', units: 'tum', probes: [[320, 240, 10920, 2.184], [100, 200, 12335, 2.467], [500, 400, 11665, 2.333], [10, 10, 0, null]] },
  { name: 'Redwood', file: 'redwood/depth.png', units: 'mm', probes: [[320, 240, 2195, 2.195], [100, 200, 1377, 1.377], [500, 400, 1331, 1.331], [10, 10, 0, null]] },
  { name: 'SUN RGB-D', file: 'sun/depth.png', units: 'sun', probes: [[320, 240, 0, null], [100, 200, 18408, 2.301], [500, 400, 0, null], [10, 10, 0, null]] },
  { name: 'NYU', file: 'nyu/depth.pgm', units: 'nyu', probes: [[320, 240, 53507, 3.0416], [100, 200, 59139, 3.7572], [500, 400, 50947, 2.7992], [10, 10, 65287, null]] },
];

for (const s of SAMPLES) {
  test(`${s.name}: open through the file input, probe, hover, stats`, async ({ page }) => {
    await openApp(page);
    await chooseFile(page, sample(s.file));
    await expect(page.getByTestId('stats').locator('h2')).toHaveText(s.file.split('/')[1]);
    await setUnits(page, s.units);
    await waitForView(page);

    const stats = page.getByTestId('stats');
    await expect(stats).toHaveAttribute('data-width', '640');
    await expect(stats).toHaveAttribute('data-height', '480');
    const ref = referenceStats(s.file, s.units);
    expect(ref.count).toBe(640 * 480);
    // The valid count is exact; min and max are float32 in the app (relative error < 1e-7).
    await expect(stats).toHaveAttribute('data-valid-fraction', String(ref.validFraction));
    expect(Number(await stats.getAttribute('data-min-m'))).toBeCloseTo(ref.min, 5);
    expect(Number(await stats.getAttribute('data-max-m'))).toBeCloseTo(ref.max, 5);

    for (const [x, y] of s.probes) await clickPixel(page, x, y);
    const probes = page.getByTestId('probe');
    await expect(probes).toHaveCount(s.probes.length);
    for (const [i, [x, y, raw, metres]] of s.probes.entries()) {
      const p = probes.nth(i);
      await expect(p).toHaveAttribute('data-x', String(x));
      await expect(p).toHaveAttribute('data-y', String(y));
      await expect(p).toHaveAttribute('data-raw', String(raw));
      const depth = await p.getAttribute('data-depth-m');
      if (metres === null) expect(depth).toBe('');
      else expect(Number(depth)).toBeCloseTo(metres, 4);
    }

    const [x, y, raw, metres] = s.probes[0];
    await hoverPixel(page, x, y);
    const readout = page.getByTestId('readout');
    await expect(readout).toContainText(`x ${x}, y ${y}`);
    await expect(readout).toContainText(`raw ${raw}`);
    await expect(readout).toContainText(metres === null ? 'no depth' : `${metres.toFixed(4)} m`);
  });
}
