/**
 * How a view follows the store: each rule is a method of the view and the changes
 * that call it. On attach every rule runs once on the current state, in order;
 * then, on each change, the rules whose changes happened, in the same order.
 */
import { store, type DepthscopeState } from '../state/store';

export type FollowRule<V> = [run: (view: V, s: DepthscopeState) => void, changed: (s: DepthscopeState, prev: DepthscopeState) => boolean];

export function followStore<V>(view: V, rules: readonly FollowRule<V>[]): () => void {
  const now = store.getState();
  for (const [run] of rules) run(view, now);
  return store.subscribe((s, prev) => {
    for (const [run, changed] of rules) if (changed(s, prev)) run(view, s);
  });
}
