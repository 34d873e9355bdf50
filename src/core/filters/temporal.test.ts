import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createTemporalState,
  PERSISTENCE_MODES,
  persistenceRule,
  persists,
  temporalStep,
  type PersistenceMode,
  type TemporalParams,
  type TemporalState,
} from './temporal';
import { f32, list } from '../../io/filter-field-fixtures';

const P: TemporalParams = { alpha: 0.4, delta: 0.5, persistence: 'off' };
const fr = Math.fround;

/** Runs one pixel through a sequence of frames and returns the outputs. */
function run1(frames: number[], p: TemporalParams): number[] {
  let state = createTemporalState(1);
  const outs: number[] = [];
  for (const v of frames) {
    const r = temporalStep(state, f32(v), p);
    outs.push(r.depth[0]);
    state = r.state;
  }
  return outs;
}

const V = 2; // a valid frame (constant, so outputs are exactly 2)
const I = NaN;

describe('temporalStep basics', () => {
  it('starts with no last value and an empty history', () => {
    const s = createTemporalState(3);
    expect(list(s.last)).toEqual([NaN, NaN, NaN]);
    expect(list(s.history)).toEqual([0, 0, 0]);
  });

  it('smooths with alpha and converges to a constant input', () => {
    const outs = run1([1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1], P);
    expect(outs[0]).toBe(1); // no last value yet: the input as it is
    let expected = 1;
    for (let k = 1; k < outs.length; k++) {
      // C++ float arithmetic (temporal-filter.h:37-38, 59): each product and the sum rounded.
      expected = fr(fr(fr(0.4) * fr(1.1)) + fr(fr(1 - fr(0.4)) * expected));
      expect(outs[k]).toBe(expected);
    }
    expect(Math.abs(outs[outs.length - 1] - 1.1)).toBeLessThan(1e-4);
  });

  it('restarts where the depth jumps by delta or more', () => {
    expect(run1([1, 2], P)).toEqual([1, 2]);
    expect(run1([1, 1.5], P)).toEqual([1, 1.5]); // |diff| == delta is a jump (strict <)
    expect(run1([1, 1.25], P)[1]).toBe(fr(fr(fr(0.4) * 1.25) + fr(1 - fr(0.4))));
  });

  it('restarts the validity history with the average (temporal-filter.h:64-68)', () => {
    // 'valid-2-of-4': V V then a jump: the history is only the jump's frame, so the dropout is not filled.
    expect(run1([V, V, 5, I], { ...P, persistence: 'valid-2-of-4' })).toEqual([V, V, 5, NaN]);
    expect(run1([V, V, V, I], { ...P, persistence: 'valid-2-of-4' })).toEqual([V, V, V, V]);
    let s = createTemporalState(1);
    for (const v of [V, V, 5]) s = temporalStep(s, f32(v), P).state;
    expect(s.history[0]).toBe(1);
  });

  it('truncates every blend to a whole unit on integer sources (temporal-filter.h:59-60)', () => {
    const mm = (values: number[], alpha: number) => {
      let s = createTemporalState(1);
      return values.map((k) => {
        const r = temporalStep(s, f32(k / 1000), { alpha, delta: 0.02, persistence: 'off' }, { kind: 'units', unitM: 0.001 });
        s = r.state;
        return Math.round(r.depth[0] * 1000);
      });
    };
    // 0.4*103 + 0.6*100 = 101.2 -> 101; 0.4*99 + 0.6*100 = 99.6 -> 99 (truncated, not rounded).
    expect(mm([100, 103], 0.4)).toEqual([100, 101]);
    expect(mm([100, 99], 0.4)).toEqual([100, 99]);
    // delta 20 units: a change of exactly 20 restarts (strict <, h:56).
    expect(mm([100, 120], 0.4)).toEqual([100, 120]);
    expect(mm([100, 119], 0.5)).toEqual([100, 109]);
  });

  it('tracks validity in history (bit 0 = newest) and keeps the last valid output', () => {
    let s = createTemporalState(1);
    for (const v of [1, NaN, 1.2]) s = temporalStep(s, f32(v), P).state;
    expect(s.history[0]).toBe(0b101);
    // The NaN frame did not erase last, so 1.2 was smoothed against 1.
    expect(s.last[0]).toBe(fr(fr(fr(0.4) * fr(1.2)) + fr(1 - fr(0.4))));
    for (let k = 0; k < 10; k++) s = temporalStep(s, f32(1), P).state;
    expect(s.history[0]).toBe(0xff);
  });

  it('is pure: the old state and the frame are left as they were', () => {
    const s0: TemporalState = { last: f32(1, NaN), history: Uint8Array.of(3, 0) };
    const frame = f32(NaN, 2);
    const r = temporalStep(s0, frame, { ...P, persistence: 'always' });
    expect(list(s0.last)).toEqual([1, NaN]);
    expect(list(s0.history)).toEqual([3, 0]);
    expect(list(frame)).toEqual([NaN, 2]);
    expect(r.state).not.toBe(s0);
    expect(list(r.depth)).toEqual([1, 2]);
    expect(list(r.state.history)).toEqual([6, 1]);
  });

  it('refuses a state of another size and bad parameters', () => {
    const s = createTemporalState(2);
    expect(() => temporalStep(s, new Float32Array(3), P)).toThrow(RangeError);
    expect(() => temporalStep(s, new Float32Array(2), { ...P, alpha: 1.5 })).toThrow(RangeError);
    expect(() => temporalStep(s, new Float32Array(2), { ...P, delta: NaN })).toThrow(RangeError);
    expect(() => temporalStep(s, new Float32Array(2), { ...P, persistence: 'sometimes' as PersistenceMode })).toThrow(RangeError);
  });
});

