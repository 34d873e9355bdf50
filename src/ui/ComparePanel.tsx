/**
 * The Compare panel: open a reference (ground truth) map next to the map (file
 * picker or drop onto the panel), its units, what the heatmap shows (the
 * reference, a swipe, the error maps), how the map is aligned and which
 * pixels are evaluated, and the metrics.
 */
import { useShallow } from 'zustand/react/shallow';
import { useEffect, useState } from 'react';
import type { UnitPreset } from '../core/units';
import { clearReference, openReferenceFile, openReferenceFromLink, setReferenceUnits } from '../state/compare-load';
import { resampleNote } from '../state/compare-grid';
import { COMPARE_VIEWS, setCompare, useCompareState, type CompareView } from '../state/compare-store';
import { imageSize, useAppState } from '../state/store';
import { ACCEPT } from './OpenControls';
import { PRESETS } from './UnitsControls';
import { CompareMetrics } from './CompareMetrics';
import { CompareLegend } from './CompareLegend';
import { CompareProbe } from './CompareProbe';
import { ComparePlots } from './ComparePlots';
import { BatchPanel } from './BatchPanel';
import { fitSideBySide } from '../render/compare-side-by-side';
import { CompareEvalControls } from './CompareEvalControls';
import { FileButton } from './FileButton';
import './compare.css';
import { Panel } from './Panel';
import { Options } from './Options';

const VIEW_LABELS: Record<CompareView, string> = {
  off: 'the map (display mode)',
  reference: 'the reference',
  swipe: 'swipe: reference | map',
  'side-by-side': 'side by side: map, reference',
  'error-signed': 'error: signed difference (m)',
  'error-abs-rel': 'error: absolute relative',
  'error-delta': 'error: δ failures',
};

function ReferencePicker() {
  const [over, setOver] = useState(false);
  return (
    <div
      className={`reference-drop${over ? ' over' : ''}`}
      data-testid="reference-drop"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.stopPropagation();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        // Kept from the page's drop handler, which would open the file as the map.
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) void openReferenceFile(file);
      }}
    >
      <FileButton testId="reference-input" accept={ACCEPT} onFiles={([file]) => void openReferenceFile(file)}>
        Open reference…
      </FileButton>
      <span className="hint">or drop a ground-truth file here</span>
    </div>
  );
}

function ReferenceInfo() {
  const ref = useCompareState((s) => s.reference);
  // The grid the views and the evaluation use: the colour camera's while depth is aligned to it.
  const map = useAppState(useShallow((s) => imageSize(s)));
  if (!ref) return null;
  const { width, height } = ref.raw;
  const note = map ? resampleNote(width, height, map.width, map.height) : null;
  const scale = ref.units.scale;
  return (
    <div
      data-testid="reference"
      data-name={ref.name}
      data-width={width}
      data-height={height}
      data-resampled={note ? 'true' : 'false'}
      data-units={String(scale)}
      data-origin={ref.frame ? 'recording' : 'user'}
      data-frame={ref.frame?.index ?? ''}
    >
      <p className="reference-name">
        Reference: {ref.name} ({width}×{height}){ref.frame ? ', follows the timeline' : ''}{' '}
        <button type="button" data-testid="reference-clear" onClick={clearReference}>
          close
        </button>
      </p>
      <label>
        Reference units{' '}
        <select
          data-testid="reference-units"
          value={typeof scale === 'number' ? 'number' : scale}
          onChange={(e) => void setReferenceUnits({ scale: e.target.value as UnitPreset, calibration: null })}
        >
          {typeof scale === 'number' && <option value="number">{scale} m per unit</option>}
          <Options items={PRESETS} value={(p) => p.value} label={(p) => p.label} />
        </select>
      </label>
      {note && (
        <p className="note" data-testid="reference-note">
          {note}
        </p>
      )}
    </div>
  );
}

function chooseView(view: CompareView): void {
  setCompare({ view });
  // Side by side needs room for two images: fit both (the user pans and zooms them together).
  if (view === 'side-by-side') fitSideBySide();
}

function ViewPicker() {
  const view = useCompareState((s) => s.view);
  const gpu = useAppState((s) => s.backend !== 'webgl');
  return (
    <label>
      Heatmap shows{' '}
      <select data-testid="compare-view" value={view} disabled={!gpu} onChange={(e) => chooseView(e.target.value as CompareView)}>
        <Options items={COMPARE_VIEWS} value={(v) => v} label={(v) => VIEW_LABELS[v]} />
      </select>
      {!gpu && <span className="hint"> (the comparison views need WebGPU; the metrics are computed on the CPU)</span>}
    </label>
  );
}

export function ComparePanel() {
  useEffect(() => openReferenceFromLink(location.search, location.href), []);
  const hasReference = useCompareState((s) => s.reference !== null);
  const loading = useCompareState((s) => s.loading);
  const error = useCompareState((s) => s.error);
  return (
    <Panel label="Compare with a reference" testId="compare">
      <h2>Compare with a reference</h2>
      <ReferencePicker />
      {loading && <p className="hint" data-testid="reference-loading">{loading}…</p>}
      {error && (
        <p className="error" role="alert" data-testid="compare-error">
          {error}
        </p>
      )}
      <ReferenceInfo />
      {hasReference && (
        <>
          <ViewPicker />
          <CompareLegend />
          <CompareEvalControls />
          <CompareMetrics />
          <CompareProbe />
          <ComparePlots />
        </>
      )}
    </Panel>
  );
}

/** The Compare panel, and the batch evaluation that uses its settings. */
export function CompareAndBatch() {
  return (
    <>
      <ComparePanel />
      <BatchPanel />
    </>
  );
}

