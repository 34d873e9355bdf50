/**
 * Unit conventions: how a stored sample becomes depth in metres.
 *
 * The raw sample is never changed (see depth-image.ts); metres are derived here so
 * the readout can always show both. NaN is the one value for "no depth".
 */

import { isFloatSample, type DepthFormat, type RawDepthImage, type SampleType } from './depth-image';
import { applyCalibration, type Calibration } from './calibration';

/**
 * mm: raw * 0.001 (Redwood, most 16-bit PNGs)   tum: raw / 5000   kitti: raw / 256
 * sun: SUN RGB-D's 16-bit rotate-right-by-3, then mm
 * nyu: NYU v2 raw Kinect disparity (byte-swapped) -> 351.3 / (1092.5 - d)
 * m: the sample is metres   disparity: focal * baseline / sample
 * relative: unitless (monocular networks), metres only through a calibration
 */
export type UnitPreset = 'mm' | 'tum' | 'kitti' | 'sun' | 'nyu' | 'm' | 'disparity' | 'relative';

export const UNIT_PRESETS: readonly UnitPreset[] = ['mm', 'tum', 'kitti', 'sun', 'nyu', 'm', 'disparity', 'relative'];

export interface UnitSettings {
  /** A preset, or a number = metres per raw unit. */
  scale: UnitPreset | number;
  /** Used by 'disparity': depth = focalPx * baselineM / d. */
  disparity: { focalPx: number; baselineM: number };
  /** Used by 'relative': whether larger samples are nearer (inverse-depth-like output). */
  relativeLargerIsNearer: boolean;
  /** Turns 'relative' into metres; ignored by the metric presets. */
  calibration: Calibration | null;
  /**
   * The user's band, inclusive; outside it a pixel counts as no depth. In metres,
   * except for 'relative' without calibration, where it is in the relative units
   * themselves (there are no metres to compare with).
   */
  validRange: { min: number | null; max: number | null };
}

export const DEFAULT_UNITS: UnitSettings = {
  scale: 'mm',
  // Kinect v1 / PrimeSense-like numbers: a harmless start the user is expected to change.
  disparity: { focalPx: 525, baselineM: 0.075 },
  // Most monocular networks (MiDaS, Depth Anything) output affine inverse depth.
  relativeLargerIsNearer: true,
  calibration: null,
  validRange: { min: null, max: null },
};

/**
 * The preset a file gets before the user chooses: floats are usually metres,
 * 8-bit images are usually visualisations or network outputs (relative), and
 * 16/32-bit integers are usually millimetres.
 */
export function defaultScaleFor(sampleType: SampleType, format: DepthFormat): UnitPreset {
  if (isFloatSample(sampleType)) return 'm';
  if (sampleType === 'uint8' || format === 'image') return 'relative';
  return 'mm';
}

/** The units a stored unit of `unitM` metres is shown in: the named preset when there is one (KITTI's 1/256 m is 'kitti'). */
export function unitScaleFor(unitM: number): UnitSettings['scale'] {
  if (unitM === 1) return 'm';
  if (unitM === 0.001) return 'mm';
  if (unitM === 0.0002) return 'tum';
  if (unitM === 1 / 256) return 'kitti';
  return unitM;
}

/** True when the derived values are metres; false for 'relative' without a calibration. */
export function isMetric(units: Pick<UnitSettings, 'scale' | 'calibration'>): boolean {
  return units.scale !== 'relative' || units.calibration !== null;
}

/** SUN RGB-D stores depth rotated right by 3 bits within 16 bits. */
export function sunRotate(raw: number): number {
  return ((raw >>> 3) | (raw << 13)) & 0xffff;
}

/** NYU v2 raw frames are little-endian against the PGM spec: swapping bytes gives Kinect disparity. */
export function swapBytes16(raw: number): number {
  return ((raw & 0xff) << 8) | ((raw >>> 8) & 0xff);
}

/** Kinect v1 disparity to metres (the NYU toolbox's constants); NaN for its "no reading" codes. */
export function kinectDisparityToMetres(d: number): number {
  if (d === 0 || d >= 2047) return Number.NaN;
  return 351.3 / (1092.5 - d);
}

function is16BitInteger(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 0xffff;
}

/** The metric conversion of one already-validated sample (may return <= 0 or non-finite; the caller rejects those). */
function metricFunction(units: UnitSettings): (raw: number) => number {
  const scale = units.scale;
  if (typeof scale === 'number') return (raw) => raw * scale;
  switch (scale) {
    case 'mm':
      return (raw) => raw * 0.001;
    case 'tum':
      return (raw) => raw / 5000;
    case 'kitti':
      return (raw) => raw / 256;
    case 'sun':
      // The rotation only means something on 16-bit integers.
      return (raw) => (is16BitInteger(raw) ? sunRotate(raw) / 1000 : Number.NaN);
    case 'nyu':
      return (raw) => (is16BitInteger(raw) ? kinectDisparityToMetres(swapBytes16(raw)) : Number.NaN);
    case 'm':
      return (raw) => raw;
    case 'disparity': {
      const fb = units.disparity.focalPx * units.disparity.baselineM;
      return (raw) => fb / raw;
    }
    case 'relative': {
      const cal = units.calibration;
      if (cal === null) throw new Error('unreachable: uncalibrated relative is not metric');
      return (raw) => applyCalibration(raw, cal);
    }
  }
}