describe('persistence modes, frame by frame', () => {
  const seq = (mode: PersistenceMode, frames: number[]) => run1(frames, { ...P, persistence: mode });

  it("'off' never fills and 'always' fills whenever there was a valid value", () => {
    expect(seq('off', [V, I, V, I])).toEqual([V, NaN, V, NaN]);
    expect(seq('always', [I, I, V, I, I, I, I, I, I, I, I, I])).toEqual([NaN, NaN, V, V, V, V, V, V, V, V, V, V]);
  });

  it("'valid-8-of-8' needs the 8 frames before the dropout all valid", () => {
    expect(seq('valid-8-of-8', [V, V, V, V, V, V, V, I])).toEqual([V, V, V, V, V, V, V, NaN]);
    expect(seq('valid-8-of-8', [V, V, V, V, V, V, V, V, I, I])).toEqual([V, V, V, V, V, V, V, V, V, NaN]);
  });

  it("'valid-2-of-3'", () => {
    expect(seq('valid-2-of-3', [V, I])).toEqual([V, NaN]);
    // t = 3: frames 0..2 = V V I -> 2 valid; t = 5: frames 2..4 = I I V -> 1
    expect(seq('valid-2-of-3', [V, V, I, I, V, I])).toEqual([V, V, V, V, V, NaN]);
    expect(seq('valid-2-of-3', [V, I, V, I])).toEqual([V, NaN, V, V]);
  });

  it("'valid-2-of-4'", () => {
    expect(seq('valid-2-of-4', [V, I, I, V, I])).toEqual([V, NaN, NaN, V, V]); // frames 0..3 = V I I V
    expect(seq('valid-2-of-4', [V, I, I, I, V, I])).toEqual([V, NaN, NaN, NaN, V, NaN]); // frames 1..4 = I I I V
    expect(seq('valid-2-of-4', [V, V, I, I, I, I])).toEqual([V, V, V, V, V, NaN]);
  });

  it("'valid-2-of-8'", () => {
    // Both valid frames are among the previous 8 up to t = 8; at t = 9 frame 0 has dropped out.
    expect(seq('valid-2-of-8', [V, V, I, I, I, I, I, I, I, I, I])).toEqual([V, V, V, V, V, V, V, V, V, NaN, NaN]);
  });

  it("'valid-1-of-2'", () => {
    expect(seq('valid-1-of-2', [V, I, I, I])).toEqual([V, V, V, NaN]);
  });

  it("'valid-1-of-5' and 'valid-1-of-8'", () => {
    expect(seq('valid-1-of-5', [V, I, I, I, I, I, I])).toEqual([V, V, V, V, V, V, NaN]);
    expect(seq('valid-1-of-8', [V, I, I, I, I, I, I, I, I, I])).toEqual([V, V, V, V, V, V, V, V, V, NaN]);
  });

  it('agrees with an independent count over the previous frames for every mode', () => {
    const kn: Record<PersistenceMode, [number, number]> = {
      off: [1, 0],
      'valid-8-of-8': [8, 8],
      'valid-2-of-3': [2, 3],
      'valid-2-of-4': [2, 4],
      'valid-2-of-8': [2, 8],
      'valid-1-of-2': [1, 2],
      'valid-1-of-5': [1, 5],
      'valid-1-of-8': [1, 8],
      always: [0, 0],
    };
    fc.assert(
      fc.property(fc.constantFrom(...PERSISTENCE_MODES), fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), (mode, valid) => {
        const outs = seq(mode, valid.map((b) => (b ? V : I)));
        const [k, n] = kn[mode];
        expect(persistenceRule(mode)).toEqual({ k, n });
        for (let t = 0; t < valid.length; t++) {
          if (valid[t]) {
            expect(outs[t]).toBe(V);
            continue;
          }
          const before = valid.slice(Math.max(0, t - n), t).filter(Boolean).length;
          const everValid = valid.slice(0, t).some(Boolean);
          expect(outs[t]).toEqual(everValid && before >= k ? V : NaN);
        }
      }),
    );
  });

  it('persists() reads the history before the current frame', () => {
    expect(persists('valid-8-of-8', 0xff)).toBe(true);
    expect(persists('valid-8-of-8', 0xfe)).toBe(false);
    expect(persists('valid-1-of-2', 0b10)).toBe(true);
    expect(persists('valid-1-of-2', 0b100)).toBe(false);
    expect(persists('always', 0)).toBe(true);
    expect(persists('off', 0xff)).toBe(false);
  });
});
