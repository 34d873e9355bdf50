/** Rings over the pinned probes and calibration points, placed with the view transform. */
import { useAppState } from '../state/store';
import { imageToScreen, type Size } from '../core/view-transform';

export function ProbeMarkers({ viewport }: { viewport: Size }) {
  const view = useAppState((s) => s.view);
  const probes = useAppState((s) => s.probes);
  const calibration = useAppState((s) => s.calibrationPoints);
  if (!view) return null;
  const at = (x: number, y: number) => imageToScreen(view, viewport, x + 0.5, y + 0.5);
  return (
    <>
      {probes.map((p, i) => {
        const s = at(p.x, p.y);
        return <div key={`p${p.x},${p.y}`} className="probe-marker" style={{ left: s.x, top: s.y }} title={`probe ${i + 1}`} />;
      })}
      {calibration.map((p) => {
        const s = at(p.x, p.y);
        return <div key={`c${p.x},${p.y}`} className="probe-marker calibration" style={{ left: s.x, top: s.y }} />;
      })}
    </>
  );
}
