/**
 * "Keep last frames" in the 3-D view's settings: the clouds of the last N
 * frames of a posed recording stay drawn, each at its own pose
 * (render/kept-clouds.ts). The hint states the rule and the GPU memory the
 * ring takes at this image size and stride (the canvas's data-kept-bytes is
 * the exact figure, after decimation).
 */
import { cloudSize } from '../core/backproject';
import { keepCount, keptBytes, MAX_KEPT_FRAMES, ringSlots } from '../core/kept-ring';
import { imageSize, setState, store, useAppState } from '../state/store';
import { NumberField } from './NumberField';

const HELP =
  `Keep the clouds of the last N frames of a recording with poses (the current one included), each placed at its own pose. ` +
  `0 or 1: off. Frames without a pose are not kept; a jump of N frames or more starts over. ` +
  `At most ${MAX_KEPT_FRAMES}: each kept frame holds 16 bytes a point on the GPU.`;

export function KeepFramesControl() {
  const keep = useAppState((s) => s.cloud.keep);
  // A number, so the selector's result compares equal while nothing changes.
  const points = useAppState((s) => {
    const size = imageSize(s);
    return size ? cloudSize(size.width, size.height, Math.max(1, s.cloud.stride)).count : 0;
  });
  const bytes = keptBytes(points, ringSlots(keep));
  return (
    <>
      <NumberField
        label="Keep last frames"
        testId="cloud-keep"
        value={keep}
        min={0}
        max={MAX_KEPT_FRAMES}
        title={HELP}
        onCommit={(v) => setState({ cloud: { ...store.getState().cloud, keep: keepCount(v) } })}
      />
      {keepCount(keep) > 1 && (
        <span className="hint" data-testid="cloud-keep-memory">
          up to {(bytes / 2 ** 20).toFixed(1)} MiB on the GPU
        </span>
      )}
    </>
  );
}
