/**
 * Temporal filter: smooths each pixel over successive frames (exponential moving
 * average) and can keep a pixel's last depth through short dropouts ("persistence"):
 * librealsense's temp_jw_smooth (src/proc/temporal-filter.h:22-87, temporal-filter.cpp,
 * IntelRealSense/librealsense cacc8e701), ported rule for rule. Pure: each step takes the
 * state and returns a new one; pixels are independent (one GPU invocation per pixel).
 *
 * Working values, as librealsense's: whole depth units on integer sources ('units',
 * T = uint16_t), else f32 values (T = float, also in disparity); 0 = no depth
 * (h:45, h:47). Conversions are the spatial filter's (toUnits / fromUnits).
 * State per pixel: last (the last output in the stage's domain, NaN = none, i.e.
 * librealsense's zeroed _last_frame; its working value is derived each frame, and an
 * output equal to last in units is written as last itself, so a persisted or unchanged
 * depth keeps its exact metres) and history (8 bits, bit 0 = the newest frame: librealsense's circular byte read through
 * its rotated persistence table, temporal-filter.cpp:262-280, is this shift register).
 *
 * Per pixel, with cur = this frame's working value, l = last, H = history:
 *   cur valid, l = 0:                   out = last' = cur, H' = 1   (h:47-51)
 *   cur valid, |cur - l| < delta:       out = last' = T(alpha cur + (1 - alpha) l),
 *                                       H' = H << 1 | 1  (h:54-63; T(): truncation to a
 *                                       whole unit for uint16_t, no rounding, h:60)
 *   cur valid, |cur - l| >= delta:      out = last' = cur, H' = 1   (h:64-68: the average
 *                                       restarts AND the validity history with it)
 *   cur invalid: out = l if l != 0 and persists(mode, H), else 0 (h:72-81);
 *                H' = H << 1 (h:82); last' = l
 * The blend is C++ float arithmetic: each product and the sum one f32 rounding
 * (alpha * cur, (1 - alpha) rounded to f32 first, h:37-38, h:59).
 *
 * persists(mode, history) is evaluated on the history BEFORE this frame's bit is
 * shifted in, i.e. on the n frames preceding this one (bit 0 = the previous frame):
 * librealsense looks its table up before clearing the current frame's bit (h:75-82).
 *   'valid-k-of-n': at least k of the n lowest bits of history are 1
 *   (temporal-filter.cpp:211-256); 'always': true; 'off': false.
 * persistenceRule gives the pair a kernel takes as uniforms ('always' = (0, 0),
 * 'off' = (1, 0)).
 */
import { checkInteger, checkNumber } from './depth-field';
import { deltaUnits, fromUnits, toUnits } from './spatial-domain-transform';

export type PersistenceMode =
  | 'off'
  | 'valid-8-of-8'
  | 'valid-2-of-3'
  | 'valid-2-of-4'
  | 'valid-2-of-8'
  | 'valid-1-of-2'
  | 'valid-1-of-5'
  | 'valid-1-of-8'
  | 'always';

export const PERSISTENCE_MODES: readonly PersistenceMode[] = [
  'off',
  'valid-8-of-8',
  'valid-2-of-3',
  'valid-2-of-4',
  'valid-2-of-8',
  'valid-1-of-2',
  'valid-1-of-5',
  'valid-1-of-8',
  'always',
];

/** Persist iff at least k of the n previous frames (the n lowest bits of the old history) were valid. */
export interface PersistenceRule {
  k: number;
  n: number;
}

const RULES: Record<PersistenceMode, PersistenceRule> = {
  off: { k: 1, n: 0 },
  'valid-8-of-8': { k: 8, n: 8 },
  'valid-2-of-3': { k: 2, n: 3 },
  'valid-2-of-4': { k: 2, n: 4 },
  'valid-2-of-8': { k: 2, n: 8 },
  'valid-1-of-2': { k: 1, n: 2 },
  'valid-1-of-5': { k: 1, n: 5 },
  'valid-1-of-8': { k: 1, n: 8 },
  always: { k: 0, n: 0 },
};

