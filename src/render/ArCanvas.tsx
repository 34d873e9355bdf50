/**
 * The AR occlusion preview: the colour frame (or the depth heatmap when there
 * is none) seen through the depth camera's own intrinsics, with virtual objects
 * standing on the real surface and hidden, pixel by pixel, where the real
 * surface is nearer (ar-occlusion.ts). It works on the filtered depth, so the
 * filter chain's hole filling and smoothing show in the occlusion at once.
 * A click places the chosen object on the surface under the pointer.
 */
import { useEffect, useMemo } from 'react';
import { ViewCaptureSource } from './ViewCaptureSource';
import { Canvas, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { MeshBasicNodeMaterial } from 'three/webgpu';
import { dot, float, floor, min, positionLocal, uv, vec3, vec4 } from 'three/tsl';
import { colormapTable } from '../core/colormap-tables';
import { scaledIntrinsics } from '../core/intrinsics';
import { surfaceAt } from '../core/surface-placement';
import type { GpuContext } from '../gpu/gpu-context';
import { chainOutput, subscribeChainOutput } from '../engine/source-chain';
import { filteredReaders } from '../state/filtered-readers';
import { IntrinsicCamera } from './intrinsic-camera';
import { halfBand, realDepth, type RealDepth } from './ar-occlusion';
import { buildArObject, disposeArObject } from './ar-objects';
import { colourFrame, depthColouring, sharedStorage, rendererFactory, type BackendAccess } from './three-gpu';
import { currentIntrinsics, effectiveRange, setState, store, useAppState, type DepthscopeState } from '../state/store';
import { placeArObject } from '../state/ar-actions';

/** The depth grid the occlusion reads: a three.js-owned copy of the chain's output, and the lookups on it. */
interface DepthGrid {
  width: number;
  height: number;
  buffer: GPUBuffer;
  attribute: THREE.BufferAttribute;
  real: RealDepth;
}

function ArScene({ gpu }: { gpu: GpuContext }) {
  const get = useThree((s) => s.get);

  useEffect(() => {
    const { gl: renderer, camera: cam, scene, invalidate } = get();
    const gl = renderer as unknown as BackendAccess & { domElement: HTMLCanvasElement };
    const camera = cam as IntrinsicCamera;
    const byDepth = depthColouring(colormapTable(store.getState().colormap));
    const root = new THREE.Group();
    root.scale.set(1, -1, -1); // depth camera frame (y down, z forward) -> three.js (y up, z towards the viewer)
    scene.add(root);
    const headlight = new THREE.DirectionalLight('#ffffff', 2.2);
    headlight.position.set(0.3, 0.6, 0); // from above the camera, so tops are lit brighter than sides
    camera.add(headlight);
    scene.add(camera, new THREE.HemisphereLight('#ffffff', '#404040', 0.9));

    let grid: DepthGrid | null = null;
    let colour: { image: DepthscopeState['colour']; lookup: ReturnType<typeof colourFrame> | null } = { image: null, lookup: null };
    const background = new THREE.Mesh(new THREE.PlaneGeometry(2, 2));
    background.frustumCulled = false;
    background.renderOrder = -1;
    scene.add(background);
    const objects = new THREE.Group();
    root.add(objects);

    /** The background: colour frame or heatmap under the image pixel of each screen pixel; dimmed gray in the mask view. */
    const buildBackground = (s: DepthscopeState) => {
      if (!grid) return;
      const nx = uv().x;
      const ny = float(1).sub(uv().y);
      const g = grid;
      const iu = min(floor(nx.mul(g.width)), g.width - 1);
      const iv = min(floor(ny.mul(g.height)), g.height - 1);
      const z = g.real.zAtPixel(iu, iv);
      const heat = z.greaterThan(0).select(byDepth.colour(z), vec3(0.12, 0.12, 0.14));
      const rgb = colour.lookup ? colour.lookup.colourAt(nx, ny) : heat;
      const material = new MeshBasicNodeMaterial({ depthTest: false, depthWrite: false });
      material.vertexNode = vec4(positionLocal.xy, 0, 1);
      material.colorNode = s.ar.mask ? vec3(dot(rgb, vec3(0.299, 0.587, 0.114)).mul(0.35)) : rgb;
      (background.material as THREE.Material).dispose();
      background.material = material;
    };

    const showObjects = (s: DepthscopeState) => {
      for (const o of [...objects.children]) {
        objects.remove(o);
        disposeArObject(o);
      }
      if (grid) for (const o of s.ar.objects) objects.add(buildArObject(o, grid.real, s.ar.mask));
      invalidate();
    };

    /** Copies the engine's chain output (engine/source-chain.ts) where the materials read it. */
    const update = (s: DepthscopeState) => {
      const output = chainOutput();
      if (!s.analysis || !s.source || !output) return;
      const { result } = output;
      const { width, height } = result.size;
      let rebuilt = false;
      if (!grid || grid.width !== width || grid.height !== height) {
        if (grid) gl.backend.destroyAttribute(grid.attribute);
        const { attribute, buffer } = sharedStorage(gl, new Float32Array(width * height), 1);
        grid = { width, height, attribute, buffer, real: realDepth(attribute, width, height) };
        rebuilt = true;
      }
      const intr = scaledIntrinsics(currentIntrinsics(s), result.factor);
      grid.real.uniforms.fx.value = intr.fx;
      grid.real.uniforms.fy.value = intr.fy;
      grid.real.uniforms.cx.value = intr.cx;
      grid.real.uniforms.cy.value = intr.cy;
      grid.real.uniforms.rayLength.value = s.rayLength ? 1 : 0;
      grid.real.uniforms.halfBand.value = halfBand(s.ar.band);
      const encoder = gpu.device.createCommandEncoder({ label: 'ar-depth' });
      encoder.copyBufferToBuffer(result.buffer, 0, grid.buffer, 0, width * height * 4);
      gpu.device.queue.submit([encoder.finish()]);
      if (rebuilt) {
        buildBackground(s);
        showObjects(s);
      }
      invalidate();
    };

    const setCamera = (s: DepthscopeState) => {
      if (!s.source) return;
      camera.position.set(0, 0, 0);
      camera.quaternion.identity();
      camera.near = 0.02;
      camera.far = 1000;
      camera.setIntrinsics(currentIntrinsics(s), s.source.raw.width, s.source.raw.height);
      camera.updateMatrixWorld();
      invalidate();
    };

    const recolor = (s: DepthscopeState) => {
      byDepth.follow(effectiveRange(s), s.reverse, colormapTable(s.colormap));
      if (grid) grid.real.uniforms.halfBand.value = halfBand(s.ar.band);
      invalidate();
    };

    const setColour = (s: DepthscopeState) => {
      if (colour.image === s.colour) return;
      if (colour.lookup && s.colour && colour.lookup.replace(s.colour)) {
        colour = { image: s.colour, lookup: colour.lookup };
        invalidate();
        return;
      }
      colour.lookup?.dispose();
      colour = { image: s.colour, lookup: s.colour ? colourFrame(gl, s.colour) : null };
      buildBackground(s);
      invalidate();
    };

    // A click (not a drag) places the chosen object on the surface under the pointer.
    let down: { x: number; y: number } | null = null;
    let cpuCopy: { version: number; depth: Float32Array } | null = null;
    const onDown = (e: PointerEvent) => {
      down = { x: e.clientX, y: e.clientY };
    };
    const onUp = async (e: PointerEvent) => {
      const start = down;
      down = null;
      const s = store.getState();
      if (!start || !s.ar.placing || !s.filtered || Math.hypot(e.clientX - start.x, e.clientY - start.y) > 4) return;
      const f = s.filtered;
      if (!cpuCopy || cpuCopy.version !== f.version) {
        const readers = filteredReaders(f.version);
        if (!readers) return; // replaced since: the next click reads the new one
        cpuCopy = { version: f.version, depth: await readers.readAll() };
      }
      const box = gl.domElement.getBoundingClientRect();
      const u = Math.floor(((e.clientX - box.left) / box.width) * f.width);
      const v = Math.floor(((e.clientY - box.top) / box.height) * f.height);
      const intr = scaledIntrinsics(currentIntrinsics(s), f.factor);
      const surface = surfaceAt({ depth: cpuCopy.depth, width: f.width, height: f.height, intr, rayLength: s.rayLength }, u, v);
      if (!surface) {
        setState({ error: 'No surface under the pointer to stand an object on (a hole in the depth): click elsewhere, or fill holes with the filter chain.' });
        return;
      }
      placeArObject(surface.position, surface.normal);
    };
    gl.domElement.addEventListener('pointerdown', onDown);
    gl.domElement.addEventListener('pointerup', onUp as unknown as EventListener);

    const s0 = store.getState();
    setCamera(s0);
    setColour(s0);
    update(s0);
    recolor(s0);
    buildBackground(s0);
    showObjects(s0);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.source !== prev.source || s.intrinsics !== prev.intrinsics) setCamera(s);
      if (s.colour !== prev.colour) setColour(s);
      // A new frame or chain reaches the view as the chain's new output (below).
      if (s.intrinsics !== prev.intrinsics || s.rayLength !== prev.rayLength) update(s);
      if (s.colormap !== prev.colormap || s.range !== prev.range || s.reverse !== prev.reverse || s.ar.band !== prev.ar.band || s.analysis !== prev.analysis) recolor(s);
      if (s.ar.mask !== prev.ar.mask) buildBackground(s);
      if (s.ar.objects !== prev.ar.objects || s.ar.mask !== prev.ar.mask) showObjects(s);
    });
    const detachChain = subscribeChainOutput(() => update(store.getState()));
    setState({ arReady: true });
    return () => {
      unsubscribe();
      detachChain();
      gl.domElement.removeEventListener('pointerdown', onDown);
      gl.domElement.removeEventListener('pointerup', onUp as unknown as EventListener);
      for (const o of [...objects.children]) disposeArObject(o);
      scene.remove(root, background);
      (background.material as THREE.Material).dispose();
      background.geometry.dispose();
      camera.remove(headlight);
      if (grid) gl.backend.destroyAttribute(grid.attribute);
      colour.lookup?.dispose();
      byDepth.dispose();
      setState({ arReady: false });
    };
  }, [gpu, get]);
  return null;
}

/** The canvas has the image's shape, as large as fits the viewport, so image and screen pixels correspond. */
export function ArCanvas({ gpu, viewport }: { gpu: GpuContext; viewport: { width: number; height: number } }) {
  const makeRenderer = useMemo(() => rendererFactory(gpu), [gpu]);
  const camera = useMemo(() => new IntrinsicCamera(), []);
  const size = useImageSize();
  const ready = useAppState((s) => s.arReady);
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
        <ArScene gpu={gpu} />
        <ViewCaptureSource />
      </Canvas>
    </div>
  );
}

function useImageSize(): { width: number; height: number } | null {
  // A string, so the selector's result compares equal while the size stays (no fresh objects).
  const key = useAppState((s) => (s.source ? `${s.source.raw.width}x${s.source.raw.height}` : ''));
  return useMemo(() => {
    if (!key) return null;
    const [width, height] = key.split('x').map(Number);
    return { width, height };
  }, [key]);
}
