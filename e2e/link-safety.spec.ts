/**
 * A link comes from anyone: every value in it is checked, a bad one is
 * refused with a sentence saying why while the rest applies, its text is
 * shown only as text, and the only thing it may load is its `src`, from any
 * http(s) server (here a real one on another port, so another origin).
 */
import { test, expect, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { packBytes } from '../src/link/packed-bytes';

const SAMPLE = readFileSync(new URL('../public/samples/tum-depth.png', import.meta.url));
const HOSTILE_TEXT = '<img src=x onerror=alert(1)>';

let server: Server;
let origin: string;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'image/png' };
    if (req.url === '/slow.png') {
      // In 8 pieces, 150 ms apart, so the download's progress can be seen.
      res.writeHead(200, { ...cors, 'Content-Length': String(SAMPLE.length) });
      const piece = Math.ceil(SAMPLE.length / 8);
      let at = 0;
      const next = () => {
        if (at >= SAMPLE.length) return void res.end();
        res.write(SAMPLE.subarray(at, (at += piece)));
        setTimeout(next, 150);
      };
      next();
    } else if (req.url === '/no-cors.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(SAMPLE);
    } else if (req.url === '/huge.png') {
      // Says 2 GiB; the app must refuse it from the header alone.
      res.writeHead(200, { ...cors, 'Content-Length': String(2 ** 31) });
      res.write(SAMPLE.subarray(0, 1024));
    } else {
      res.writeHead(404, cors);
      res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

/** Fails the test if the page ever opens a dialog (alert, confirm): a script from the link ran. */
function forbidDialogs(page: Page): () => boolean {
  let opened = false;
  page.on('dialog', async (d) => {
    opened = true;
    await d.dismiss();
  });
  return () => opened;
}

const packJson = (value: unknown) => packBytes(new TextEncoder().encode(JSON.stringify(value)));

test('bad values are refused one by one with a visible reason, unknown keys are ignored, the rest applies', async ({ page }) => {
  const dialogOpened = forbidDialogs(page);
  const state = packJson({
    v: 1,
    future: { nested: [[[1]]] },
    arObjects: [
      { id: 1, kind: 'cube', name: HOSTILE_TEXT, position: [0, 0.2, 2], normal: [0, -1, 0], size: 0.3 },
      { id: 2, kind: 'script', name: 'x', position: [0, 0, 1], normal: [0, -1, 0], size: 0.3 },
    ],
    percentiles: [90, 10],
    measuring: true,
  });
  const query = new URLSearchParams({
    src: '/samples/tum-depth.png',
    scale: 'tum',
    colormap: HOSTILE_TEXT,
    range: '1,3',
    probe: '320,240;<script>alert(1)</script>',
    fx: '1e999',
    fy: '500',
    cx: '1',
    cy: '1',
    view: 'ar',
    unknownKey: '<b>bold</b>',
    state,
  });
  await page.goto(`/?${query}#depth=${'!'.repeat(40)}`);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText(`Ignored colormap="${HOSTILE_TEXT}"`);
  await expect(alert).toContainText('Ignored probe "<script>alert(1)</script>"');
  await expect(alert).toContainText('Ignored the intrinsics');
  await expect(alert).toContainText('Ignored state.percentiles');
  await expect(alert).toContainText('Ignored state.arObjects[1]');
  await expect(alert).toContainText('Ignored the depth map in the link: it is not base64url text');
  await expect(alert).not.toContainText('unknownKey');
  await expect(alert).not.toContainText('future');

  // The good values apply: range, probe, view and the valid AR object, whose name is shown as text.
  await expect(page.getByTestId('legend')).toHaveAttribute('data-lo', '1');
  await expect(page.getByTestId('probe')).toHaveAttribute('data-depth-m', '2.184');
  await expect(page.getByTestId('mode')).toHaveValue('ar');
  await expect(page.getByTestId('ar-objects')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('ar-objects').getByRole('button')).toHaveText(`${HOSTILE_TEXT} ×`);
  // Defaults stay where a value was refused.
  await expect(page.getByTestId('colormap')).toHaveValue('turbo');

  // No element or script from the link: text stays text.
  expect(await page.locator('img, b, script:not([src])').evaluateAll((els) => els.map((e) => e.outerHTML).filter((h) => /alert|bold/.test(h)))).toEqual([]);
  expect(dialogOpened()).toBe(false);
});

test('src from another server: download progress, then the map opens', async ({ page }) => {
  await page.goto(`/?src=${encodeURIComponent(`${origin}/slow.png`)}&scale=tum`);
  const progress = page.getByTestId('loading').locator('progress');
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0);
  await expect(page.getByTestId('stats')).toHaveAttribute('data-width', '640');
  await expect(page.getByTestId('stats').getByRole('heading')).toHaveText('slow.png');
});

test('src blocked by CORS says so and how to fix it; an oversized src is refused before download', async ({ page }) => {
  await page.goto(`/?src=${encodeURIComponent(`${origin}/no-cors.png`)}`);
  await expect(page.getByRole('alert')).toContainText('does not allow other sites to read the file (CORS)');
  await expect(page.getByRole('alert')).toContainText('Access-Control-Allow-Origin');

  await page.goto(`/?src=${encodeURIComponent(`${origin}/huge.png`)}`);
  await expect(page.getByRole('alert')).toContainText(`is ${2 ** 31} bytes; files up to`);
});

test('a link may not name a script or a page as its source', async ({ page }) => {
  const dialogOpened = forbidDialogs(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`/?src=${encodeURIComponent('javascript:alert(1)')}`);
  await expect(page.getByRole('alert')).toContainText('Ignored src="javascript:alert(1)"');
  await page.goto(`/?src=${encodeURIComponent('data:text/html,<script>alert(1)</script>')}`);
  await expect(page.getByRole('alert')).toContainText('only http(s) URLs');
  expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);
  expect(dialogOpened()).toBe(false);
});
