/** Save what is on screen: the filtered depth as PNG (mm), TIFF or NPY (metres), the cloud as PLY, the frame's mesh as PLY or glTF, or a screenshot. */
import { AXIS_CONVENTIONS, type AxisConvention } from '../core/axis-convention';
import { exportFiltered, exportScreenshot, type ExportKind } from '../state/export-actions';
import { setState, useAppState } from '../state/store';
import { Panel } from './Panel';

/** Each export's button: what it is called, and what it writes (its tooltip). */
const BUTTONS: Record<Exclude<ExportKind, 'screenshot'>, { label: string; writes: string }> = {
  'png-mm': { label: 'Depth PNG', writes: '16-bit PNG, millimetres (0 = no depth)' },
  tiff: { label: 'Depth TIFF', writes: 'float32 TIFF, metres (NaN = no depth)' },
  npy: { label: 'Depth NPY', writes: 'float32 NumPy array, metres (NaN = no depth)' },
  ply: { label: 'Cloud PLY', writes: 'binary PLY point cloud, metres, coloured as in the 3-D view (colour image or colormap)' },
  'frame-mesh-ply': { label: 'Mesh PLY', writes: "this frame's mesh as binary PLY (faces, colours), cut at depth jumps as the 3-D mesh is" },
  'frame-mesh-glb': { label: 'Mesh glTF', writes: "this frame's mesh as glTF binary (.glb), cut at depth jumps as the 3-D mesh is" },
};

/** The axes every 3-D export (cloud, meshes, fused mesh, trajectory) is written in. */
export function ExportAxes() {
  const axes = useAppState((s) => s.exportAxes);
  return (
    <label>
      3-D axes{' '}
      <select data-testid="export-axes" value={axes} onChange={(e) => setState({ exportAxes: e.target.value as AxisConvention })}>
        {AXIS_CONVENTIONS.map(({ id, label }) => <option key={id} value={id}>{label}</option>)}
      </select>
    </label>
  );
}

export function ExportPanel() {
  const ready = useAppState((s) => s.filtered !== null);
  return (
    <Panel label="Export">
      <h2>Export (filtered)</h2>
      <div className="group">
        {(Object.entries(BUTTONS) as [ExportKind, { label: string; writes: string }][]).map(([kind, { label, writes }]) => (
          <button key={kind} type="button" data-testid={`export-${kind}`} title={writes} disabled={!ready} onClick={() => void exportFiltered(kind)}>
            {label}
          </button>
        ))}
        <ExportAxes />
        <button type="button" data-testid="export-screenshot" title="PNG of the view as drawn (without the legend and probe labels)" disabled={!ready} onClick={() => void exportScreenshot()}>
          Screenshot
        </button>
      </div>
    </Panel>
  );
}