/**
 * A function from one raw sample to metres (or to the relative value itself for
 * uncalibrated 'relative'), NaN meaning "no depth". Invalid are: integer 0 in every
 * preset (the universal "no reading" code); float NaN/±Inf; float <= 0 except in
 * 'relative' (network outputs may be negative); metric results that are non-finite
 * or <= 0; and anything outside validRange.
 */
export function depthConverter(units: UnitSettings, sampleType: SampleType): (raw: number) => number {
  const isFloat = isFloatSample(sampleType);
  const relative = units.scale === 'relative' && units.calibration === null;
  const lo = units.validRange.min ?? Number.NEGATIVE_INFINITY;
  const hi = units.validRange.max ?? Number.POSITIVE_INFINITY;
  const inBand = (v: number): number => (v >= lo && v <= hi ? v : Number.NaN);

  if (relative) {
    return (raw) => {
      if (!Number.isFinite(raw) || (!isFloat && raw === 0)) return Number.NaN;
      return inBand(raw);
    };
  }
  const toMetres = metricFunction(units);
  const floatMayBeNonPositive = units.scale === 'relative'; // calibrated relative: the fit decides
  return (raw) => {
    if (!Number.isFinite(raw)) return Number.NaN;
    if (isFloat ? raw <= 0 && !floatMayBeNonPositive : raw === 0) return Number.NaN;
    const z = toMetres(raw);
    return Number.isFinite(z) && z > 0 ? inBand(z) : Number.NaN;
  };
}

/**
 * Depth for every pixel (metres, or relative units when uncalibrated), NaN = no depth.
 * 8- and 16-bit samples go through a lookup table built with the same converter:
 * identical results, and a 64 M-pixel image costs 65536 conversions instead of 64 M.
 */
/**
 * For 8/16-bit samples: the depth of every possible sample value (index = raw
 * sample). Converting through it is exact (the same converter) and fast, and it
 * lets statistics count samples instead of sorting depths (stats.ts).
 */
export function depthLookupTable(sampleType: 'uint8' | 'uint16', units: UnitSettings): Float32Array {
  const convert = depthConverter(units, sampleType);
  const lut = new Float32Array(sampleType === 'uint8' ? 0x100 : 0x10000);
  for (let v = 0; v < lut.length; v++) lut[v] = convert(v);
  return lut;
}

/** Depth of every sample through a table from depthLookupTable. */
export function convertWithLookup(samples: Uint8Array | Uint16Array, lut: Float32Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = lut[samples[i]];
  return out;
}

export function convertToDepth(img: RawDepthImage, units: UnitSettings): Float32Array {
  if (img.sampleType === 'uint8' || img.sampleType === 'uint16') {
    return convertWithLookup(img.data as Uint8Array | Uint16Array, depthLookupTable(img.sampleType, units));
  }
  const src = img.data;
  const out = new Float32Array(src.length);
  const convert = depthConverter(units, img.sampleType);
  for (let i = 0; i < src.length; i++) out[i] = convert(src[i]);
  return out;
}

const NUMBER_PATTERN = /^[+]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Reads the URL parameter `scale`: a preset name (any case) or a positive finite
 * decimal number of metres per raw unit. Anything else (hex, "Infinity", 0, "") is null.
 */
export function parseScale(text: string): UnitPreset | number | null {
  const t = text.trim();
  const lower = t.toLowerCase();
  const preset = UNIT_PRESETS.find((p) => p === lower);
  if (preset !== undefined) return preset;
  if (!NUMBER_PATTERN.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Whether a unit choice makes sense for a file's samples, so it can carry over
 * to the next file opened: dataset presets of integer depth need 16/32-bit
 * integers (SUN and NYU exactly 16-bit), 'm' needs floats; 'relative',
 * 'disparity' and a number suit any samples.
 */
export function scaleSuits(scale: UnitSettings['scale'], sampleType: SampleType): boolean {
  switch (scale) {
    case 'mm':
    case 'tum':
    case 'kitti':
      return sampleType === 'uint16' || sampleType === 'uint32';
    case 'sun':
    case 'nyu':
      return sampleType === 'uint16';
    case 'm':
      return isFloatSample(sampleType);
    default:
      return true;
  }
}

/**
 * Metres per unit when the samples are whole depth units on a linear scale (16-bit
 * millimetres, TUM's 1/5000 m, KITTI's 1/256 m, a typed scale): the chain then applies
 * librealsense's rules in those units, rounding to the unit as it does on Z16 frames.
 * Null for float samples and non-linear presets.
 */
export function integerDepthUnit(sampleType: SampleType | undefined, units: Pick<UnitSettings, 'scale'>): number | null {
  if (sampleType === undefined || isFloatSample(sampleType)) return null;
  const s = units.scale;
  if (typeof s === 'number') return s > 0 ? s : null;
  const linear: Partial<Record<UnitPreset, number>> = { mm: 0.001, sun: 0.001, tum: 1 / 5000, kitti: 1 / 256 };
  return linear[s] ?? null;
}
