/**
 * Connects the comparison state to the GPU heatmap: while a comparison view is
 * chosen and a reference is loaded, the heatmap draws it (CompareViewPass)
 * instead of its display mode (or, side by side, beside it), redrawn when the
 * reference, the view, the alignment, the colours or the divider change. The CPU heatmap has no
 * comparison views (the panel says so).
 */
import { NO_ALIGNMENT } from '../core/depth-metrics';
import { CompareViewPass, type CompareDrawMode } from '../gpu/compare-view-pass';
import { compareStore, type CompareState, type CompareView } from '../state/compare-store';
import { evalSettingsOn, referenceOnGrid } from '../state/compare-grid';
import { imageSize, splitColumn, store, type DepthscopeState } from '../state/store';
import type * as THREE from 'three';
import { compareColours } from './compare-colours';
import { SideBySide } from './compare-side-by-side';
import type { GpuHeatmapSource } from './heatmap-source';

/** The views CompareViewPass draws in place of the map (side-by-side draws the map as usual, see SideBySide). */
const DRAW_MODES: Record<Exclude<CompareView, 'off' | 'side-by-side'>, CompareDrawMode> = {
  reference: 'reference',
  swipe: 'swipe',
  'error-signed': 'signed',
  'error-abs-rel': 'abs-rel',
  'error-delta': 'delta',
};

/**
 * Starts drawing comparison views into `source`, and the side-by-side reference into
 * `scene` (redrawn through `invalidate`); returns the function that stops it.
 */
export function attachCompareView(source: GpuHeatmapSource, scene: THREE.Object3D, invalidate: () => void): () => void {
  const pass = new CompareViewPass(source.device);
  const beside = new SideBySide(source.device);
  scene.add(beside.object);
  let shown = false;
  const update = (main: DepthscopeState, compare: CompareState) => {
    const ref = compare.reference;
    const colours = compare.view !== 'off' && ref ? compareColours(compare.view, main, compare) : null;
    const size = imageSize(main);
    if (compare.view === 'side-by-side' && ref && colours && size) {
      // The image in force: the colour camera's grid while depth is aligned to it.
      const { width, height } = size;
      beside.show(referenceOnGrid(ref, width, height), width, height, colours.table, colours.params);
      invalidate();
    } else if (beside.object.visible) {
      beside.hide();
      invalidate();
    }
    if (compare.view === 'off' || compare.view === 'side-by-side' || !ref || !colours) {
      if (!shown) return;
      shown = false;
      source.setComparison(null);
      source.render();
      return;
    }
    pass.set({
      mode: DRAW_MODES[compare.view],
      referenceAt: (width, height) => referenceOnGrid(ref, width, height),
      splitX: splitColumn(main),
      evalAt: (width, height, factor) => {
        const on = evalSettingsOn(compare.settings, width, height, factor);
        // A crop not defined on this grid: the metrics say so; the map shows the rest of the rules.
        if (on.ok) return on.settings;
        const uncropped = evalSettingsOn({ ...compare.settings, crop: null }, width, height, factor);
        return uncropped.ok ? uncropped.settings : {};
      },
      alignment: compare.result?.alignment ?? NO_ALIGNMENT,
      ...colours,
    });
    shown = true;
    source.setComparison(pass);
    source.render();
  };
  const offMain = store.subscribe((s, prev) => {
    const relevant =
      s.colormap !== prev.colormap ||
      s.range !== prev.range ||
      s.analysis !== prev.analysis ||
      s.logScale !== prev.logScale ||
      s.reverse !== prev.reverse ||
      s.splitX !== prev.splitX ||
      s.source !== prev.source ||
      s.registration !== prev.registration ||
      s.backend !== prev.backend;
    if (relevant) update(s, compareStore.getState());
  });
  const offCompare = compareStore.subscribe((s) => update(store.getState(), s));
  update(store.getState(), compareStore.getState());
  return () => {
    offMain();
    offCompare();
    source.setComparison(null);
    pass.destroy();
    scene.remove(beside.object);
    beside.dispose();
  };
}
