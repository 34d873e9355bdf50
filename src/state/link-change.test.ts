/**
 * How a store change is recorded in the browser history: discrete choices are
 * new entries (Back undoes them), continuous ones (drags, typed numbers,
 * pan and zoom) rewrite the current entry, and changes outside the link none.
 */
import { describe, expect, it } from 'vitest';
import { classifyChange } from './link-change';
import { initialState, type DepthscopeState } from './store';
import { entriesOf } from './chain-actions';

const base = initialState();
const after = (patch: Partial<DepthscopeState>) => classifyChange({ ...base, ...patch }, base);

describe('classifyChange', () => {
  it.each<[string, Partial<DepthscopeState>]>([
    ['a colormap', { colormap: 'viridis' }],
    ['a reversed colormap', { reverse: true }],
    ['a probe', { probes: [{ x: 1, y: 2 }] }],
    ['a filter stage', { chain: entriesOf([{ kind: 'median', enabled: true, params: { size: 3 } }]) }],
    ['a view mode', { mode: 'cloud' }],
    ['a placed AR object', { ar: { ...base.ar, objects: [{ id: 1, kind: 'cube', name: 'cube', position: [0, 0, 1], normal: [0, -1, 0], size: 0.3 }] } }],
    ['a measured point', { measurePoints: [{ x: 0, y: 0, z: 1, u: 1, v: 1 }] }],
  ])('%s is discrete', (_, patch) => {
    expect(after(patch)).toBe('discrete');
  });

  it.each<[string, Partial<DepthscopeState>]>([
    ['a typed or dragged range', { range: { mode: 'manual', min: 1, max: 2 } }],
    ['a pan or zoom', { view: { cx: 1, cy: 2, zoom: 3 } }],
    ['an orbit of the 3-D camera', { cloud: { ...base.cloud, pose: { position: [0, 0, 1], target: [0, 0, -1] } } }],
    ['the divider of before | after', { splitX: 100 }],
    ['the AR soft edge', { ar: { ...base.ar, band: 0.1 } }],
  ])('%s is continuous', (_, patch) => {
    expect(after(patch)).toBe('continuous');
  });

  it('a filter parameter is continuous, its stage switched off is discrete', () => {
    const chain = entriesOf([{ kind: 'median', enabled: true, params: { size: 3 } }]);
    const from = { ...base, chain };
    const tuned = { ...from, chain: [{ ...chain[0], stage: { ...chain[0].stage, params: { size: 5 } } }] };
    const off = { ...from, chain: [{ ...chain[0], stage: { ...chain[0].stage, enabled: false } }] };
    expect(classifyChange(tuned as DepthscopeState, from)).toBe('continuous');
    expect(classifyChange(off as DepthscopeState, from)).toBe('discrete');
  });

  it('a change outside the link (loading progress, hover) is none', () => {
    expect(after({ loading: { name: 'a', stage: 'decoding', fraction: null } })).toBe('none');
    expect(after({ error: 'x' })).toBe('none');
  });
});
