/**
 * Bad files end in an alert that says what was wrong, and the image shown
 * before stays loaded with its probes.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { chooseFile, openApp, sample } from './helpers';

const tum = readFileSync(sample('tum/depth.png'));

/** The real file with a valid IHDR (checksum included) that claims width x height pixels. */
function pngClaiming(width: number, height: number): Buffer {
  const b = Buffer.from(tum);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.writeUInt32BE(crc32(b.subarray(12, 29)), 29); // CRC over chunk type + 13 data bytes
  return b;
}

const NPY_OBJECT = Buffer.concat([
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]),
  (() => {
    const header = "{'descr': '|O', 'fortran_order': False, 'shape': (2, 2), }";
    const padded = header.padEnd(118, ' ') + '\n';
    const len = Buffer.alloc(2);
    len.writeUInt16LE(padded.length);
    return Buffer.concat([len, Buffer.from(padded)]);
  })(),
  Buffer.alloc(32),
]);

const BAD: { name: string; buffer: Buffer; message: RegExp }[] = [
  { name: 'empty.png', buffer: Buffer.alloc(0), message: /empty/i },
  { name: 'notes.txt', buffer: Buffer.from('hello, this is not an image'), message: /PNG|TIFF|PGM|PFM|NPY/ },
  { name: 'truncated.png', buffer: tum.subarray(0, Math.floor(tum.length / 2)), message: /PNG/ },
  { name: 'huge.png', buffer: pngClaiming(100000, 100000), message: /too large|16384/ },
  { name: 'object.npy', buffer: NPY_OBJECT, message: /NPY|dtype|object/i },
];

test('each bad file shows an alert and keeps the image and probes', async ({ page }) => {
  await openApp(page, '?probe=320,240');
  const stats = page.getByTestId('stats');
  await expect(stats).toHaveAttribute('data-width', '640');
  const probe = page.getByTestId('probe');
  await expect(probe).toHaveAttribute('data-raw', '10920');
  const before = await stats.getAttribute('data-valid-fraction');

  for (const bad of BAD) {
    await chooseFile(page, { name: bad.name, mimeType: 'application/octet-stream', buffer: bad.buffer });
    const alert = page.getByRole('alert');
    await expect(alert, bad.name).toContainText(bad.name);
    await expect(alert, bad.name).toContainText(bad.message);
    await expect(stats).toHaveAttribute('data-valid-fraction', before ?? '');
    await expect(stats.locator('h2')).toHaveText('tum-depth.png');
    await expect(probe).toHaveAttribute('data-raw', '10920');
    await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
});

test('a 16-bit colour PNG offered as depth is refused with an explanation', async ({ page }) => {
  const { encode } = await import('fast-png');
  const rgb16 = Buffer.from(encode({ width: 4, height: 3, depth: 16, channels: 3, data: new Uint16Array(36).fill(1000) }));
  await openApp(page);
  await chooseFile(page, { name: 'rgb16.png', mimeType: 'image/png', buffer: rgb16 });
  await expect(page.getByRole('alert')).toContainText(/colou?r/i);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
});
