/**
 * Which store changes the link follows, and how the browser history records
 * them: a discrete choice (a colormap, a filter added, a view mode, a file
 * opened, a probe pinned) is a new history entry, so Back undoes it; a
 * continuous change (a drag, a slider, a typed number, pan and zoom) replaces
 * the current entry, so Back does not step through every frame of a drag.
 * Each parameter's rule is in its binding (link-table.ts); a push wins.
 */
import type { DepthscopeState } from './store';
import { HISTORY_RULES } from './link-table';

export type LinkChange = 'none' | 'continuous' | 'discrete';

export function classifyChange(s: DepthscopeState, prev: DepthscopeState): LinkChange {
  if (HISTORY_RULES.some((rule) => rule.push?.(s, prev))) return 'discrete';
  if (HISTORY_RULES.some((rule) => rule.replace?.(s, prev))) return 'continuous';
  return 'none';
}
