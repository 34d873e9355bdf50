/**
 * The link's table bound to the store (link-table.ts): every parameter is read
 * from the state, put back, and its changes recorded as a push or a replace;
 * and any state made from a valid link goes to a link and back unchanged on
 * the fields the link carries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LINK_PARAMS, type LinkParamName, type UrlView } from '../link/url-params-schema';
import { parseLink, serializeLink } from '../link/parse-link';
import { PARAM_VALUES, validView } from '../link/test-support';
import { initialState, type DepthscopeState, type LoadedSource } from './store';
import { PARAM_BINDINGS } from './link-table';
import { mergePatches, type ParamBinding } from './link-binding';
import { classifyChange } from './link-change';
import { linkPatch } from './link-apply';
import { compactFromState, viewFromState } from './link-from-state';
import { chainStages } from './chain-actions';
import { initialCompareState, setCompare, compareStore } from './compare-store';

const NAMES = Object.keys(LINK_PARAMS) as LinkParamName[];
const base = initialState();
const noLink = { view: {}, state: {}, embedded: null, problems: [] };

/** The state a link puts back, over the initial state. */
const applied = (link: ReturnType<typeof parseLink>): DepthscopeState => ({ ...base, ...linkPatch(link, base) });

/** What a link carries of a state: the chain's stages (not their ids), the 3-D pose only in the 3-D view. */
function shared(s: DepthscopeState, keys: string[]) {
  const picked: Record<string, unknown> = Object.fromEntries(keys.map((key) => [key, s[key as keyof DepthscopeState]]));
  picked.chain = chainStages(s.chain);
  if (s.mode !== 'cloud') picked.cloud = { ...s.cloud, pose: null, resetToken: 0 };
  return picked;
}

/**
 * How a change of each parameter is recorded, as link-change.ts listed it before
 * the table: a choice is a push; a drag, a slider or a typed number a replace;
 * src and filters either (another file or a stage added; the next frame or a stage's value).
 */
const RECORDED: { [K in LinkParamName]: 'push' | 'replace' | 'either' } = {
  src: 'either',
  scale: 'push',
  ref: 'push',
  refscale: 'push',
  colormap: 'push',
  range: 'replace',
  log: 'push',
  page: 'push',
  frame: 'replace',
  probe: 'push',
  filters: 'either',
  display: 'push',
  split: 'replace',
  diff: 'replace',
  edge: 'replace',
  view: 'push',
  intrinsics: 'push',
  ray: 'push',
  pose: 'replace',
  stride: 'replace',
  pointsize: 'replace',
  surface: 'push',
  wire: 'push',
  keep: 'replace',
  recon: 'either',
};

afterEach(() => compareStore.setState(initialCompareState()));

describe('every parameter of the link is bound to the state', () => {
  it('has one binding per parameter of the table, no more', () => {
    expect(Object.keys(PARAM_BINDINGS)).toEqual(NAMES);
  });

  it.each(NAMES)('%s is recorded in the history as before the table', (name) => {
    const { push, replace } = PARAM_BINDINGS[name].history;
    const rule = push && replace ? 'either' : push ? 'push' : 'replace';
    expect(rule).toBe(RECORDED[name]);
  });

  it.each(NAMES.filter((name) => typeof PARAM_BINDINGS[name].toState === 'function'))(
    '%s: put into the state, read back from it, and its change classified as its rule says',
    (name) => {
      const binding = PARAM_BINDINGS[name] as ParamBinding<UrlView>;
      fc.assert(
        fc.property(PARAM_VALUES[name], (fields: UrlView) => {
          const toState = binding.toState as Exclude<ParamBinding<UrlView>['toState'], string>;
          const patch = mergePatches([toState(fields, base, {})], base);
          fc.pre(Object.entries(patch).some(([key, value]) => JSON.stringify(value) !== JSON.stringify(base[key as keyof DepthscopeState])));
          // The camera pose travels only with the 3-D view.
          const s: DepthscopeState = { ...base, ...patch, ...(name === 'pose' ? { mode: 'cloud' as const } : {}) };
          expect(binding.fromState(s)).toEqual(fields);
          const change = classifyChange({ ...base, ...patch }, base);
          const recorded = RECORDED[name];
          expect(change).toBe(recorded === 'either' ? change : recorded === 'push' ? 'discrete' : 'continuous');
          expect(change).not.toBe('none');
        }),
        { numRuns: 50 },
      );
    },
  );

  it('src and scale: read from the source on screen, applied by opening it; another file is a push, the next frame a replace', () => {
    const source = (url: string, frame?: LoadedSource['frame']) => ({ name: 'a', url, frame }) as LoadedSource;
    const opened = { ...base, source: source('/a.png'), units: { ...base.units, scale: 'tum' as const } };
    expect(PARAM_BINDINGS.src.fromState(opened)).toEqual({ src: '/a.png' });
    expect(PARAM_BINDINGS.scale.fromState(opened)).toEqual({ scale: 'tum' });
    expect([PARAM_BINDINGS.src.toState, PARAM_BINDINGS.scale.toState]).toEqual(['with the source', 'with the source']);
    expect(classifyChange(opened, base)).toBe('discrete');
    expect(classifyChange({ ...base, units: opened.units }, base)).toBe('discrete');
    const frame = (index: number) => ({ ...base, source: source('/f.png', { sequence: 1, index }) });
    expect(classifyChange(frame(2), frame(1))).toBe('continuous');
  });

  it('ref and refscale: read from the comparison, applied by opening the reference, a push', () => {
    setCompare({ reference: { url: '/gt.png', units: { ...base.units, scale: 'm' } } as never });
    expect(PARAM_BINDINGS.ref.fromState(base)).toEqual({ ref: '/gt.png' });
    expect(PARAM_BINDINGS.refscale.fromState(base)).toEqual({ refScale: 'm' });
    for (const name of ['ref', 'refscale'] as const) {
      expect(PARAM_BINDINGS[name].toState).toBe('with the reference');
      expect(PARAM_BINDINGS[name].history).toHaveProperty('push');
    }
  });
});

describe('a state goes to a link and back', () => {
  it('any state a valid link makes comes back equal on the fields the link carries', () => {
    const keys = Object.keys(linkPatch(noLink, base));
    fc.assert(
      fc.property(validView, (view) => {
        const state = applied({ ...noLink, view });
        const { search, hash } = serializeLink(viewFromState(state), compactFromState(state), null);
        const back = parseLink(`?${search}`, hash);
        expect(back.problems).toEqual([]);
        expect(shared(applied(back), keys)).toEqual(shared(state, keys));
      }),
      { numRuns: 300 },
    );
  });
});
