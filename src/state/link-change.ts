/**
 * Which store changes the link follows, and how the browser history records
 * them: a discrete choice (a colormap, a filter added, a view mode, a file
 * opened, a probe pinned) is a new history entry, so Back undoes it; a
 * continuous change (a drag, a slider, a typed number, pan and zoom) replaces
 * the current entry, so Back does not step through every frame of a drag.
 */
import type { DepthscopeState } from './store';

export type LinkChange = 'none' | 'continuous' | 'discrete';

/** The chain's shape: stages added, removed, moved or switched, but not their parameters. */
const chainShape = (s: DepthscopeState) => s.chain.map((e) => `${e.id}:${e.stage.kind}:${e.stage.enabled}`).join();

/** Loading a file rebuilds the probe list (dropping probes outside it): only its content counts. */
const probeList = (s: DepthscopeState) => s.probes.map((p) => `${p.x},${p.y}`).join(';');

/** Stepping through the frames of one sequence is browsing, not a new choice. */
function openedAnotherSource(s: DepthscopeState, prev: DepthscopeState): boolean {
  if (s.source === prev.source) return false;
  const a = s.source?.frame;
  const b = prev.source?.frame;
  return !(a && b && a.sequence === b.sequence);
}

export function classifyChange(s: DepthscopeState, prev: DepthscopeState): LinkChange {
  const discrete =
    openedAnotherSource(s, prev) ||
    s.units.scale !== prev.units.scale ||
    s.colormap !== prev.colormap ||
    s.reverse !== prev.reverse ||
    s.logScale !== prev.logScale ||
    (s.probes !== prev.probes && probeList(s) !== probeList(prev)) ||
    s.decode !== prev.decode ||
    (s.chain !== prev.chain && chainShape(s) !== chainShape(prev)) ||
    s.display !== prev.display ||
    s.mode !== prev.mode ||
    s.cloud.surface !== prev.cloud.surface ||
    s.cloud.wireframe !== prev.cloud.wireframe ||
    s.intrinsics !== prev.intrinsics ||
    s.rayLength !== prev.rayLength ||
    s.measuring !== prev.measuring ||
    s.measurePoints !== prev.measurePoints ||
    s.ar.objects !== prev.ar.objects ||
    s.ar.mask !== prev.ar.mask;
  if (discrete) return 'discrete';
  const continuous =
    s.source !== prev.source ||
    s.chain !== prev.chain ||
    s.units !== prev.units ||
    s.range !== prev.range ||
    s.view !== prev.view ||
    s.splitX !== prev.splitX ||
    s.diffRangeM !== prev.diffRangeM ||
    s.edgeJump !== prev.edgeJump ||
    s.cloud.stride !== prev.cloud.stride ||
    s.cloud.pointSize !== prev.cloud.pointSize ||
    s.cloud.pose !== prev.cloud.pose ||
    s.ar.band !== prev.ar.band ||
    s.sequence?.playing !== prev.sequence?.playing;
  return continuous ? 'continuous' : 'none';
}
