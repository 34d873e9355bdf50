/** Save what is on screen: the filtered depth as PNG (mm), TIFF or NPY (metres), the cloud as PLY, or a screenshot. */
import { exportFiltered, exportScreenshot, type ExportKind } from '../state/export-actions';
import { useAppState } from '../state/store';
import { Panel } from './Panel';

const BUTTONS: [ExportKind, string, string][] = [
  ['png-mm', 'Depth PNG', '16-bit PNG, millimetres (0 = no depth)'],
  ['tiff', 'Depth TIFF', 'float32 TIFF, metres (NaN = no depth)'],
  ['npy', 'Depth NPY', 'float32 NumPy array, metres (NaN = no depth)'],
  ['ply', 'Cloud PLY', 'binary PLY point cloud, metres, coloured as in the 3-D view (colour image or colormap)'],
];

export function ExportPanel() {
  const ready = useAppState((s) => s.filtered !== null);
  return (
    <Panel label="Export">
      <h2>Export (filtered)</h2>
      <div className="group">
        {BUTTONS.map(([kind, label, title]) => (
          <button key={kind} type="button" data-testid={`export-${kind}`} title={title} disabled={!ready} onClick={() => void exportFiltered(kind)}>
            {label}
          </button>
        ))}
        <button type="button" data-testid="export-screenshot" title="PNG of the view as drawn (without the legend and probe labels)" disabled={!ready} onClick={() => void exportScreenshot()}>
          Screenshot
        </button>
      </div>
    </Panel>
  );
}
