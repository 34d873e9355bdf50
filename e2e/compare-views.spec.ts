/**
 * The comparison views as a user sees them: swipe, side by side, the error maps
 * with their legends, the two-value probe and the plots, read from the canvas
 * and the elements' attributes, against colours and histograms computed here
 * from the float64 references of src/core on the real TUM frame.
 */
import { test, expect } from '@playwright/test';
import { decode as decodePng } from 'fast-png';
import { colormapTable, divergingTable } from '../src/core/colormap-tables';
import { CHECKER_DARK, CHECKER_LIGHT } from '../src/core/colorize';
import { errorByDepth, logBinEdges, predictionReferenceHistogram } from '../src/core/depth-metrics-histograms';
import { DELTA_BAND_COLOURS } from '../src/render/compare-colours';
import { MAP_TINT, REFERENCE_TINT } from '../src/render/overlay-tints';
import { sideBySideOffset } from '../src/render/compare-layout';
import { DENSITY_CELL_PX, densityColour } from '../src/ui/ComparePlots';
import { colorClose, hoverPixel, pixelOnScreen } from './helpers';
import { at, colourOf, expectColour, H, LEFT, openPair, RANGE, RIGHT, VIEW_QUERY, W } from './compare-helpers';

test('swipe: the reference left of the divider, the map right of it, and the divider moves the boundary', async ({ page }) => {
  const { ref, pred } = await openPair(page, 1.2, VIEW_QUERY);
  await page.getByTestId('compare-view').selectOption('swipe');
  const viridis = colormapTable('viridis');
  const refLeft = colourOf(viridis, at(ref, LEFT), RANGE);
  const mapRight = colourOf(viridis, at(pred, RIGHT), RANGE);
  const refRight = colourOf(viridis, at(ref, RIGHT), RANGE);
  // The two maps differ by 20 %: were the sides swapped, the colours would be far off.
  expect(colorClose(refLeft, colourOf(viridis, at(pred, LEFT), RANGE), 6)).toBe(false);
  expect(colorClose(mapRight, refRight, 6)).toBe(false);
  // The divider starts in the middle (column 320).
  await expect(page.getByTestId('swipe-divider')).toHaveAttribute('aria-valuenow', '320');
  await expectColour(page, LEFT, refLeft, 'reference left of the divider');
  await expectColour(page, RIGHT, mapRight, 'map right of the divider');
  // Past column 500 the right-hand pixel shows the reference too.
  await page.getByTestId('swipe-divider').focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('swipe-divider')).toHaveAttribute('aria-valuenow', '520');
  await expectColour(page, RIGHT, refRight, 'reference once the divider passed it');
  await page.getByTestId('compare-view').selectOption('off');
  await expectColour(page, LEFT, colourOf(viridis, at(pred, LEFT), RANGE), 'the map again');
});

