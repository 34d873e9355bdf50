/**
 * What the 3-D and AR holders share: inside R3F's canvas, the view class is made
 * once the renderer exists, connected to the store (`follow`), and disposed of
 * when the canvas goes; `onReady` tells the holder, which shows it as data-ready.
 */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import type { GpuContext } from '../gpu/gpu-context';
import type { ThreeContext } from './three-gpu';

interface Props<V extends { dispose(): void }> {
  gpu: GpuContext;
  /** The view's class (stable: a change would make a new view). */
  View: new (three: ThreeContext, device: GPUDevice) => V;
  /** Connects the view to the store; returns the function that disconnects it (module-level, so stable). */
  follow: (view: V) => () => void;
  onReady: (ready: boolean) => void;
}

export function ViewScene<V extends { dispose(): void }>({ gpu, View, follow, onReady }: Props<V>) {
  const get = useThree((s) => s.get);
  useEffect(() => {
    const { gl, camera, scene, invalidate } = get();
    const view = new View({ renderer: gl as unknown as ThreeContext['renderer'], camera, scene, invalidate }, gpu.device);
    const stop = follow(view);
    onReady(true);
    return () => {
      stop();
      view.dispose();
      onReady(false);
    };
  }, [gpu, get, View, follow, onReady]);
  return null;
}
