/** The side column: the panels grouped in collapsible sections (Section.tsx). */
import { useAppState } from '../state/store';
import { useCompareState } from '../state/compare-store';
import { useLive } from '../state/live-store';
import { useRecon } from '../state/recon-store';
import { useRecording } from '../state/recording-store';
import { CalibrationPanel } from './CalibrationPanel';
import { RangeControls } from './ColormapControls';
import { CompareAndBatch } from './ComparePanel';
import { ExportPanel } from './ExportPanel';
import { FilterPanel } from './FilterPanel';
import { IntrinsicsPanel } from './IntrinsicsPanel';
import { Legend } from './Legend';
import { LivePanel } from './LivePanel';
import { ProbeList } from './Probes';
import { ReconstructPanel } from './ReconstructPanel';
import { Section } from './Section';
import { StatsPanel } from './StatsPanel';
import { UnitsControls } from './UnitsControls';
import { ViewSettings } from './ViewModeControls';

function LiveSection() {
  const open = useLive((s) => s.open);
  const phase = useLive((s) => s.phase);
  if (!open && phase === 'off') return null;
  return (
    <Section id="live" title="Live" active={phase !== 'off'}>
      <LivePanel />
    </Section>
  );
}

/** Shown while a recording is open (reconstruction fuses its frames) or a run has something to show. */
function ReconstructSection() {
  const recording = useRecording((s) => s.summary !== null);
  const phase = useRecon((s) => s.phase);
  const started = useRecon((s) => s.framesIntegrated > 0);
  if (!recording && !started) return null;
  return (
    <Section id="reconstruct" title="Reconstruct" active={phase === 'running'}>
      <ReconstructPanel />
    </Section>
  );
}

export function SidePanels() {
  const hasReference = useCompareState((s) => s.reference !== null);
  const mode = useAppState((s) => s.mode);
  const calibrating = useAppState((s) => s.calibrating);
  const camera = (
    <Section key="camera" id="camera" title="Camera and 3-D" active={mode !== 'heatmap'}>
      <ViewSettings />
      <IntrinsicsPanel />
    </Section>
  );
  const inspect = (
    <Section key="inspect" id="inspect" title="Inspect" active={calibrating}>
      <UnitsControls />
      <Legend />
      <RangeControls />
      <StatsPanel />
      <ProbeList />
      <CalibrationPanel />
    </Section>
  );
  const filters = (
    <Section key="filters" id="filters" title="Filters">
      <FilterPanel />
    </Section>
  );
  // In 3-D and AR the camera's settings are what the view needs: their section comes first, in view.
  const top = mode === 'heatmap' ? [inspect, filters, camera] : [camera, inspect, filters];
  return (
    <aside className="side" aria-label="Panels">
      <LiveSection />
      {top}
      <Section id="compare" title="Compare" active={hasReference}>
        <CompareAndBatch />
      </Section>
      <ReconstructSection />
      <Section id="export" title="Export">
        <ExportPanel />
      </Section>
    </aside>
  );
}