test('error views: signed difference, absolute relative error and δ failures, with their legends; the probe reads both maps', async ({ page }) => {
  // 1.3 times the reference: 30 % too far everywhere, which fails δ < 1.25 but passes 1.25².
  const { ref, pred } = await openPair(page, 1.3, VIEW_QUERY);
  const view = page.getByTestId('compare-view');
  const legend = page.getByTestId('compare-legend');
  const e = (p: { x: number; y: number }) => Math.fround(at(pred, p) - at(ref, p));

  await view.selectOption('error-signed');
  await page.getByTestId('signed-range').fill('1');
  await page.getByTestId('signed-range').press('Enter');
  await expect(legend).toHaveAttribute('data-hi', '1');
  const signed = { ...RANGE, lo: -1, hi: 1 };
  for (const p of [LEFT, RIGHT]) await expectColour(page, p, colourOf(divergingTable(), e(p), signed), 'signed error');
  // Aligned by median scaling the error is gone: both pixels turn the neutral middle grey.
  await page.getByTestId('alignment').selectOption('median');
  await expectColour(page, LEFT, colourOf(divergingTable(), 0, signed), 'no error after alignment');
  await page.getByTestId('alignment').selectOption('none');

  await view.selectOption('error-abs-rel');
  await page.getByTestId('abs-rel-max').fill('0.5');
  await page.getByTestId('abs-rel-max').press('Enter');
  await expect(legend).toHaveAttribute('data-hi', '0.5');
  const absRel = { ...RANGE, lo: 0, hi: 0.5 };
  for (const p of [LEFT, RIGHT]) await expectColour(page, p, colourOf(colormapTable('magma'), Math.abs(e(p)) / at(ref, p), absRel), 'abs-rel error');

  await view.selectOption('error-delta');
  await expect(legend).toHaveAttribute('data-view', 'error-delta');
  for (const p of [LEFT, RIGHT]) await expectColour(page, p, [...DELTA_BAND_COLOURS[1]], 'one δ threshold failed');
  // Outside the Eigen crop nothing is evaluated: the "no depth" checkerboard.
  await page.getByTestId('crop').selectOption('eigen-nyu');
  const outside = { x: 20, y: 400 };
  expect(at(ref, outside)).toBeGreaterThan(0);
  const cell = ((outside.x >> 2) + (outside.y >> 2)) & 1 ? CHECKER_DARK : CHECKER_LIGHT;
  await expectColour(page, outside, [cell, cell, cell], 'not evaluated outside the crop');

  // The two-value probe: the map's and the reference's stored values, and their difference.
  await hoverPixel(page, LEFT.x, LEFT.y);
  const probe = page.getByTestId('compare-probe');
  await expect(probe).toHaveAttribute('data-x', String(LEFT.x));
  await expect(probe).toHaveAttribute('data-map', String(at(pred, LEFT)));
  await expect(probe).toHaveAttribute('data-ref', String(at(ref, LEFT)));
  await expect(probe).toHaveAttribute('data-diff', String(at(pred, LEFT) - at(ref, LEFT)));
});

test('side by side: the reference beside the map, panned and zoomed together', async ({ page }) => {
  const { ref, pred } = await openPair(page, 1.2, VIEW_QUERY);
  await page.getByTestId('compare-view').selectOption('side-by-side');
  const viridis = colormapTable('viridis');
  const offset = sideBySideOffset(W);
  const box = (await page.getByTestId('viewport').boundingBox())!;
  const onScreen = async (x: number, y: number) => {
    const p = await pixelOnScreen(page, x, y);
    return p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
  };
  // Each image pixel that is on screen, on both sides; at least one per side must be.
  const check = async (what: string) => {
    const seen = { map: 0, reference: 0 };
    for (const p of [LEFT, RIGHT]) {
      if (await onScreen(p.x, p.y)) {
        await expectColour(page, p, colourOf(viridis, at(pred, p), RANGE), `map ${what}`);
        seen.map++;
      }
      if (await onScreen(p.x + offset, p.y)) {
        await expectColour(page, { x: p.x + offset, y: p.y }, colourOf(viridis, at(ref, p), RANGE), `reference ${what}`);
        seen.reference++;
      }
    }
    expect(seen.map * seen.reference, `pixels on screen ${what}`).toBeGreaterThan(0);
  };
  // Both fit the viewport at first: the reference's right edge is on screen.
  expect((await pixelOnScreen(page, offset + W - 1, H - 1)).x).toBeLessThan(box.x + box.width);
  await check('after fitting both');
  // Zoom in and pan (keys): the same image pixels on both sides keep their colours.
  await page.getByTestId('viewport').focus();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowLeft');
  await check('after zooming and panning');
});

