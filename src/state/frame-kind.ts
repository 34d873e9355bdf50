import type { FrameKind } from '../core/filter-chain';
import type { LoadedSource } from './store';

/**
 * The next frame of the same sequence or camera keeps the temporal filter's
 * history; so does a later frame that playback showed after skipping some to
 * keep the recorded rate (as a sensor that drops frames). Anything else (a
 * jump, a step back, another image) starts over.
 */
export function frameKind(next: LoadedSource, prev: LoadedSource | null): FrameKind {
  const a = prev?.frame;
  const b = next.frame;
  const follows = a && b && a.sequence === b.sequence && (b.index === a.index + 1 || (b.played === true && b.index > a.index));
  return follows && prev.raw.width === next.raw.width && prev.raw.height === next.raw.height ? 'next-frame' : 'new-image';
}
