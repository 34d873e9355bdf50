/**
 * The AR preview's React holder: the canvas in the image's shape, the ArView
 * (ar-view.ts) made when R3F's renderer exists, and the store changes that
 * reach it. It tells tests the depth and objects are on the GPU with data-ready.
 */
import { useMemo, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import type { GpuContext } from '../gpu/gpu-context';
import { subscribeChainOutput } from '../engine/source-chain';
import { imageSize, sizeKey, store, useAppState } from '../state/store';
import { followStore, type FollowRule } from './follow-store';
import { ViewCaptureSource } from './ViewCaptureSource';
import { IntrinsicCamera } from './intrinsic-camera';
import { rendererFactory } from './three-gpu';
import { ViewScene } from './ViewScene';
import { ArView } from './ar-view';

/** Which store changes the view follows, and with which of its methods. A new frame or chain reaches it as the chain's new output. */
const AR_RULES: FollowRule<ArView>[] = [
  [(v, s) => v.setCamera(s), (s, p) => s.source !== p.source || s.intrinsics !== p.intrinsics],
  [(v, s) => v.setColour(s), (s, p) => s.colour !== p.colour],
  [(v, s) => v.update(s), (s, p) => s.intrinsics !== p.intrinsics || s.rayLength !== p.rayLength || s.lens !== p.lens],
  [(v, s) => v.recolor(s), (s, p) => s.colormap !== p.colormap || s.range !== p.range || s.reverse !== p.reverse || s.ar.band !== p.ar.band || s.analysis !== p.analysis],
  [(v, s) => v.buildBackground(s), (s, p) => s.ar.mask !== p.ar.mask],
  [(v, s) => v.showObjects(s), (s, p) => s.ar.objects !== p.ar.objects || s.ar.mask !== p.ar.mask],
];

function follow(view: ArView): () => void {
  const offStore = followStore(view, AR_RULES);
  const offChain = subscribeChainOutput(() => view.update(store.getState()));
  return () => {
    offStore();
    offChain();
  };
}

/** The canvas has the image's shape, as large as fits the viewport, so image and screen pixels correspond. */
export function ArCanvas({ gpu, viewport }: { gpu: GpuContext; viewport: { width: number; height: number } }) {
  const makeRenderer = useMemo(() => rendererFactory(gpu), [gpu]);
  const camera = useMemo(() => new IntrinsicCamera(), []);
  const size = useImageSize();
  const [ready, setReady] = useState(false);
  const scale = size ? Math.min(viewport.width / size.width, viewport.height / size.height) : 0;
  const width = size ? Math.floor(size.width * scale) : 0;
  const height = size ? Math.floor(size.height * scale) : 0;
  return (
    <div
      className="ar-frame"
      data-testid="ar-frame"
      data-ready={ready}
      style={{ position: 'absolute', left: (viewport.width - width) / 2, top: (viewport.height - height) / 2, width, height }}
    >
      <Canvas frameloop="demand" flat linear gl={makeRenderer as never} camera={camera} data-testid="ar-canvas">
        <ViewScene gpu={gpu} View={ArView} follow={follow} onReady={setReady} />
        <ViewCaptureSource />
      </Canvas>
    </div>
  );
}

function useImageSize(): { width: number; height: number } | null {
  // A string, so the selector's result compares equal while the size stays (no fresh objects).
  const key = useAppState((s) => sizeKey(imageSize(s)));
  return useMemo(() => {
    if (!key) return null;
    const [width, height] = key.split('x').map(Number);
    return { width, height };
  }, [key]);
}
