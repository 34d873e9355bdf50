/**
 * How the map is scored: the alignment (as the depth-estimation literature
 * does it), what the map's values mean, the crop of the field's benchmarks and
 * the depth cap, and a region drawn on the image. A crop not defined for the
 * map's size is offered but disabled.
 */
import { useShallow } from 'zustand/react/shallow';
import { ALIGNMENT_METHODS, type AlignmentMethod, type PredictionKind } from '../core/depth-alignment';
import { EVAL_CROPS, type EvalCropName } from '../core/eval-crops';
import { setCompare, setCompareSettings, useCompareState } from '../state/compare-store';
import { useAppState } from '../state/store';
import { NumberField } from './NumberField';
import { Options } from './Options';

/** The cap switched on without numbers: NYU's protocol (BTS, AdaBins, ZoeDepth: 1e-3 to 10 m). */
const DEFAULT_CAP = { min: 1e-3, max: 10 };

function CapControls() {
  const cap = useCompareState((s) => s.settings.cap);
  return (
    <div className="group">
      <label title="References outside (min, max) are not evaluated; the map is clamped to [min, max]">
        <input type="checkbox" data-testid="cap" checked={cap !== null} onChange={(e) => setCompareSettings({ cap: e.target.checked ? DEFAULT_CAP : null })} />
        depth cap
      </label>
      {cap && (
        <>
          <NumberField label="min (m)" testId="cap-min" value={cap.min} min={0} max={cap.max} onCommit={(v) => setCompareSettings({ cap: { ...cap, min: v } })} />
          <NumberField label="max (m)" testId="cap-max" value={cap.max} min={cap.min} onCommit={(v) => setCompareSettings({ cap: { ...cap, max: v } })} />
        </>
      )}
    </div>
  );
}

function RegionControls() {
  const region = useCompareState((s) => s.settings.region);
  const drawing = useCompareState((s) => s.drawingRegion);
  return (
    <div className="group" data-testid="region" data-region={region ? `${region.x0},${region.y0},${region.x1},${region.y1}` : ''}>
      <button type="button" data-testid="draw-region" aria-pressed={drawing} onClick={() => setCompare({ drawingRegion: !drawing })}>
        {drawing ? 'Drag on the image…' : 'Draw region'}
      </button>
      {region ? (
        <>
          <span>
            x {region.x0}–{region.x1 - 1}, y {region.y0}–{region.y1 - 1}
          </span>
          <button type="button" data-testid="clear-region" onClick={() => setCompareSettings({ region: null })}>
            whole map
          </button>
        </>
      ) : (
        <span className="hint">whole map</span>
      )}
    </div>
  );
}

export function CompareEvalControls() {
  const settings = useCompareState((s) => s.settings);
  const size = useAppState(useShallow((s) => (s.filtered ? { width: s.filtered.width, height: s.filtered.height } : null)));
  return (
    <div className="compare-eval">
      <label>
        Alignment{' '}
        <select data-testid="alignment" value={settings.method} onChange={(e) => setCompareSettings({ method: e.target.value as AlignmentMethod })}>
          <Options items={ALIGNMENT_METHODS} value={(m) => m.method} label={(m) => m.label} />
        </select>
      </label>
      <label title="Relative models (MiDaS, Depth Anything) output inverse depth: larger is nearer">
        Map values are{' '}
        <select data-testid="prediction-kind" value={settings.prediction} onChange={(e) => setCompareSettings({ prediction: e.target.value as PredictionKind })}>
          <option value="depth">depth (larger is farther)</option>
          <option value="inverse">inverse depth (larger is nearer)</option>
        </select>
      </label>
      <label>
        Crop{' '}
        <select data-testid="crop" value={settings.crop ?? ''} onChange={(e) => setCompareSettings({ crop: (e.target.value || null) as EvalCropName | null })}>
          <option value="">none (whole map)</option>
          {(Object.keys(EVAL_CROPS) as EvalCropName[]).map((name) => (
            <option key={name} value={name} disabled={size !== null && !EVAL_CROPS[name].appliesTo(size.width, size.height)}>
              {EVAL_CROPS[name].label}
            </option>
          ))}
        </select>
      </label>
      <CapControls />
      <RegionControls />
    </div>
  );
}
