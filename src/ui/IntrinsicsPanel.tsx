/**
 * The depth camera's intrinsics: a preset (scaled to the image's resolution), a
 * field of view, typed values, or a sidecar file (Open3D JSON, ROS / OpenCV
 * YAML); and whether the file stores ray length instead of depth along z.
 */
import { checkIntrinsics, defaultIntrinsics, fieldOfView, INTRINSICS_PRESETS, intrinsicsFromFov, presetScaleProblem, scalePreset } from '../core/intrinsics';
import { imageSize, currentIntrinsics, setState, store, useAppState } from '../state/store';
import { openIntrinsicsFile } from '../state/intrinsics-actions';
import { NumberField } from './NumberField';
import { Panel } from './Panel';
import { FileButton } from './FileButton';
import { Options } from './Options';

export function IntrinsicsPanel() {
  // Selectors return stored objects or primitives: a fresh object per call would re-render forever.
  const intrinsics = useAppState((s) => s.intrinsics);
  const sourceText = useAppState((s) => s.intrinsicsSource);
  const rayLength = useAppState((s) => s.rayLength);
  const width = useAppState((s) => imageSize(s)?.width ?? 0);
  const height = useAppState((s) => imageSize(s)?.height ?? 0);
  if (width === 0 || height === 0) return null;
  const size = { width, height };
  const intr = intrinsics ?? defaultIntrinsics(width, height);
  const set = (patch: Partial<typeof intr>, source = 'typed') => {
    const next = { ...currentIntrinsics(store.getState()), ...patch };
    const problem = checkIntrinsics(next);
    if (problem) setState({ error: problem });
    else setState({ intrinsics: next, intrinsicsSource: source, lens: null });
  };
  const applyPreset = (id: string) => {
    const preset = INTRINSICS_PRESETS.find((p) => p.id === id);
    if (!preset) return setState({ intrinsics: null, intrinsicsSource: 'default', lens: null });
    const problem = presetScaleProblem(preset, size.width, size.height);
    if (problem) return setState({ error: problem });
    setState({ intrinsics: scalePreset(preset, size.width, size.height), intrinsicsSource: preset.label, lens: null });
  };
  const fov = fieldOfView(intr, size.width, size.height);
  return (
    <Panel label="Camera intrinsics" testId="intrinsics" data={{ fx: intr.fx, fy: intr.fy, cx: intr.cx, cy: intr.cy }}>
      <h2>Camera intrinsics</h2>
      <div className="group">
        <select aria-label="Intrinsics preset" data-testid="intrinsics-preset" value="" onChange={(e) => applyPreset(e.target.value)}>
          <option value="">Preset…</option>
          <option value="default">default (525 px at 640 wide, centred)</option>
          <Options items={INTRINSICS_PRESETS} value={(p) => p.id} label={(p) => p.label} />
        </select>
        <FileButton testId="intrinsics-file" accept=".json,.yaml,.yml,.txt" onFiles={([file]) => void openIntrinsicsFile(file)}>
          Load file…
        </FileButton>
      </div>
      <div className="group">
        {(['fx', 'fy', 'cx', 'cy'] as const).map((k) => (
          <NumberField key={k} label={`${k} (px)`} testId={`intr-${k}`} value={Number(intr[k].toPrecision(8))} onCommit={(v) => set({ [k]: v })} />
        ))}
        <NumberField
          label="horizontal FoV (°)"
          testId="intr-hfov"
          value={Number(fov.hfovDeg.toFixed(3))}
          min={1}
          max={179}
          onCommit={(v) => set(intrinsicsFromFov(size.width, size.height, v), `${v}° field of view`)}
        />
      </div>
      <label>
        <input type="checkbox" checked={rayLength} data-testid="ray-length" onChange={(e) => setState({ rayLength: e.target.checked })} />
        values are distance to the camera centre (ray length), not depth along z
      </label>
      <p className="hint" data-testid="intrinsics-source">from: {sourceText}</p>
    </Panel>
  );
}
