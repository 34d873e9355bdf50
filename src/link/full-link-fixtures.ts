/**
 * A link that sets most of what a link can say: the round-trip test and the
 * fuzz corpus's seed (scripts/fuzz/targets-text.ts) start from it. Plain data,
 * so fuzz workers import it without the generators of test-support.ts.
 */
import type { UrlView } from './url-params-schema';

export const FULL_VIEW: UrlView = {
  scale: 'tum',
  colormap: 'viridis',
  reverse: true,
  range: [0.5, 4.25],
  logScale: true,
  probes: [{ x: 3, y: 4 }],
  mode: 'cloud',
  intrinsics: { fx: 540, fy: 545.5, cx: 319.5, cy: 239.5 },
  pose: { position: [0.1, 0.2, 0.3], target: [0, 0, -2.5] },
  filters: [{ kind: 'median', enabled: true, params: { size: 5 } }],
};

export const FULL_MEASURE = { measuring: true, measurePoints: [{ x: 0.1, y: 0.2, z: 2, u: 10, v: 20 }] };
