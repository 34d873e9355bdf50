/** The samples bundled in public/samples/ (see CREDITS.md there); the app opens the first one. */
import type { UnitPreset } from '../core/units';

export interface BundledSample {
  label: string;
  src: string;
  scale: UnitPreset;
}

export const BUNDLED_SAMPLES: readonly BundledSample[] = [
  { label: 'TUM RGB-D (real, 1/5000 m)', src: '/samples/tum-depth.png', scale: 'tum' },
  { label: 'Synthetic scene (mm, with noise and holes)', src: '/samples/synthetic-depth.png', scale: 'mm' },
];

export const DEFAULT_SAMPLE = BUNDLED_SAMPLES[0];
