import { describe, expect, it } from 'vitest';
import { defaultRule, pairFiles, pairKey, patternProblem } from './file-pairing';

const f = (name: string) => ({ name });

describe('batch pairing', () => {
  it('pairs by name without the extension, numbers in order, and lists what has no partner', () => {
    expect(pairKey('dir/frame_0001.depth.png')).toBe('frame_0001.depth');
    expect(pairKey('.hidden')).toBe('.hidden');
    const p = pairFiles([f('a_10.npy'), f('a_2.npy'), f('only-pred.pfm'), f('a_2.pfm')], [f('a_2.png'), f('a_10.png'), f('only-ref.png')]);
    expect(p.pairs.map((x) => [x.name, x.prediction.name, x.reference.name])).toEqual([
      ['a_2', 'a_2.npy', 'a_2.png'],
      ['a_10', 'a_10.npy', 'a_10.png'],
    ]);
    expect(p.unpairedPredictions).toEqual(['only-pred.pfm']);
    expect(p.unpairedReferences).toEqual(['only-ref.png']);
    expect(p.duplicates).toEqual(['a_2.pfm']);
  });

  const r = (webkitRelativePath: string) => ({ name: webkitRelativePath.split('/').pop()!, webkitRelativePath });
  const names = (p: ReturnType<typeof pairFiles>) => p.pairs.map((x) => [x.name, x.prediction.webkitRelativePath || x.prediction.name, x.reference.webkitRelativePath || x.reference.name]);

  it('pairs nested folders by the same relative path below each side’s top folder, whatever the extension', () => {
    const preds = [r('run-3/preds/scene1/0001.npy'), r('run-3/preds/scene2/0001.npy'), r('run-3/preds/scene2/0010.npy'), r('run-3/preds/scene2/0002.npy')];
    const refs = [r('gt/scene2/0002.png'), r('gt/scene1/0001.png'), r('gt/scene2/0001.png'), r('gt/scene3/0001.png')];
    expect(defaultRule(preds, refs)).toEqual({ kind: 'relative-path' });
    const p = pairFiles(preds, refs);
    expect(names(p)).toEqual([
      ['scene1/0001', 'run-3/preds/scene1/0001.npy', 'gt/scene1/0001.png'],
      ['scene2/0001', 'run-3/preds/scene2/0001.npy', 'gt/scene2/0001.png'],
      ['scene2/0002', 'run-3/preds/scene2/0002.npy', 'gt/scene2/0002.png'],
    ]);
    expect(p.unpairedPredictions).toEqual(['run-3/preds/scene2/0010.npy']);
    expect(p.unpairedReferences).toEqual(['gt/scene3/0001.png']);
    // By name alone the two 0001 files would collide.
    expect(pairFiles(preds, refs, { kind: 'name' }).duplicates).toEqual(['run-3/preds/scene2/0001.npy', 'gt/scene2/0001.png', 'gt/scene3/0001.png']);
    // Files dropped without folders keep the name rule.
    expect(defaultRule([f('a.png')], refs)).toEqual({ kind: 'name' });
  });

  it('pairs by a pattern, both sides from one folder, nested, files matching neither left out', () => {
    const all = [r('ds/s1/0001_pred.png'), r('ds/s1/0001_gt.png'), r('ds/s1/0002_pred.png'), r('ds/s2/0001_gt.png'), r('ds/s2/0001_pred.png'), r('ds/s1/0003_gt.png'), r('ds/s1/0001_rgb.jpg'), r('ds/README.md')];
    const p = pairFiles(all, all, { kind: 'pattern', prediction: '{id}_pred.png', reference: '{id}_gt.png' });
    expect(names(p)).toEqual([
      ['ds/s1/0001', 'ds/s1/0001_pred.png', 'ds/s1/0001_gt.png'],
      ['ds/s2/0001', 'ds/s2/0001_pred.png', 'ds/s2/0001_gt.png'],
    ]);
    expect(p.unpairedPredictions).toEqual(['ds/s1/0002_pred.png']);
    expect(p.unpairedReferences).toEqual(['ds/s1/0003_gt.png']);
    expect(p.duplicates).toEqual([]);
  });

  it('pairs by patterns with folders in them, literal dots and brackets taken literally', () => {
    const preds = [r('out/pred/a/1.png'), r('out/pred/a/2.png'), r('out/predXa/3.png')];
    const refs = [r('out/gt/a/1.png'), r('out/gt/a/2.png')];
    const p = pairFiles(preds, refs, { kind: 'pattern', prediction: 'pred/{id}.png', reference: 'gt/{id}.png' });
    expect(p.pairs.map((x) => x.name)).toEqual(['out/a/1', 'out/a/2']);
    const q = pairFiles([f('x(1).png'), f('x(1)Xpng')], [f('x(1).gt.png')], { kind: 'pattern', prediction: '{id}.png', reference: '{id}.gt.png' });
    expect(q.pairs.map((x) => x.name)).toEqual(['x(1)']);
    expect(q.unpairedPredictions).toEqual([]);
  });

  it('says why a pattern cannot pair', () => {
    expect(patternProblem('{id}_pred.png')).toBeNull();
    expect(patternProblem('pred.png')).toBe('The pattern “pred.png” needs exactly one {id} (it has 0), e.g. {id}_pred.png.');
    expect(patternProblem('{id}/{id}.png')).toMatch(/it has 2/);
    expect(() => pairFiles([f('a')], [f('b')], { kind: 'pattern', prediction: 'x', reference: '{id}' })).toThrow(/exactly one \{id\}/);
  });
});
