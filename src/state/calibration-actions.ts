/**
 * Making relative depth metric from points the user knows: pick pixels, type
 * their distances, and the fit (scale, or scale and shift) goes into the units.
 */
import { calibrateFromPoints } from '../core/calibration';
import { pixelValue } from './pixel-values';
import { setCalibration, setState, store, type PixelRef } from './store';

export function addCalibrationPoint(p: PixelRef): void {
  const s = store.getState();
  if (!s.source) return;
  // The relative value, as the uncalibrated units read it.
  const v = pixelValue(s.source.raw, { ...s.units, calibration: null }, p.x, p.y);
  if (!v || v.depth === null) {
    setState({ error: `Pixel (${p.x}, ${p.y}) has no depth; pick a pixel with a value to calibrate.` });
    return;
  }
  setState({ calibrationPoints: [...s.calibrationPoints, { x: p.x, y: p.y, value: v.depth, depthM: null }].slice(-2) });
}

export function setCalibrationDistance(index: number, depthM: number | null): void {
  const points = store.getState().calibrationPoints.map((p, i) => (i === index ? { ...p, depthM } : p));
  setState({ calibrationPoints: points });
}

/** Fits and applies the calibration; returns an error message, or null when it worked. */
export function applyCalibration(): string | null {
  const s = store.getState();
  const points = s.calibrationPoints.filter((p) => p.depthM !== null && p.depthM > 0);
  if (points.length === 0) return 'Type the known distance (in metres) of at least one picked pixel.';
  try {
    const cal = calibrateFromPoints(
      points.map((p) => ({ x: p.x, y: p.y, value: p.value, depthM: p.depthM as number })),
      s.units.relativeLargerIsNearer,
    );
    setCalibration(cal);
    setState({ calibrating: false, error: null });
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function clearCalibration(): void {
  setCalibration(null);
  setState({ calibrationPoints: [], calibrating: false });
}
