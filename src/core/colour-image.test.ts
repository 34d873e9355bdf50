import { describe, expect, it } from 'vitest';
import { colourIndexAt, colourPairingProblem } from './colour-image';

describe('colourIndexAt', () => {
  it('is the identity when colour and depth have the same size', () => {
    const c = { width: 8, height: 6 };
    for (let v = 0; v < 6; v++) for (let u = 0; u < 8; u++) expect(colourIndexAt(c, u, v, 8, 6)).toBe(v * 8 + u);
  });

  it('takes the colour pixel under the depth pixel centre when sizes differ', () => {
    // Colour twice the depth's size: depth pixel (1, 2) covers colour pixels 2..3 x 4..5; its centre is in (3, 5).
    expect(colourIndexAt({ width: 16, height: 12 }, 1, 2, 8, 6)).toBe(5 * 16 + 3);
    // Colour half the size: depth pixels 2 and 3 both read colour pixel 1.
    expect(colourIndexAt({ width: 4, height: 3 }, 2, 0, 8, 6)).toBe(1);
    expect(colourIndexAt({ width: 4, height: 3 }, 3, 0, 8, 6)).toBe(1);
    expect(colourIndexAt({ width: 4, height: 3 }, 7, 5, 8, 6)).toBe(2 * 4 + 3);
  });
});

describe('colourPairingProblem', () => {
  it('accepts the same shape at another resolution and names both sizes otherwise', () => {
    expect(colourPairingProblem({ width: 1280, height: 960, name: 'rgb.png' }, 640, 480)).toBeNull();
    const p = colourPairingProblem({ width: 1920, height: 1080, name: 'rgb.png' }, 640, 480);
    expect(p).toContain('1920x1080');
    expect(p).toContain('640x480');
  });
});
