/**
 * The 3-D view's React holder: the canvas, the CloudView (cloud-view.ts) made
 * when R3F's renderer exists, and the store changes that reach it. It tells
 * tests and benchmarks the first cloud is on the GPU with data-ready.
 */
import { useMemo, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import type { GpuContext } from '../gpu/gpu-context';
import { subscribeChainOutput } from '../engine/source-chain';
import { compareStore } from '../state/compare-store';
import { reconStore } from '../state/recon-store';
import { recordingStore } from '../state/recording-store';
import { imageSize, sizeKey, store, type DepthscopeState } from '../state/store';
import { rendererFactory } from './three-gpu';
import { ViewScene } from './ViewScene';
import { followStore, type FollowRule } from './follow-store';
import { ViewCaptureSource } from './ViewCaptureSource';
import { CloudView } from './cloud-view';

// The image's size: the depth's, or the colour camera's while depth is registered to it.
const sizeChanged = (s: DepthscopeState, p: DepthscopeState) => sizeKey(imageSize(s)) !== sizeKey(imageSize(p));

/** Which store changes the view follows, and with which of its methods. A new frame or chain reaches it as the chain's new output. */
const CLOUD_RULES: FollowRule<CloudView>[] = [
  [(v, s) => v.placeFloor(s), (s, p) => s.analysis !== p.analysis || s.source !== p.source || s.registration !== p.registration],
  // A new size, a new pose (a drag ended, Back/Forward, a link) or new intrinsics: the camera goes exactly where the
  // store says, so the sender's view is the one a link reproduces, to the bit (the stored pose is rounded).
  [(v, s) => v.resetView(s), (s, p) => sizeChanged(s, p) || s.intrinsics !== p.intrinsics || s.cloud.resetToken !== p.cloud.resetToken || s.cloud.pose !== p.cloud.pose],
  [(v, s) => v.recolor(s), (s, p) => s.colormap !== p.colormap || s.range !== p.range || s.reverse !== p.reverse || s.cloud.pointSize !== p.cloud.pointSize],
  [
    (v, s) => v.update(s),
    (s, p) =>
      s.cloud.stride !== p.cloud.stride ||
      s.intrinsics !== p.intrinsics ||
      s.rayLength !== p.rayLength ||
      s.cloud.surface !== p.cloud.surface ||
      s.cloud.wireframe !== p.cloud.wireframe ||
      s.cloud.colorBy !== p.cloud.colorBy ||
      s.colour !== p.colour ||
      s.edgeJump !== p.edgeJump ||
      s.cloud.keep !== p.cloud.keep,
  ],
  [(v, s) => v.showMarkers(s), (s, p) => s.measurePoints !== p.measurePoints],
];

function follow(view: CloudView): () => void {
  const offStore = followStore(view, CLOUD_RULES);
  const offChain = subscribeChainOutput(() => view.update(store.getState()));
  const offCompare = compareStore.subscribe((c, prev) => {
    if (c.reference !== prev.reference || c.cloudOverlay !== prev.cloudOverlay) view.update(store.getState());
  });
  view.showFusedMesh(reconStore.getState().mesh);
  const offRecon = reconStore.subscribe((r, prev) => {
    if (r.mesh !== prev.mesh) view.showFusedMesh(r.mesh);
  });
  // A recording closed (the frame on screen stays): the camera path and the kept clouds go with it.
  const offRecording = recordingStore.subscribe((r, prev) => {
    if (r.summary !== prev.summary) view.update(store.getState());
  });
  return () => {
    offRecording();
    offRecon();
    offStore();
    offChain();
    offCompare();
  };
}

export function CloudCanvas({ gpu }: { gpu: GpuContext }) {
  const makeRenderer = useMemo(() => rendererFactory(gpu), [gpu]);
  const [ready, setReady] = useState(false);
  return (
    <div data-testid="cloud-canvas" data-ready={ready} style={{ position: 'absolute', inset: 0 }}>
      <Canvas frameloop="demand" flat linear gl={makeRenderer as never} camera={{ fov: 50, near: 0.01, far: 1000, position: [0, 0, 0] }}>
        <color attach="background" args={['#1b1d22']} />
        <ViewScene gpu={gpu} View={CloudView} follow={follow} onReady={setReady} />
        <ViewCaptureSource />
      </Canvas>
    </div>
  );
}
