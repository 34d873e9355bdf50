/**
 * What binding a link parameter to the store takes (link-table.ts holds the
 * bindings): reading it from the state, the patch it puts back, and the rule
 * by which its changes are recorded in the browser history.
 */
import type { CompactState } from '../link/compact-state';
import type { DepthscopeState } from './store';

/** Whether the part of the state a rule watches changed between two store states. */
export type Changed = (s: DepthscopeState, prev: DepthscopeState) => boolean;

/**
 * How a change is recorded: `push`, a discrete choice (a colormap, a filter
 * added, a file opened), is a new history entry, so Back undoes it; `replace`,
 * a continuous change (a drag, a slider, a typed number), rewrites the current
 * entry, so Back does not step through every frame of a drag. A push wins.
 */
export type HistoryRule = { push: Changed; replace?: Changed } | { push?: Changed; replace: Changed };

/** The store's groups a parameter sets some fields of (the rest of the group is kept); other keys are set whole. */
const GROUPS = ['cloud', 'decode', 'units', 'ar', 'recon'] as const;
type Group = (typeof GROUPS)[number];

/** A parameter's share of the state a link puts back. */
export type LinkStatePatch = Partial<Omit<DepthscopeState, Group>> & { [G in Group]?: Partial<DepthscopeState[G]> };

/**
 * Parameters that are not a patch: src and scale are applied by opening the
 * source (link-apply.ts's openSource), ref and refscale by opening the
 * reference once at start (compare-load.ts's openReferenceFromLink).
 */
export type AppliedApart = 'with the source' | 'with the reference';

export interface ParamBinding<F> {
  /** The parameter's fields of the link from the state on screen; undefined leaves a field out. */
  fromState(s: DepthscopeState): { [P in keyof F]-?: F[P] | undefined };
  /** What the link puts back: its value, or the default when the link leaves the parameter out. */
  toState: ((view: Partial<F>, s: DepthscopeState, compact: CompactState) => LinkStatePatch) | AppliedApart;
  history: HistoryRule;
}

/** A rule watching one part of the state, compared by identity (the store replaces what changes). */
export const watch =
  (...parts: ((s: DepthscopeState) => unknown)[]): Changed =>
  (s, prev) =>
    parts.some((part) => part(s) !== part(prev));

/** Stepping through the frames of one sequence is browsing, not a new choice. */
export function openedAnotherSource(s: DepthscopeState, prev: DepthscopeState): boolean {
  if (s.source === prev.source) return false;
  const a = s.source?.frame;
  const b = prev.source?.frame;
  return !(a && b && a.sequence === b.sequence);
}

/** Loading a file rebuilds the probe list (dropping probes outside it): only its content counts. */
export const probeList = (s: DepthscopeState) => s.probes.map((p) => `${p.x},${p.y}`).join(';');
/** The chain's shape: stages added, removed, moved or switched, but not their parameters. */
export const chainShape = (s: DepthscopeState) => s.chain.map((e) => `${e.id}:${e.stage.kind}:${e.stage.enabled}`).join();

/** The parts' patches as one: the groups (cloud, decode, units, ar, recon) merged over the state's own, other keys set. */
export function mergePatches(parts: readonly LinkStatePatch[], s: DepthscopeState): Partial<DepthscopeState> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const group = (GROUPS as readonly string[]).includes(key);
      merged[key] = group ? { ...((merged[key] ?? s[key as Group]) as object), ...(value as object) } : value;
    }
  }
  return merged as Partial<DepthscopeState>;
}