export function persistenceRule(mode: PersistenceMode): PersistenceRule {
  const rule = RULES[mode];
  if (rule === undefined) throw new RangeError(`Unknown persistence mode ${String(mode)}.`);
  return { ...rule };
}

/** Whether mode lets a dropout keep the last value, given the history byte before this frame. */
export function persists(mode: PersistenceMode, previousHistory: number): boolean {
  const { k, n } = persistenceRule(mode);
  return popcount8(previousHistory & ((1 << n) - 1)) >= k;
}

export interface TemporalState {
  /** The last output per pixel (m or 1/m), NaN where there has been none. */
  last: Float32Array;
  /** Validity of the last 8 inputs per pixel, bit 0 = the newest. */
  history: Uint8Array;
}

export interface TemporalParams {
  /** Weight of the current frame, in [0, 1] (1 = no smoothing). */
  alpha: number;
  /** Change in the stage's domain (m, or disparity units) at or above which the average restarts; >= 0. */
  delta: number;
  persistence: PersistenceMode;
}

/** librealsense's two instantiations: uint16_t depth units (metres per unit given), or float. */
export type TemporalVariant = { kind: 'units'; unitM: number } | { kind: 'float' };

/** The state before the first frame: no last value, no valid history. */
export function createTemporalState(n: number): TemporalState {
  checkInteger(n, 0, Number.MAX_SAFE_INTEGER, 'The temporal state size');
  return { last: new Float32Array(n).fill(Number.NaN), history: new Uint8Array(n) };
}

const fr = Math.fround;

export function temporalStep(
  state: TemporalState,
  depth: Float32Array,
  p: TemporalParams,
  variant: TemporalVariant = { kind: 'float' },
): { depth: Float32Array; state: TemporalState } {
  const n = depth.length;
  if (state.last.length !== n || state.history.length !== n) {
    throw new RangeError(
      `temporalStep: the state holds ${state.last.length} / ${state.history.length} pixels, the frame ${n}; make a new state when the size changes.`,
    );
  }
  checkNumber(p.alpha, 0, 1, 'The temporal filter alpha');
  checkNumber(p.delta, 0, Number.POSITIVE_INFINITY, 'The temporal filter delta');
  const { k, n: bitsUsed } = persistenceRule(p.persistence);
  const mask = (1 << bitsUsed) - 1;
  const units = variant.kind === 'units';
  const working = (a: Float32Array) => (units ? toUnits(a, variant.unitM) : a.map((x) => (Number.isFinite(x) ? x : 0)));
  const cur = working(depth);
  const lastWorking = working(state.last);
  // delta_z = static_cast<T>(_delta_param) (h:29); alpha and 1 - alpha as floats (h:37-38).
  const deltaZ = units ? deltaUnits(p.delta, variant.unitM) : fr(p.delta);
  const alpha = fr(p.alpha);
  const oneMinus = fr(1 - alpha);
  const out = new Float32Array(n);
  const lastAfter = new Float32Array(n);
  const history = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = cur[i];
    const l = lastWorking[i];
    const h = state.history[i];
    if (c !== 0) {
      if (l !== 0 && fr(Math.abs(c - l)) < deltaZ) {
        const filtered = fr(fr(alpha * c) + fr(oneMinus * l));
        out[i] = lastAfter[i] = units ? Math.trunc(filtered) : filtered;
        history[i] = ((h << 1) | 1) & 0xff;
      } else {
        out[i] = lastAfter[i] = c;
        history[i] = 1;
      }
    } else {
      out[i] = l !== 0 && popcount8(h & mask) >= k ? l : 0;
      lastAfter[i] = l;
      history[i] = (h << 1) & 0xff;
    }
  }
  const back = (a: Float32Array) =>
    units ? fromUnits(fromUnits(a, cur, depth, variant.unitM), lastWorking, state.last, variant.unitM, a) : a.map((x) => (x === 0 ? Number.NaN : x));
  return { depth: back(out), state: { last: back(lastAfter), history } };
}

function popcount8(b: number): number {
  let count = 0;
  for (let bits = b; bits !== 0; bits >>>= 1) count += bits & 1;
  return count;
}
