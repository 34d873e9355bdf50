import { describe, expect, it } from 'vitest';
import { normalsFromDepth } from './filters/normals';
import { normalsToRgba, overlayEdges } from './surface-views';
import { CHECKER_LIGHT } from './colorize';

describe('surface views', () => {
  it('colours a wall facing the camera (128, 128, 255) and a border pixel as no depth', () => {
    const w = 6;
    const h = 5;
    const depth = new Float32Array(w * h).fill(2);
    const normals = normalsFromDepth(depth, w, h, { fx: 500, fy: 500, cx: 2.5, cy: 2 });
    const rgba = normalsToRgba(normals, { width: w, height: h, filteredWidth: w, filteredHeight: h, factor: 1 }, 4);
    expect([...rgba.subarray((2 * w + 2) * 4, (2 * w + 2) * 4 + 4)]).toEqual([128, 128, 255, 255]);
    expect([...rgba.subarray(0, 4)]).toEqual([CHECKER_LIGHT, CHECKER_LIGHT, CHECKER_LIGHT, 255]);
  });

  it('turns a floor seen from above (normal pointing up, -y in the camera) green-ish: up is +g', () => {
    const normals = Float32Array.from([0, -1, 0]);
    const rgba = normalsToRgba(normals, { width: 1, height: 1, filteredWidth: 1, filteredHeight: 1, factor: 1 }, 4);
    expect([...rgba.subarray(0, 3)]).toEqual([128, 255, 128]);
  });

  it('reads decimated fields in blocks and draws edges white over what is there', () => {
    const layout = { width: 4, height: 2, filteredWidth: 2, filteredHeight: 1, factor: 2 };
    const rgba = new Uint8Array(4 * 2 * 4).fill(7);
    overlayEdges(Uint8Array.from([0, 1]), layout, rgba);
    const px = (x: number, y: number) => rgba[(y * 4 + x) * 4];
    expect([px(0, 0), px(1, 1), px(2, 0), px(3, 1)]).toEqual([7, 7, 255, 255]);
  });
});
