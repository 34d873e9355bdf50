/**
 * For relative depth: pick one pixel (scale) or two (scale and shift), type
 * their known distances, and the map becomes metric. The fit is shown and
 * kept in the units, so every readout and statistic uses it.
 */
import { useState } from 'react';
import { applyCalibration, clearCalibration, setCalibrationDistance } from '../state/calibration-actions';
import { setState, useAppState } from '../state/store';
import { NumberField } from './NumberField';
import { Panel } from './Panel';

export function CalibrationPanel() {
  const scale = useAppState((s) => s.units.scale);
  const calibration = useAppState((s) => s.units.calibration);
  const calibrating = useAppState((s) => s.calibrating);
  const points = useAppState((s) => s.calibrationPoints);
  const [problem, setProblem] = useState<string | null>(null);
  if (scale !== 'relative') return null;
  return (
    <Panel label="Calibration" testId="calibration">
      <h2>Make metric</h2>
      <p className="hint">
        Pick one pixel of known distance (scale only) or two (scale and shift), type the distances, and apply.
      </p>
      <button
        type="button"
        data-testid="calibrate-pick"
        aria-pressed={calibrating}
        onClick={() => setState({ calibrating: !calibrating, calibrationPoints: calibrating ? points : [] })}
      >
        {calibrating ? 'Click the image to pick points…' : 'Pick points'}
      </button>
      <ol>
        {points.map((p, i) => (
          <li key={`${p.x},${p.y}`}>
            ({p.x}, {p.y}) value {p.value.toPrecision(5)}
            <NumberField
              label=" distance (m)"
              testId={`calibration-distance-${i}`}
              value={p.depthM}
              min={Number.MIN_VALUE}
              onCommit={(v) => setCalibrationDistance(i, v)}
            />
          </li>
        ))}
      </ol>
      <button type="button" data-testid="calibrate-apply" disabled={points.length === 0} onClick={() => setProblem(applyCalibration())}>
        Apply
      </button>
      {calibration && (
        <div data-testid="calibration-result" data-scale={calibration.scale} data-shift={calibration.shift} data-space={calibration.space}>
          {calibration.space === 'inverse' ? '1/z' : 'z'} = {calibration.scale.toPrecision(6)} · value
          {calibration.shift !== 0 ? ` + ${calibration.shift.toPrecision(6)}` : ''}
          <button type="button" onClick={clearCalibration}>
            Clear
          </button>
        </div>
      )}
      {problem && <p role="alert">{problem}</p>}
    </Panel>
  );
}
