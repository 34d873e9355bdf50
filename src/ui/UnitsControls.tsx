/** How raw samples become metres: a dataset preset or a number of metres per unit. */
import { setUnits, useAppState } from '../state/store';
import { isMetric, type UnitPreset } from '../core/units';
import { NumberField } from './NumberField';
import { Options } from './Options';

/** Every preset, named as the menus show it (a Record, so a new preset cannot go unnamed). */
const PRESET_LABELS: Record<UnitPreset, string> = {
  mm: 'millimetres (×0.001)',
  tum: 'TUM (÷5000)',
  kitti: 'KITTI (÷256)',
  sun: 'SUN RGB-D (bit-rotated mm)',
  nyu: 'NYU raw Kinect disparity',
  m: 'metres (float)',
  disparity: 'disparity (f·B/d)',
  relative: 'relative (unitless)',
};

export const PRESETS = (Object.keys(PRESET_LABELS) as UnitPreset[]).map((value) => ({ value, label: PRESET_LABELS[value] }));

/** The user's band of trusted depths: outside it a pixel counts as no depth. */
function ValidBand() {
  const band = useAppState((s) => s.units.validRange);
  const unit = useAppState((s) => (isMetric(s.units) ? 'm' : 'rel.'));
  const set = (patch: Partial<typeof band>) => setUnits({ validRange: { ...band, ...patch } }, false);
  return (
    <span className="group" title="Depths outside this band are treated as no depth">
      <NumberField label={`valid from (${unit})`} testId="valid-min" value={band.min} placeholder="any" onCommit={(v) => set({ min: v })} />
      <NumberField label="to" testId="valid-max" value={band.max} placeholder="any" onCommit={(v) => set({ max: v })} />
      {(band.min !== null || band.max !== null) && (
        <button type="button" onClick={() => set({ min: null, max: null })}>
          all
        </button>
      )}
    </span>
  );
}

export function UnitsControls() {
  const units = useAppState((s) => s.units);
  const isNumber = typeof units.scale === 'number';
  return (
    <div className="group">
      <label>
        Units
        <select
          data-testid="units"
          value={isNumber ? 'number' : (units.scale as string)}
          onChange={(e) =>
            setUnits({ scale: e.target.value === 'number' ? 0.001 : (e.target.value as UnitPreset), calibration: null })
          }
        >
          <Options items={PRESETS} value={(p) => p.value} label={(p) => p.label} />
          <option value="number">metres per unit…</option>
        </select>
      </label>
      {isNumber && (
        <NumberField label="m/unit" value={units.scale as number} min={Number.MIN_VALUE} onCommit={(v) => setUnits({ scale: v })} />
      )}
      {units.scale === 'disparity' && (
        <>
          <NumberField
            label="f (px)"
            value={units.disparity.focalPx}
            min={Number.MIN_VALUE}
            onCommit={(v) => setUnits({ disparity: { ...units.disparity, focalPx: v } })}
          />
          <NumberField
            label="B (m)"
            value={units.disparity.baselineM}
            min={Number.MIN_VALUE}
            onCommit={(v) => setUnits({ disparity: { ...units.disparity, baselineM: v } })}
          />
        </>
      )}
      <ValidBand />
      {units.scale === 'relative' && (
        <label>
          <input
            type="checkbox"
            checked={units.relativeLargerIsNearer}
            onChange={(e) => setUnits({ relativeLargerIsNearer: e.target.checked, calibration: null })}
          />
          larger = nearer
        </label>
      )}
    </div>
  );
}
