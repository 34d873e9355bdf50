/** The page: toolbar on top, the image in the middle, panels on the right. */
import { useEffect, useState } from 'react';
import { Viewport } from '../render/Viewport';
import { openBytes } from '../state/load-actions';
import { useAppState } from '../state/store';
import { CalibrationPanel } from './CalibrationPanel';
import { ColormapControls } from './ColormapControls';
import { Legend } from './Legend';
import { OpenControls } from './OpenControls';
import { ProbeList, Readout } from './Probes';
import { StatsPanel } from './StatsPanel';
import { StatusBar } from './StatusBar';
import { UnitsControls } from './UnitsControls';
import { FilterPanel } from './FilterPanel';
import { ExportPanel } from './ExportPanel';
import { IntrinsicsPanel } from './IntrinsicsPanel';
import { SequenceControls } from './SequenceControls';
import { openFiles } from '../state/sequence-actions';
import { ViewModeControls } from './ViewModeControls';
import { CopyLinkButton } from './CopyLinkButton';
import { CompareAndBatch } from './ComparePanel';
import { LiveButton } from './LiveButton';
import { LivePanel } from './LivePanel';
import { MeasureReadout } from './MeasureReadout';
import { ArObjectList } from './ArControls';

/** Drop anywhere on the page, or paste a file or image. */
function useDropAndPaste(): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setOver(true);
    };
    const onDragLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      // Several files play as a sequence; one opens as an image.
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length > 0) void openFiles(files);
    };
    const onPaste = (e: ClipboardEvent) => {
      const item = [...(e.clipboardData?.items ?? [])].find((i) => i.kind === 'file');
      const file = item?.getAsFile();
      if (!file) return;
      e.preventDefault();
      void file.arrayBuffer().then((b) => openBytes(b, file.name || 'pasted image', file.type, null));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, []);
  return over;
}

export function App() {
  const over = useDropAndPaste();
  const backend = useAppState((s) => s.backend);
  const mode = useAppState((s) => s.mode);
  return (
    <div className="app" data-backend={backend} data-testid="app">
      <header className="toolbar">
        <h1>Depthscope</h1>
        <OpenControls />
        <LiveButton />
        <UnitsControls />
        <ColormapControls />
        <ViewModeControls />
        <CopyLinkButton />
      </header>
      <StatusBar />
      <main className="main">
        <div className="view-column">
          <Viewport>
            {mode === 'cloud' && <MeasureReadout />}
            {mode === 'ar' && <ArObjectList />}
          </Viewport>
          <SequenceControls />
          <Readout />
        </div>
        <aside className="side">
          <LivePanel />
          <Legend />
          <StatsPanel />
          <FilterPanel />
          <IntrinsicsPanel />
          <CalibrationPanel />
          <ProbeList />
          <ExportPanel />
          <CompareAndBatch />
        </aside>
      </main>
      {over && <div className="drop-overlay">Drop a depth file to open it</div>}
    </div>
  );
}
