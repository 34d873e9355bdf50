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
import { store, type DepthscopeState } from '../state/store';
import { rendererFactory } from './three-gpu';
import { ViewScene } from './ViewScene';
import { ViewCaptureSource } from './ViewCaptureSource';
import { CloudView } from './cloud-view';

/** Which store changes the view follows, and with which of its methods. */
function follow(view: CloudView): () => void {
  const s0 = store.getState();
  view.placeFloor(s0);
  view.resetView(s0);
  view.recolor(s0);
  view.update(s0);
  view.showMarkers(s0);
  const offStore = store.subscribe((s: DepthscopeState, prev: DepthscopeState) => {
    if (s.analysis !== prev.analysis || s.source !== prev.source) {
      view.placeFloor(s);
      if (s.source?.raw.width !== prev.source?.raw.width || s.source?.raw.height !== prev.source?.raw.height) view.resetView(s);
    }
    // A new frame or chain reaches the view as the chain's new output (below).
    if (
      s.cloud.stride !== prev.cloud.stride ||
      s.intrinsics !== prev.intrinsics ||
      s.rayLength !== prev.rayLength ||
      s.cloud.surface !== prev.cloud.surface ||
      s.cloud.wireframe !== prev.cloud.wireframe ||
      s.cloud.colorBy !== prev.cloud.colorBy ||
      s.colour !== prev.colour ||
      s.edgeJump !== prev.edgeJump
    ) {
      view.update(s);
    }
    if (s.colormap !== prev.colormap || s.range !== prev.range || s.reverse !== prev.reverse || s.cloud.pointSize !== prev.cloud.pointSize) view.recolor(s);
    if (s.measurePoints !== prev.measurePoints) view.showMarkers(s);
    // A new pose (a drag ended, Back/Forward, a link) or new intrinsics: the camera goes exactly where the store says,
    // so the sender's view is the one a link reproduces, to the bit (the stored pose is rounded).
    if (s.intrinsics !== prev.intrinsics || s.cloud.resetToken !== prev.cloud.resetToken || s.cloud.pose !== prev.cloud.pose) view.resetView(s);
  });
  const offChain = subscribeChainOutput(() => view.update(store.getState()));
  const offCompare = compareStore.subscribe((c, prev) => {
    if (c.reference !== prev.reference || c.cloudOverlay !== prev.cloudOverlay) view.update(store.getState());
  });
  view.showFusedMesh(reconStore.getState().mesh);
  const offRecon = reconStore.subscribe((r, prev) => {
    if (r.mesh !== prev.mesh) view.showFusedMesh(r.mesh);
  });
  return () => {
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
