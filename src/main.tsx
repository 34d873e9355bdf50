import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { applyUrlAtStart, syncUrlWithStore } from './state/url-sync';
import { watchUnits } from './state/load-actions';
import { watchColourFit } from './state/colour-actions';
import './ui/styles.css';

watchUnits();
watchColourFit();
void applyUrlAtStart(location.search).then(() => syncUrlWithStore());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
