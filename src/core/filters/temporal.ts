/**
 * Temporal filter: smooths each pixel over successive frames (exponential moving
 * average) and can keep a pixel's last depth through short dropouts ("persistence"),
 * as depth cameras' temporal filter does. Pure: each step takes the state and returns
 * a new one; pixels are independent (one GPU invocation per pixel).
 *
 * State per pixel: last (float32, the last valid output, NaN before any) and history
 * (8 bits, bit 0 = the newest frame, 1 = that frame's input was valid).
 *
 * Per pixel, with cur = this frame's input:
 *   history' = ((history << 1) | (cur valid ? 1 : 0)) & 0xff
 *   cur valid:
 *     last valid and |cur - last| < delta  -> out = alpha * cur + (1 - alpha) * last
 *     otherwise                            -> out = cur  (start over where depth jumps)
 *   cur invalid:
 *     last valid and persists(mode, history) -> out = last   (fill the dropout)
 *     otherwise                              -> out = NaN
 *   last' = out if out is valid, else last (keep the last valid value)
 *
 * persists(mode, history) is evaluated on the history BEFORE this frame's bit is
 * shifted in, i.e. on the n frames preceding this one (bit 0 = the previous frame):
 *   'valid-k-of-n': at least k of the n lowest bits of history are 1;
 *   'always': true (persist whenever last is valid); 'off': false.
 * (Equivalently: bits 1..n of the unmasked (history << 1) | 0.) This is what the
 * camera's modes mean ("valid in 8 of the last 8 frames" = the 8 frames before the
 * dropout; librealsense looks its persistence table up before clearing the current
 * frame's bit). Counting the current, necessarily invalid, bit as well would make
 * 'valid-8-of-8' impossible and shift every other mode by one frame.
 * Every mode is one rule (k, n): holds iff popcount(history & ((1 << n) - 1)) >= k;
 * persistenceRule gives the pair a kernel takes as uniforms ('always' = (0, 0),
 * 'off' = (1, 0)).
 *
 * Note: a reset (jump >= delta) restarts the average but not the history, which
 * counts valid inputs only.
 */
import { checkInteger, checkNumber, isValidDepth } from './depth-field';

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
  /** The last valid output per pixel, NaN where there has been none. */
  last: Float32Array;
  /** Validity of the last 8 inputs per pixel, bit 0 = the newest. */
  history: Uint8Array;
}

export interface TemporalParams {
  /** Weight of the current frame, in [0, 1] (1 = no smoothing). */
  alpha: number;
  /** Depth change in metres at or above which the average restarts; >= 0. */
  delta: number;
  persistence: PersistenceMode;
}

/** The state before the first frame: no last value, no valid history. */
export function createTemporalState(n: number): TemporalState {
  checkInteger(n, 0, Number.MAX_SAFE_INTEGER, 'The temporal state size');
  return { last: new Float32Array(n).fill(Number.NaN), history: new Uint8Array(n) };
}

export function temporalStep(
  state: TemporalState,
  depth: Float32Array,
  p: TemporalParams,
): { depth: Float32Array; state: TemporalState } {
  const n = depth.length;
  if (state.last.length !== n || state.history.length !== n) {
    throw new RangeError(
      `temporalStep: the state holds ${state.last.length} / ${state.history.length} pixels, the frame ${n}; make a new state when the size changes.`,
    );
  }
  checkNumber(p.alpha, 0, 1, 'The temporal filter alpha');
  checkNumber(p.delta, 0, Number.POSITIVE_INFINITY, 'The temporal filter delta (m)');
  const { k, n: bitsUsed } = persistenceRule(p.persistence);
  const mask = (1 << bitsUsed) - 1;
  const out = new Float32Array(n);
  const last = new Float32Array(n);
  const history = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cur = depth[i];
    const prevLast = state.last[i];
    const oldHistory = state.history[i];
    const curValid = isValidDepth(cur);
    history[i] = ((oldHistory << 1) | (curValid ? 1 : 0)) & 0xff;
    if (curValid) {
      out[i] = isValidDepth(prevLast) && Math.abs(cur - prevLast) < p.delta ? p.alpha * cur + (1 - p.alpha) * prevLast : cur;
    } else {
      out[i] = isValidDepth(prevLast) && popcount8(oldHistory & mask) >= k ? prevLast : Number.NaN;
    }
    last[i] = isValidDepth(out[i]) ? out[i] : isValidDepth(prevLast) ? prevLast : Number.NaN;
  }
  return { depth: out, state: { last, history } };
}

function popcount8(b: number): number {
  let count = 0;
  for (let bits = b; bits !== 0; bits >>>= 1) count += bits & 1;
  return count;
}
