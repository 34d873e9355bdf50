/**
 * The reconstruction's pose source 'track': the GPU frame-to-model ICP tracker
 * (src/gpu/icp-tracker.ts) behind the session's tracker seam (recon-tracker.ts).
 * The first frame (or the first after the frame size changed) cannot be tracked:
 * the model is empty. It is placed at the pose the session gives (the dataset's
 * first pose, else the identity) and integrated there; every later frame is
 * tracked against the model ray-cast from the volume, with the colour term where
 * the frame has colour. A lost frame is reported,
 * and the session stops instead of integrating it.
 */
import type { TrackerFactory } from './recon-tracker';
import { IcpTracker } from '../gpu/icp-tracker';
import type { RigidTransform } from '../core/recording';

export const icpTrackerFactory: TrackerFactory = (device, volume) => {
  let icp: IcpTracker | null = null;
  return {
    async track(depth, colour, width, height, intr, initial, lens) {
      if (!icp || icp.width !== width || icp.height !== height) {
        icp?.destroy();
        icp = new IcpTracker(device, volume, width, height);
        icp.reset(initial, depth, colour, intr, lens);
        return { state: 'ok', pose: initial, terms: null };
      }
      const r = await icp.track(depth, colour, intr, lens);
      if (r.state === 'lost') return { state: 'lost', reason: `tracking lost: ${r.reason ?? 'the frame does not match the model'}` };
      return { state: 'ok', pose: r.pose as RigidTransform, terms: icp.lastTerms };
    },
    destroy() {
      icp?.destroy();
      icp = null;
    },
  };
};
