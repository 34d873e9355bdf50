import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeStage, PARAM_SPECS, PRESETS, STAGE_KINDS, type Stage } from '../core/filter-chain';
import { MAX_STAGES, parseChain, serializeChain } from './chain-url';
import { parseUrlView, serializeUrlView } from './url-params';

describe('filter chain in a link', () => {
  it('writes a readable chain and reads it back', () => {
    const stages: Stage[] = [
      makeStage('threshold', { minM: 0.25, maxM: 4 }),
      makeStage('disparity'),
      makeStage('spatial', { alpha: 0.5, delta: 0.02, iterations: 2, holeFill: 2 }),
      makeStage('median', { size: 5 }, false),
      makeStage('hole-fill', { mode: 'push-pull', levels: 3 }),
    ];
    const text = serializeChain(stages);
    expect(text).toBe('threshold:0.25,4;disparity;spatial:0.5,0.02,2,2;!median:5;hole-fill:push-pull,3');
    expect(parseChain(text)).toEqual({ stages, problems: [] });
  });

  it('reads push-pull as hole-fill:push-pull,levels[,edge], and writes the fill only when it is not the default blend', () => {
    const edge = makeStage('hole-fill', { mode: 'push-pull', levels: 5, fill: 'edge' });
    expect(serializeChain([edge])).toBe('hole-fill:push-pull,5,edge');
    expect(parseChain('hole-fill:push-pull,5,edge')).toEqual({ stages: [edge], problems: [] });
    // Links written before the fill existed keep their meaning: blend.
    expect(parseChain('hole-fill:push-pull,5').stages[0].params).toEqual({ mode: 'push-pull', levels: 5, fill: 'blend' });
    expect(parseChain('hole-fill:push-pull,5,blend').stages[0].params).toEqual({ mode: 'push-pull', levels: 5, fill: 'blend' });
    const bad = parseChain('hole-fill:push-pull,5,smear');
    expect(bad.stages).toEqual([]);
    expect(bad.problems[0]).toContain('push-pull fill must be one of blend, edge');
    expect(parseChain('hole-fill:push-pull').problems[0]).toContain('hole-fill takes 2 to 3 parameter(s)');
    expect(parseChain('hole-fill:push-pull,5,edge,4').problems[0]).toContain('hole-fill takes 2 to 3 parameter(s)');
  });

  it('round-trips every preset through the whole URL', () => {
    for (const preset of PRESETS) {
      const filters = preset.stages();
      const query = serializeUrlView({ filters });
      expect(parseUrlView(`?${query}`)).toEqual({ view: filters.length ? { filters } : {}, problems: [] });
    }
  });

  it('round-trips random valid chains', () => {
    const param = (spec: (typeof PARAM_SPECS)[keyof typeof PARAM_SPECS][number]) =>
      spec.type === 'choice'
        ? fc.constantFrom(...spec.choices)
        : spec.type === 'int'
          ? fc.integer({ min: spec.min, max: spec.max })
          : fc.double({ min: spec.min, max: spec.max, noNaN: true }).filter((v) => !(spec.minExclusive && v <= spec.min)).map((v) => Number(v.toPrecision(9)));
    const stage = fc.constantFrom(...STAGE_KINDS.filter((k) => k !== 'threshold')).chain((kind) =>
      fc.tuple(fc.tuple(...PARAM_SPECS[kind].map(param)), fc.boolean()).map(([values, enabled]) => {
        const params = Object.fromEntries(PARAM_SPECS[kind].map((s, i) => [s.key, values[i]]));
        return makeStage(kind, params, enabled) as Stage;
      }),
    );
    fc.assert(
      fc.property(fc.array(stage, { maxLength: MAX_STAGES }), (stages) => {
        expect(parseChain(serializeChain(stages))).toEqual({ stages, problems: [] });
      }),
    );
  });

  it.each([
    ['blur:3', 'the stages are'],
    ['median:4', 'window must be one of 3, 5'],
    ['median', 'median takes 1 parameter'],
    ['decimate:9', 'factor must be a whole number from 2 to 8'],
    ['decimate:2.5', 'whole number'],
    ['threshold:4,1', 'max must be above min'],
    ['bilateral:3,2,0,relative', 'σ range must be a number above 0'],
    ['spatial:0.1,0.02,2,0', 'alpha must be a number from 0.25 to 1'],
    ['temporal:0.4,0.02,sometimes', 'persistence must be one of'],
    ['median:1e999', 'window must be one of'],
    ['bilateral:NaN,2,0.1,absolute', 'radius must be a whole number'],
  ])('rejects %s with a reason and keeps the other stages', (bad, reason) => {
    const { stages, problems } = parseChain(`disparity;${bad};disparity`);
    expect(stages.map((s) => s.kind)).toEqual(['disparity', 'disparity']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(reason);
  });

  it(`keeps at most ${MAX_STAGES} stages and says so`, () => {
    const { stages, problems } = parseChain(Array(40).fill('disparity').join(';'));
    expect(stages).toHaveLength(MAX_STAGES);
    expect(problems[0]).toContain(`first ${MAX_STAGES}`);
  });

  it('never throws and quotes hostile text only as text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const { stages, problems } = parseChain(text);
        expect(stages.length).toBeLessThanOrEqual(MAX_STAGES);
        for (const p of problems) expect(p.length).toBeLessThan(400);
      }),
    );
    const { problems } = parseChain('<script>alert(1)</script>:1');
    expect(problems[0]).toContain('"<script>alert(1)</script>:1"');
  });

  it('reads display, split and diff, and rejects bad ones', () => {
    expect(parseUrlView('?display=split&split=120&diff=0.005').view).toEqual({ display: 'split', split: 120, diff: 0.005 });
    const bad = parseUrlView('?display=3d&split=-1&diff=0');
    expect(bad.view).toEqual({});
    expect(bad.problems).toHaveLength(3);
  });
});
