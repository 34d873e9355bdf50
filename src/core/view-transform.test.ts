import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitView, imageToScreen, panBy, pixelAt, screenToImage, zoomAround } from './view-transform';

const viewport = { width: 800, height: 600 };
const image = { width: 640, height: 480 };

describe('view transform', () => {
  it('fits the whole image, centred', () => {
    const v = fitView(image, viewport);
    expect(v).toEqual({ cx: 320, cy: 240, zoom: 1.25 });
    expect(imageToScreen(v, viewport, 0, 0)).toEqual({ x: 0, y: 0 });
    expect(imageToScreen(v, viewport, 640, 480)).toEqual({ x: 800, y: 600 });
  });

  it('finds the exact pixel under the pointer, and none outside the image', () => {
    const v = fitView(image, viewport);
    expect(pixelAt(v, viewport, image, 0.1, 0.1)).toEqual({ x: 0, y: 0 });
    expect(pixelAt(v, viewport, image, 799.9, 599.9)).toEqual({ x: 639, y: 479 });
    expect(pixelAt(v, { width: 1000, height: 600 }, image, 10, 300)).toBeNull();
  });

  it('keeps the point under the cursor fixed when zooming', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 800, noNaN: true }), fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (sx, sy, f) => {
        const v = fitView(image, viewport);
        const before = screenToImage(v, viewport, sx, sy);
        const after = screenToImage(zoomAround(v, viewport, sx, sy, f), viewport, sx, sy);
        expect(after.u).toBeCloseTo(before.u, 6);
        expect(after.v).toBeCloseTo(before.v, 6);
      }),
    );
  });

  it('moves the image with the pointer when panning', () => {
    const v = fitView(image, viewport);
    const p = imageToScreen(v, viewport, 100, 100);
    const moved = imageToScreen(panBy(v, 30, -20), viewport, 100, 100);
    expect(moved.x - p.x).toBeCloseTo(30, 9);
    expect(moved.y - p.y).toBeCloseTo(-20, 9);
  });
});
