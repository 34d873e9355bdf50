import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { applyUrlAtStart, syncUrlWithStore } from './ui/address-bar';
import { watchUnits } from './state/load-actions';
import { applyModelLink } from './state/live-store';
import { watchColourFit } from './state/colour-actions';
import { watchRecordingSource } from './state/recording-actions';
import { provideModelLoader } from './state/ar-actions';
import { provideViewCapture } from './state/export-actions';
import { loadGltf } from './render/ar-objects';
import { captureView } from './render/view-capture';
import { startEngine } from './engine/start-engine';
import { loadGpuDepth } from './engine/live-gpu-depth';
import { provideGpuDepth } from './state/live-actions';
import './ui/styles.css';

// The composition root: the render layer's three.js services and the engine's GPU depth handed to the actions.
provideModelLoader(loadGltf);
provideViewCapture(captureView);
// The live model runs on the app's GPU device; scripts/bench-live.ts sets this switch to time the worker path beside it.
if (localStorage.getItem('depthscope:live-path') !== 'worker') provideGpuDepth(loadGpuDepth);
applyModelLink(location.search);
startEngine();
watchUnits();
watchColourFit();
watchRecordingSource();
void applyUrlAtStart(location.search).then(() => syncUrlWithStore());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
