import { describe, expect, it } from 'vitest';
import { pixelRay, projectThroughLens } from './distortion';
import { depthPixelOfRay, depthPixelOfScreenPixel, lensCamera, occlusionVisibility, zOfDepthPixel } from './occlusion';

describe('occlusionVisibility', () => {
  it('hides a virtual fragment behind a nearer real surface and shows it in front', () => {
    expect(occlusionVisibility(1.5, 2.0, 0)).toBe(0);
    expect(occlusionVisibility(2.5, 2.0, 0)).toBe(1);
  });

  it('fades over the band, half-seen where the surfaces meet', () => {
    expect(occlusionVisibility(2, 2, 0.1)).toBeCloseTo(0.5, 12);
    // Smoothstep at a quarter of the band: t = 0.25 -> 0.15625.
    expect(occlusionVisibility(2 - 0.025, 2, 0.1)).toBeCloseTo(0.15625, 12);
    expect(occlusionVisibility(2 - 0.05, 2, 0.1)).toBe(0);
    expect(occlusionVisibility(2 + 0.05, 2, 0.1)).toBe(1);
    const seq = [-0.04, -0.02, 0, 0.02, 0.04].map((d) => occlusionVisibility(2 + d, 2, 0.1));
    for (let i = 1; i < seq.length; i++) expect(seq[i]).toBeGreaterThan(seq[i - 1]);
  });

  it('lets holes in the real depth hide nothing', () => {
    for (const z of [0, NaN, -1, Infinity]) expect(occlusionVisibility(z, 2, 0.02)).toBe(1);
  });
});

describe('the rectified AR view through a lens', () => {
  // TUM freiburg1's published plumb_bob lens (published-cameras.ts), a strong one.
  const fr1 = { fx: 517.306408, fy: 516.469215, cx: 318.64304, cy: 255.313989 };
  const lens = { distortion: 'brown-conrady' as const, coeffs: [0.262383, -0.953104, -0.005358, 0.002628, 1.163314] };
  const camera = lensCamera(fr1, lens);

  it('is the pinhole lookup without a lens', () => {
    const pinhole = lensCamera(fr1, null);
    for (const [u, v] of [[0, 0], [100, 400], [639, 479], [318, 255]]) expect(depthPixelOfScreenPixel(u, v, pinhole, 640, 480)).toEqual({ iu: u, iv: v });
    expect(zOfDepthPixel(2, 20, 30, pinhole, false)).toBe(2);
    expect(zOfDepthPixel(2, 20, 30, pinhole, true)).toBeCloseTo(2 / Math.hypot((20 - fr1.cx) / fr1.fx, (30 - fr1.cy) / fr1.fy, 1), 12);
  });

  it('finds the depth pixel where the lens puts a point, and that pixel back-projects onto the point\'s ray', () => {
    const p = { x: -1.1, y: -0.8, z: 2 }; // towards the top-left corner, where the lens moves pixels most
    const at = depthPixelOfRay(p.x / p.z, p.y / p.z, camera, 640, 480);
    const exact = projectThroughLens(p, camera);
    expect(at).toEqual({ iu: Math.floor(exact.u + 0.5), iv: Math.floor(exact.v + 0.5) });
    // The pinhole would look more than 10 pixels away.
    const pinhole = depthPixelOfRay(p.x / p.z, p.y / p.z, lensCamera(fr1, null), 640, 480);
    expect(Math.hypot(pinhole.iu - at.iu, pinhole.iv - at.iv)).toBeGreaterThan(10);
    // Rounding to the pixel moves the ray by at most half a pixel: within 0.75 px / f of the point's own ray.
    const ray = pixelRay(at.iu, at.iv, camera);
    expect(Math.hypot(ray.x - p.x / p.z, ray.y - p.y / p.z)).toBeLessThan(0.75 / fr1.fx);
  });

  it('turns a ray length into z along the undistorted ray of the pixel', () => {
    const r = pixelRay(10, 12, camera);
    const z = zOfDepthPixel(3, 10, 12, camera, true);
    expect(Math.hypot(r.x * z, r.y * z, z)).toBeCloseTo(3, 12);
    expect(zOfDepthPixel(3, 10, 12, camera, false)).toBe(3);
  });

  it('clamps rays outside the image to its border', () => {
    expect(depthPixelOfRay(-5, 5, camera, 640, 480)).toEqual({ iu: 0, iv: 479 });
  });
});
