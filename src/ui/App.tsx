/** The page: a one-row toolbar, the image in the middle with the panels' sections on the right, the sequence timeline at the bottom. */
import { useEffect, useState } from 'react';
import { Viewport } from '../render/Viewport';
import { openBytes } from '../state/load-actions';
import { useAppState } from '../state/store';
import { ColormapControls } from './ColormapControls';
import { OpenControls } from './OpenControls';
import { Readout } from './Probes';
import { StatusBar } from './StatusBar';
import { TimelineStrip } from './TimelineStrip';
import { openFiles } from '../state/sequence-actions';
import { openRecording } from '../state/recording-actions';
import { droppedFolder } from './folder-files';
import { useTimelineKeys } from './timeline-keys';
import { ViewModeControls } from './ViewModeControls';
import { CopyLinkButton } from './CopyLinkButton';
import { LiveButton } from './LiveButton';
import { MeasureReadout } from './MeasureReadout';
import { ArObjectList } from './ArControls';
import { MetricsOverlay } from './MetricsOverlay';
import { SidePanels } from './SidePanels';
import { ShortcutsButton, ShortcutsOverlay, useShortcutsOverlay } from './ShortcutsOverlay';

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
      // A folder opens as a recording (a dataset's layout, or its depth files in order);
      // several files play as a sequence; one opens as an image or a recording.
      const folder = droppedFolder(e.dataTransfer?.items);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (folder) void folder.then((tree) => openRecording(tree));
      else if (files.length > 0) void openFiles(files);
    };
    const onPaste = (e: ClipboardEvent) => {
      const item = [...(e.clipboardData?.items ?? [])].find((i) => i.kind === 'file');
      const file = item?.getAsFile();
      if (!file) return;
      e.preventDefault();
      void file.arrayBuffer().then((b) => openBytes(b, file.name || 'pasted image', file.type, null));
    };
    // One signal removes every listener on unmount.
    const unmount = new AbortController();
    const options = { signal: unmount.signal };
    window.addEventListener('dragover', onDragOver, options);
    window.addEventListener('dragleave', onDragLeave, options);
    window.addEventListener('drop', onDrop, options);
    window.addEventListener('paste', onPaste, options);
    return () => unmount.abort();
  }, []);
  return over;
}

export function App() {
  const over = useDropAndPaste();
  useTimelineKeys();
  const backend = useAppState((s) => s.backend);
  const mode = useAppState((s) => s.mode);
  const [shortcutsOpen, setShortcutsOpen] = useShortcutsOverlay();
  return (
    <div className="app" data-backend={backend} data-testid="app">
      <header className="toolbar">
        <h1>Depthscope</h1>
        <OpenControls />
        <LiveButton />
        <ColormapControls />
        <ViewModeControls />
        <CopyLinkButton />
        <ShortcutsButton onOpen={() => setShortcutsOpen(true)} />
      </header>
      <StatusBar />
      <main className="main">
        <div className="view-column">
          <Viewport>
            {mode === 'cloud' && <MeasureReadout />}
            {mode === 'ar' && <ArObjectList />}
            <MetricsOverlay />
          </Viewport>
          <Readout />
        </div>
        <SidePanels />
      </main>
      <TimelineStrip />
      {shortcutsOpen && <ShortcutsOverlay onClose={() => setShortcutsOpen(false)} />}
      {over && <div className="drop-overlay">Drop a depth file, a recording or a dataset folder to open it</div>}
    </div>
  );
}
