/**
 * "Keep last frames" in the 3-D view's settings: the clouds of the last N
 * frames of a posed recording stay drawn, each at its own pose
 * (render/kept-clouds.ts), coloured as the live cloud was when their frame
 * was shown. The hint states the rule and the GPU memory the ring takes at
 * this image size and stride, colour images included (the canvas's
 * data-kept-bytes is the exact figure, after decimation).
 */
import { cloudSize } from '../core/backproject';
import { keepCount, keptBytes, MAX_KEPT_FRAMES, ringSlots } from '../core/kept-ring';
import { imageSize, setState, store, useAppState } from '../state/store';
import { NumberField } from './NumberField';

const HELP =
  `Keep the clouds of the last N frames of a recording with poses (the current one included), each placed at its own pose. ` +
  `0 or 1: off. Frames without a pose are not kept; a jump of N frames or more starts over. ` +
  `Kept clouds are coloured as the live cloud was when their frame was shown (its colour image, or depth with the current colormap). ` +
  `Measuring picks points of the current frame only. ` +
  `At most ${MAX_KEPT_FRAMES}: each kept frame holds 16 bytes a point and 4 bytes a colour pixel on the GPU.`;

export function KeepFramesControl() {
  const keep = useAppState((s) => s.cloud.keep);
  // A number, so the selector's result compares equal while nothing changes.
  const points = useAppState((s) => {
    const size = imageSize(s);
    return size ? cloudSize(size.width, size.height, Math.max(1, s.cloud.stride)).count : 0;
  });
  const colourPixels = useAppState((s) => (s.colour ? s.colour.width * s.colour.height : 0));
  const bytes = keptBytes(points, ringSlots(keep), colourPixels);
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
