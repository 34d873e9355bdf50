/**
 * The heatmap view: one textured plane under an orthographic camera, drawn by
 * three.js's WebGPURenderer on the app's shared device (or WebGLRenderer when
 * WebGPU is absent). React renders this once; store changes reach the scene
 * through subscriptions, so nothing re-renders React per pointer move or frame.
 */
import { useEffect, useMemo, useRef } from 'react';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { GpuContext } from '../gpu/gpu-context';
import { store, imageSize, currentIntrinsics, effectiveRange, differenceHalfRange, setState, splitColumn, type DepthscopeState } from '../state/store';
import { colormapTable, divergingTable } from '../core/colormap-tables';
import { CpuHeatmapSource, GpuHeatmapSource, type HeatmapSource } from './heatmap-source';
import { ViewCaptureSource } from './ViewCaptureSource';
import { attachCompareView } from './compare-view';
import { rendererFactory } from './three-gpu';

/** performance.mark name of the first frame that shows a newly opened image (read by `npm run bench`). */
export const FIRST_FRAME_MARK = 'depthscope:first-frame';

/** Squares of the "no depth" checkerboard, in image pixels. */
const CHECKER_PX = 4;

function makePlane(): THREE.PlaneGeometry {
  const geometry = new THREE.PlaneGeometry(1, 1);
  // Texture row 0 is the image's top row: flip v so it is drawn at the top.
  const uv = geometry.attributes.uv as THREE.BufferAttribute;
  for (let i = 0; i < uv.count; i++) uv.setY(i, 1 - uv.getY(i));
  return geometry;
}

function HeatmapScene({ gpu }: { gpu: GpuContext | null }) {
  const invalidate = useThree((s) => s.invalidate);
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const geometry = useMemo(() => makePlane(), []);
  const material = useMemo(() => new THREE.MeshBasicMaterial({ toneMapped: false, side: THREE.DoubleSide }), []);
  // Set when a new depth field was uploaded; the frame that first shows it is marked for benchmarks.
  const newImage = useRef(false);
  const mesh = useMemo(() => {
    const m = new THREE.Mesh(geometry, material);
    m.visible = false;
    return m;
  }, [geometry, material]);

  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );

  // What the comparison draws beside the map (src/render/compare-view.ts).
  const compareLayer = useMemo(() => new THREE.Group(), []);

  // This effect owns the GPU (or CPU) texture source: made here, destroyed in its cleanup,
  // so a remount never finds a destroyed one. On the GPU it draws the engine's chain output;
  // the CPU source runs the chain itself, in a worker.
  useEffect(() => {
    const source: HeatmapSource = gpu ? new GpuHeatmapSource(gpu.device) : new CpuHeatmapSource();
    source.onDrawn = (replaced) => {
      if (replaced) {
        material.map = source.texture;
        material.needsUpdate = true;
      }
      invalidate();
    };
    source.onError = (error) => setState({ error });
    const recolor = (s: DepthscopeState) => {
      if (s.display === 'difference') {
        const r = differenceHalfRange(s);
        source.setColors(divergingTable(), { lo: -r, hi: r, logScale: false, reverse: false, checkerPx: CHECKER_PX });
        return;
      }
      const range = effectiveRange(s);
      if (!s.analysis || !range) return;
      source.setColors(colormapTable(s.colormap), {
        lo: range[0],
        hi: range[1],
        logScale: s.logScale,
        reverse: s.reverse,
        checkerPx: CHECKER_PX,
      });
    };
    const showPlane = (s: DepthscopeState) => {
      const size = imageSize(s);
      if (!s.analysis || !size) {
        mesh.visible = false;
        return;
      }
      // The image in force: the colour camera's grid while depth is aligned to it (the chain's output is that size).
      const { width, height } = size;
      mesh.scale.set(width, height, 1);
      mesh.visible = true;
    };
    const place = (s: DepthscopeState) => {
      const size = imageSize(s);
      if (!s.view || !size) return;
      const { width, height } = size;
      camera.position.set(s.view.cx - width / 2, height / 2 - s.view.cy, 10);
      camera.zoom = s.view.zoom;
      camera.updateProjectionMatrix();
    };
    const all = (s: DepthscopeState) => {
      newImage.current = s.analysis !== null;
      showPlane(s);
      source.setView(s.display, splitColumn(s));
      if (s.source) source.setSurface(currentIntrinsics(s), s.edgeJump);
      recolor(s);
      place(s);
      source.render();
      invalidate();
    };
    all(store.getState());
    const detachCompare = source instanceof GpuHeatmapSource ? attachCompareView(source, compareLayer, invalidate) : () => {};
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.analysis !== prev.analysis || s.source !== prev.source || s.registration !== prev.registration) return all(s);
      let changed = false;
      if (s.display !== prev.display || s.splitX !== prev.splitX) source.setView(s.display, splitColumn(s));
      if ((s.edgeJump !== prev.edgeJump || s.intrinsics !== prev.intrinsics) && s.source) source.setSurface(currentIntrinsics(s), s.edgeJump);
      if (
        s.colormap !== prev.colormap ||
        s.reverse !== prev.reverse ||
        s.logScale !== prev.logScale ||
        s.range !== prev.range ||
        s.display !== prev.display ||
        s.diffRangeM !== prev.diffRangeM
      ) {
        recolor(s);
      }
      source.render();
      if (s.view !== prev.view) {
        place(s);
        changed = true;
      }
      if (changed) invalidate();
    });
    return () => {
      unsubscribe();
      detachCompare();
      material.map = null;
      mesh.visible = false;
      source.dispose();
    };
  }, [gpu, mesh, material, camera, invalidate, compareLayer]);

  // Priority 1 takes over rendering from R3F, so the mark follows the draw call itself.
  useFrame(({ gl, scene, camera: cam }) => {
    gl.render(scene, cam);
    if (newImage.current) {
      newImage.current = false;
      performance.mark(FIRST_FRAME_MARK);
    }
  }, 1);

  // R3F resizes the orthographic frustum with the canvas; draw again at the new size.
  useEffect(() => {
    invalidate();
  }, [size, invalidate]);

  return (
    <>
      <primitive object={mesh} />
      <primitive object={compareLayer} />
    </>
  );
}

export function HeatmapCanvas({ gpu }: { gpu: GpuContext | null }) {
  const gl = useMemo(
    () =>
      gpu
        ? rendererFactory(gpu)
        : { antialias: false, alpha: false, preserveDrawingBuffer: true },
    [gpu],
  );
  return (
    <Canvas
      orthographic
      flat
      linear
      frameloop="demand"
      gl={gl as never}
      camera={{ position: [0, 0, 10], near: 0.1, far: 100, zoom: 1 }}
      onCreated={({ gl: renderer }) => {
        const isWebGpu = (renderer as unknown as { backend?: { isWebGPUBackend?: boolean } }).backend?.isWebGPUBackend === true;
        store.setState({ backend: isWebGpu ? 'webgpu' : 'webgl' });
      }}
      style={{ position: 'absolute', inset: 0 }}
    >
      <color attach="background" args={['#1b1d22']} />
      <HeatmapScene gpu={gpu} />
      <ViewCaptureSource />
    </Canvas>
  );
}