test('the plots: map vs reference density and error by reference depth, from the GPU histograms, equal the reference histograms', async ({ page }) => {
  const { ref, pred } = await openPair(page, 1.1);
  const density = page.getByTestId('density-plot');
  // The plots span the reference's depths with 5 % to spare, in PLOT_BINS log-spaced bins.
  const valid = ref.depth.filter((g) => g > 0);
  const lo = valid.reduce((a, b) => Math.min(a, b)) / 1.05;
  const hi = valid.reduce((a, b) => Math.max(a, b)) * 1.05;
  await expect(density).toHaveAttribute('data-lo', String(Math.fround(lo)));
  await expect(density).toHaveAttribute('data-hi', String(Math.fround(hi)));
  const bins = Number(await density.getAttribute('data-bins'));
  const edges = logBinEdges(lo, hi, bins);
  // Unaligned, the map's values are used as stored: the GPU bins exactly the pixels the reference bins.
  const counts = predictionReferenceHistogram({ pred: pred.depth, ref: ref.depth, width: W, height: H }, edges);
  const max = counts.reduce((a, b) => Math.max(a, b));
  await expect(density).toHaveAttribute('data-total', String(counts.reduce((a, b) => a + b, 0)));
  await expect(density).toHaveAttribute('data-max', String(max));
  // On the canvas: the fullest cell in the top colour, an empty one in the background.
  const fullest = counts.indexOf(max);
  const empty = counts.findIndex((c, i) => c === 0 && i % bins === Math.floor(i / bins)); // on the diagonal: 1.1x is never there
  expect(empty).toBeGreaterThanOrEqual(0);
  // A screenshot of the plot as shown (the element scrolled into view), read at a cell's
  // top-left pixel: inside the cell, and about 3 px from the dashed diagonal, which runs
  // through the bottom-left and top-right corners of the diagonal cells.
  const shot = decodePng(await density.screenshot());
  const cellColour = async (i: number) => {
    const [gb, pb] = [Math.floor(i / bins), i % bins];
    const o = ((bins - 1 - pb) * DENSITY_CELL_PX * shot.width + gb * DENSITY_CELL_PX) * shot.channels;
    return [shot.data[o], shot.data[o + 1], shot.data[o + 2]];
  };
  expect(colorClose(await cellColour(fullest), densityColour(max, max)!, 2)).toBe(true);
  expect(colorClose(await cellColour(empty), [27, 29, 34], 2)).toBe(true);

  // Error by depth: the same counts per reference bin, and a mean AbsRel of 0.1 in each
  // (the GPU sums in 2^-24 fixed point of f32 terms: 1e-6 covers both roundings).
  const byDepth = errorByDepth({ pred: pred.depth, ref: ref.depth, width: W, height: H }, edges);
  const plot = page.getByTestId('error-by-depth');
  await expect(plot).toHaveAttribute('data-counts', Array.from(byDepth.count).join(','));
  const means = ((await plot.getAttribute('data-mean-absrel')) ?? '').split(',');
  byDepth.count.forEach((n, b) => {
    if (n === 0) return expect(means[b]).toBe('');
    const want = byDepth.absRelSum[b] / n;
    expect(want).toBeCloseTo(0.1, 5);
    expect(Math.abs(Number(means[b]) - want)).toBeLessThan(1e-6);
  });
});

test('in 3-D the reference is a second cloud in its own colour: the nearer of the two shows at each pixel', async ({ page }) => {
  /** Sensor view, default intrinsics (centred): pixel (u, v) lands at the canvas centre + (u - cx, v - cy) * canvasHeight / H. */
  const sensorColour = async (u: number, v: number) => {
    const box = (await page.locator('[data-testid="viewport"] canvas').boundingBox())!;
    const k = box.height / H;
    const x = box.x + box.width / 2 + (u - (W - 1) / 2) * k;
    const y = box.y + box.height / 2 + (v - (H - 1) / 2) * k;
    const png = decodePng(await page.screenshot({ clip: { x: Math.floor(x), y: Math.floor(y), width: 1, height: 1 } }));
    return [png.data[0], png.data[1], png.data[2]];
  };
  const showsAt = async (colour: readonly number[]) => colorClose(await sensorColour(320, 240), colour, 3);
  // The map 1.1x farther than the reference: the reference's (cyan) point is in front at every pixel.
  await openPair(page, 1.1);
  await page.getByTestId('mode').selectOption('cloud');
  await expect(page.getByTestId('reference-overlay')).toBeChecked();
  await expect.poll(() => showsAt(REFERENCE_TINT), { message: 'the nearer reference shows' }).toBe(true);
  // Overlay off: the map alone, in its depth colours.
  await page.getByTestId('reference-overlay').uncheck();
  await expect.poll(async () => (await showsAt(REFERENCE_TINT)) || (await showsAt(MAP_TINT))).toBe(false);
  // The map 0.9x, nearer than the reference: its (orange) point is in front.
  await openPair(page, 0.9);
  await page.getByTestId('mode').selectOption('cloud');
  await expect(page.getByTestId('reference-overlay')).toBeChecked();
  await expect.poll(() => showsAt(MAP_TINT), { message: 'the nearer map shows' }).toBe(true);
});
