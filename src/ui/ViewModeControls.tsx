/**
 * What the 2-D view shows: the filtered depth, the raw depth, both split by a
 * draggable divider, their difference, or the filtered surface's normals or
 * depth edges; and the settings of those views.
 */
import { useShallow } from 'zustand/react/shallow';
import { DISPLAY_MODES, type DisplayMode } from '../core/surface-views';
import { divergingTable } from '../core/colormap-tables';
import { differenceHalfRange, setState, store, useAppState, type ViewMode } from '../state/store';
import { NumberField } from './NumberField';
import { formatTick } from './legend-ticks';
import { ArControls } from './ArControls';
import { ColourControls } from './ColourControls';
import { Options } from './Options';
import { KeepFramesControl } from './KeepFramesControl';

const LABELS: Record<DisplayMode, string> = {
  filtered: 'filtered',
  raw: 'raw',
  split: 'before | after',
  difference: 'difference',
  normals: 'normals',
  edges: 'depth edges',
};

/** Heatmap, 3-D point cloud or AR preview (toolbar). */
function ModeSelect() {
  const mode = useAppState((s) => s.mode);
  return (
    <label>
      View
      <select data-testid="mode" value={mode} onChange={(e) => setState({ mode: e.target.value as ViewMode })}>
        <option value="heatmap">heatmap (2-D)</option>
        <option value="cloud">point cloud (3-D)</option>
        <option value="ar">AR occlusion preview</option>
      </select>
    </label>
  );
}

/** The settings of the 3-D and AR views (side column, Camera and 3-D). */
function ModeSettings() {
  const mode = useAppState((s) => s.mode);
  const cloud = useAppState((s) => s.cloud);
  const set = (patch: Partial<typeof cloud>) => setState({ cloud: { ...store.getState().cloud, ...patch } });
  return (
    <>
      {mode === 'ar' && <ArControls />}
      {mode !== 'heatmap' && <ColourControls />}
      {mode === 'cloud' && (
        <>
          <select aria-label="Surface" data-testid="surface" value={cloud.surface} onChange={(e) => set({ surface: e.target.value as 'points' | 'mesh' })}>
            <option value="points">points</option>
            <option value="mesh">mesh</option>
          </select>
          {cloud.surface === 'mesh' && (
            <label>
              <input type="checkbox" data-testid="wireframe" checked={cloud.wireframe} onChange={(e) => set({ wireframe: e.target.checked })} />
              wireframe
            </label>
          )}
          <NumberField label="stride (px)" testId="cloud-stride" value={cloud.stride} min={1} max={16} onCommit={(v) => set({ stride: Math.round(v) })} />
          <NumberField label="point size (px)" testId="point-size" value={cloud.pointSize} min={0.5} max={32} onCommit={(v) => set({ pointSize: v })} />
          <KeepFramesControl />
          <button type="button" data-testid="reset-3d" title="Put the camera back where the sensor was" onClick={() => set({ resetToken: cloud.resetToken + 1, pose: null })}>
            Sensor view
          </button>
          <MeasureControls />
        </>
      )}
    </>
  );
}

/** Measure in 3-D: switch on, click two surface points, read their distance (MeasureReadout, over the view). */
function MeasureControls() {
  const measuring = useAppState((s) => s.measuring);
  return (
    <button type="button" aria-pressed={measuring} data-testid="measure-toggle" onClick={() => setState({ measuring: !measuring, measurePoints: [] })}>
      Measure
    </button>
  );
}

/** The toolbar's part: which view, and what the heatmap shows. */
export function ViewModeControls() {
  const display = useAppState((s) => s.display);
  const mode = useAppState((s) => s.mode);
  return (
    <div className="group">
      <ModeSelect />
      {mode === 'heatmap' && (
      <label>
        Show
        <select data-testid="display" value={display} onChange={(e) => setState({ display: e.target.value as DisplayMode })}>
          <Options items={DISPLAY_MODES} value={(m) => m} label={(m) => LABELS[m]} />
        </select>
      </label>
      )}
    </div>
  );
}

/** The current view's own settings: the 3-D/AR controls, the edge threshold, the normals' note. */
export function ViewSettings() {
  const { display, edgeJump, mode } = useAppState(useShallow((s) => ({ display: s.display, edgeJump: s.edgeJump, mode: s.mode })));
  if (mode === 'heatmap' && display !== 'edges' && display !== 'normals') return null;
  return (
    <div className="panel view-settings" role="group" aria-label="View settings">
      <h3>View settings</h3>
      <div className="group">
        <ModeSettings />
      </div>
      {mode === 'heatmap' && display === 'edges' && (
        <NumberField
          label="edge at a jump of (× depth)"
          testId="edge-jump"
          value={edgeJump}
          min={1e-6}
          max={10}
          onCommit={(v) => setState({ edgeJump: v })}
        />
      )}
      {mode === 'heatmap' && display === 'normals' && <span className="hint">intrinsics: 525 px at 640 wide, centred</span>}
    </div>
  );
}

/** The legend of the difference view: a diverging bar from -r to +r metres, r editable. */
export function DifferenceLegend() {
  const r = useAppState((s) => differenceHalfRange(s));
  const table = divergingTable();
  const stops = [0, 64, 128, 191, 255].map((i) => `rgb(${table[i * 3]},${table[i * 3 + 1]},${table[i * 3 + 2]}) ${((i / 255) * 100).toFixed(1)}%`);
  return (
    <div className="legend" data-testid="legend" data-lo={-r} data-hi={r}>
      <div className="colorbar" style={{ background: `linear-gradient(to right, ${stops.join(',')})` }} />
      <div className="ticks">
        <span style={{ left: '0%' }}>{formatTick(-r)}</span>
        <span style={{ left: '50%' }}>0</span>
        <span style={{ left: '100%' }}>{formatTick(r)}</span>
      </div>
      <div className="legend-caption">filtered − raw, metres (blue: filtering moved the surface nearer; red: farther)</div>
      <NumberField label="scale ± (m)" testId="diff-range" value={Number(r.toPrecision(6))} min={1e-9} max={1000} onCommit={(v) => setState({ diffRangeM: v })} />
    </div>
  );
}
