/**
 * The open recording's camera path in the 3-D view (trajectory-view.ts), fed
 * from the store: the poses of the recording's frames and the depth camera
 * (intrinsics at the image's size, with its lens). The inputs are kept
 * between frames so that stepping along the timeline moves the current
 * frustum and rebuilds nothing else. The canvas tells tests what is drawn:
 * data-path-segments and data-path-frame.
 */
import type { FrustumCamera } from '../core/camera-path';
import type { RecordingSummary, RigidTransform } from '../core/recording';
import { recordingOnScreen } from '../state/recording-store';
import { imageSize, currentIntrinsics, type DepthscopeState } from '../state/store';
import { TrajectoryView } from './trajectory-view';

const NO_POSES: readonly (RigidTransform | null)[] = [];

export class RecordingPath {
  private readonly view = new TrajectoryView({ frustumEvery: 10, frustumDepthM: 0.1 });
  private poses: { summary: RecordingSummary; poses: readonly (RigidTransform | null)[] } | null = null;
  private camera: { key: string; camera: FrustumCamera } | null = null;

  constructor(
    parent: { add(o: TrajectoryView['object']): unknown },
    private readonly canvas: HTMLElement,
  ) {
    parent.add(this.view.object);
  }

  /** The group in the poses' world (placed relative to the current camera): the fused mesh goes here. */
  get world(): TrajectoryView['object'] {
    return this.view.object;
  }

  update(s: DepthscopeState): void {
    const r = recordingOnScreen(s);
    const frame = r && s.source?.frame ? s.source.frame.index : -1;
    this.view.update(r?.summary ? this.posesOf(r.summary) : NO_POSES, frame, this.cameraOf(s));
    this.canvas.dataset.pathSegments = String(this.view.object.visible ? this.view.pathSegmentCount : 0);
    this.canvas.dataset.pathFrame = String(this.view.object.visible ? frame : -1);
  }

  private posesOf(summary: RecordingSummary): readonly (RigidTransform | null)[] {
    if (this.poses?.summary !== summary) this.poses = { summary, poses: summary.frames.map((f) => f.pose) };
    return this.poses.poses;
  }

  private cameraOf(s: DepthscopeState): FrustumCamera {
    const intr = currentIntrinsics(s);
    const { width, height } = imageSize(s) ?? { width: 1, height: 1 };
    const key = JSON.stringify([intr, width, height, s.lens]);
    if (this.camera?.key !== key) this.camera = { key, camera: { ...intr, width, height, ...(s.lens ?? {}) } };
    return this.camera.camera;
  }

  dispose(): void {
    this.view.object.parent?.remove(this.view.object);
    this.view.dispose();
  }
}
