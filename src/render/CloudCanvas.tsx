/**
 * The 3-D view: the filtered depth back-projected into a point cloud on the GPU
 * (shaders/backproject.wgsl), written straight into the storage buffer
 * three.js's WebGPURenderer draws from, so the cloud never visits the CPU.
 * Points are screen-aligned squares (point-sprites.ts) coloured by depth with the
 * current colormap, or by the paired colour image (each point re-projected to its
 * pixel there). Clouds above DRAG_POINTS are thinned while the view is dragged
 * (a mesh that large is stood in for by its thinned vertices).
 *
 * Frames: the data stay in Open3D's camera frame (x right, y down, z forward);
 * the cloud object flips y and z for display, so a three.js camera at the
 * origin with no rotation sees exactly what the sensor saw ("sensor view").
 */
import { useEffect, useMemo } from 'react';
import { Canvas, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { MeshStandardNodeMaterial, StorageBufferAttribute } from 'three/webgpu';
import { storage, uniform } from 'three/tsl';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { cloudSize } from '../core/backproject';
import { colormapTable } from '../core/colormap-tables';
import { colourFrame, depthColouring, gpuBufferOf, rendererFactory, type BackendAccess } from './three-gpu';
import { ViewCaptureSource } from './ViewCaptureSource';
import { DRAG_POINTS, pointSprites, type PointNode } from './point-sprites';
import { ReferenceCloud } from './reference-cloud';
import { MAP_TINT, tintNode } from './overlay-tints';
import { compareStore } from '../state/compare-store';
import { referenceOnGrid } from '../state/compare-grid';
import { scaledIntrinsics } from '../core/intrinsics';
import type { GpuContext } from '../gpu/gpu-context';
import { BackprojectPass, MeshIndexPass } from '../gpu/backproject-pass';
import { chainOutput, subscribeChainOutput } from '../engine/source-chain';
import { pickPoint } from './cloud-picking';
import { filteredReaders } from '../state/filtered-readers';
import { currentIntrinsics, effectiveRange, setState, store, useAppState, type DepthscopeState } from '../state/store';

/** The object drawing the cloud, with the GPU buffers the kernels write into. */
interface CloudObject {
  key: string;
  object: THREE.Object3D;
  points: GPUBuffer;
  indices: GPUBuffer | null;
  columns: number;
  rows: number;
  /** Draw every s-th point of every s-th row (a mesh: its vertices as points), s = 1: all, as usual. */
  thin: (s: number) => void;
  dispose(): void;
}

function CloudScene({ gpu }: { gpu: GpuContext }) {
  // Read through get(): the effect owns these three.js objects and mutates them.
  const get = useThree((s) => s.get);

  useEffect(() => {
    const { gl: renderer, camera: cam, scene, invalidate } = get();
    const gl = renderer as unknown as BackendAccess & { domElement: HTMLCanvasElement };
    const uniforms = { size: uniform(2) };
    // Where a point's colour is read in the colour frame: its pixel, re-projected with the (decimated) intrinsics.
    const pixelGrid = { fx: uniform(1), fy: uniform(1), cx: uniform(0), cy: uniform(0), width: uniform(1), height: uniform(1) };
    const camera = cam as THREE.PerspectiveCamera;
    const controls = new OrbitControls(camera, gl.domElement);
    controls.addEventListener('change', () => invalidate());
    const thinWhileDragging = (dragging: boolean) => {
      if (!cloud) return;
      const count = cloud.columns * cloud.rows;
      const s = dragging && count > DRAG_POINTS ? Math.ceil(Math.sqrt(count / DRAG_POINTS)) : 1;
      cloud.thin(s);
      reference.thin(s);
      invalidate();
    };
    controls.addEventListener('start', () => thinWhileDragging(true));
    controls.addEventListener('end', () => thinWhileDragging(false));
    const backproject = new BackprojectPass(gpu.device);
    const root = new THREE.Group();
    root.scale.set(1, -1, -1); // camera frame (y down, z forward) -> three.js (y up, z towards the viewer)
    scene.add(root);
    const reference = new ReferenceCloud(gl, gpu.device, root, uniforms.size);
    let cloud: CloudObject | null = null;
    const byDepth = depthColouring(colormapTable(store.getState().colormap));
    let colourSrc: { colour: DepthscopeState['colour']; lookup: ReturnType<typeof colourFrame> } | null = null;
    const meshIndex = new MeshIndexPass(gpu.device);
    // Lights for the mesh (points are unlit): one from the camera, a soft fill from above.
    const headlight = new THREE.DirectionalLight('#ffffff', 2.2);
    camera.add(headlight);
    scene.add(camera, new THREE.HemisphereLight('#ffffff', '#404040', 0.8));

    /** The object drawing the cloud or mesh, remade only when its kind, size or wireframe changes. */
    const makeObject = (surface: 'points' | 'mesh', columns: number, rows: number, wireframe: boolean, byImage: boolean, tinted: boolean): CloudObject => {
      const count = columns * rows;
      const key = `${surface}:${columns}x${rows}:${wireframe}:${tinted ? 'tint' : byImage ? colourSrc?.lookup.id : 'depth'}`;
      if (cloud && cloud.key === key) return cloud;
      if (cloud) {
        root.remove(cloud.object);
        cloud.dispose();
      }
      const lookup = byImage ? colourSrc?.lookup : undefined;
      const colour = (p: PointNode) => {
        if (tinted) return tintNode(MAP_TINT);
        if (!lookup) return byDepth.colour(p.z);
        const nx = pixelGrid.fx.mul(p.x).div(p.z).add(pixelGrid.cx).add(0.5).div(pixelGrid.width);
        const ny = pixelGrid.fy.mul(p.y).div(p.z).add(pixelGrid.cy).add(0.5).div(pixelGrid.height);
        return lookup.colourAt(nx, ny);
      };
      if (surface === 'points') {
        const attribute = new StorageBufferAttribute(new Float32Array(count * 4), 4);
        gl.backend.createStorageAttribute(attribute);
        const sprites = pointSprites(attribute, columns, rows, uniforms.size, colour);
        root.add(sprites.mesh);
        const dispose = () => {
          sprites.dispose();
          gl.backend.destroyAttribute(attribute);
        };
        cloud = { key, object: sprites.mesh, points: bufferOf(attribute), indices: null, columns, rows, thin: sprites.thin, dispose };
      } else {
        const attribute = new StorageBufferAttribute(new Float32Array(count * 4), 4);
        gl.backend.createStorageAttribute(attribute);
        const index = new StorageBufferAttribute(new Uint32Array(Math.max(1, 6 * (columns - 1) * (rows - 1))), 1);
        gl.backend.createIndexAttribute(index);
        const geometry = new THREE.BufferGeometry();
        // The points buffer is the vertex buffer (xyz of each vec4); the indices come from mesh-index.wgsl.
        geometry.setAttribute('position', attribute);
        geometry.setIndex(index);
        const p = storage(attribute, 'vec4', count).toAttribute();
        const material = new MeshStandardNodeMaterial({ flatShading: true, wireframe, side: THREE.DoubleSide, roughness: 1, metalness: 0 });
        material.colorNode = colour(p);
        const mesh = new THREE.Mesh(geometry, material);
        mesh.frustumCulled = false;
        root.add(mesh);
        // While a large mesh is dragged, its vertices stand in for it as thinned points (drawn from the same buffer).
        const proxy = pointSprites(attribute, columns, rows, uniforms.size, colour);
        proxy.mesh.visible = false;
        root.add(proxy.mesh);
        cloud = {
          key,
          object: mesh,
          points: bufferOf(attribute),
          indices: bufferOf(index),
          columns,
          rows,
          thin: (k: number) => {
            mesh.visible = k === 1;
            proxy.mesh.visible = k > 1;
            proxy.thin(k);
          },
          dispose: () => {
            root.remove(proxy.mesh);
            proxy.dispose();
            material.dispose();
            geometry.dispose();
          },
        };
      }
      return cloud;
    };
    const bufferOf = (a: THREE.BufferAttribute) => gpuBufferOf(gl, a);

    const resetView = (s: DepthscopeState) => {
      if (!s.source) return;
      const { height } = s.source.raw;
      const intr = currentIntrinsics(s);
      camera.position.set(0, 0, 0);
      camera.fov = (2 * Math.atan(height / 2 / intr.fy) * 180) / Math.PI;
      camera.near = 0.01;
      camera.far = 1000;
      camera.updateProjectionMatrix();
      const median = s.analysis?.stats.median;
      controls.target.set(0, 0, -(Number.isFinite(median) && median ? median : 1));
      const pose = s.cloud.pose;
      if (pose) {
        camera.position.set(...pose.position);
        controls.target.set(...pose.target);
      }
      camera.lookAt(controls.target);
      controls.update();
    };
    // The pose goes to the store (and the link) when a drag ends, not on every frame of it.
    controls.addEventListener('end', () => {
      const round = (v: THREE.Vector3): [number, number, number] => [v.x, v.y, v.z].map((c) => Number(c.toFixed(4))) as [number, number, number];
      setState({ cloud: { ...store.getState().cloud, pose: { position: round(camera.position), target: round(controls.target) } } });
    });

    // Orientation aids: the camera's axes at its centre (red x right, green y up, blue towards
    // the viewer) and a floor grid of 0.5 m squares under the lowest point.
    const axes = new THREE.AxesHelper(0.3);
    const grid = new THREE.GridHelper(20, 40, '#5a6070', '#343842');
    scene.add(axes, grid);
    const placeGrid = (s: DepthscopeState) => {
      if (!s.analysis || !s.source) return;
      const { width, height } = s.source.raw;
      const intr = currentIntrinsics(s);
      let lowest = 0;
      for (let v = 0; v < height; v += 4) {
        for (let u = 0; u < width; u += 4) {
          const z = s.analysis.depth[v * width + u];
          if (Number.isFinite(z) && z > 0) lowest = Math.max(lowest, ((v - intr.cy) * z) / intr.fy);
        }
      }
      grid.position.set(0, -lowest, -10);
    };

    const update = (s: DepthscopeState) => {
      // The engine's chain output (engine/source-chain.ts): this view draws from it and runs no chain.
      const output = chainOutput();
      if (!s.analysis || !s.source || !output) return;
      const { result } = output;
      const stride = Math.max(1, s.cloud.stride);
      const { columns, rows } = cloudSize(result.size.width, result.size.height, stride);
      if (colourSrc?.colour !== s.colour) {
        if (colourSrc && s.colour && colourSrc.lookup.replace(s.colour)) colourSrc = { colour: s.colour, lookup: colourSrc.lookup };
        else {
          colourSrc?.lookup.dispose();
          colourSrc = s.colour ? { colour: s.colour, lookup: colourFrame(gl, s.colour) } : null;
        }
      }
      // The comparison's reference, overlaid in its own colour (the map's points then in another).
      const compare = compareStore.getState();
      const overlay = compare.reference && compare.cloudOverlay ? referenceOnGrid(compare.reference, result.size.width, result.size.height) : null;
      const c = makeObject(s.cloud.surface, columns, rows, s.cloud.wireframe, s.cloud.colorBy === 'image' && colourSrc !== null, overlay !== null);
      const intr = scaledIntrinsics(currentIntrinsics(s), result.factor);
      pixelGrid.fx.value = intr.fx;
      pixelGrid.fy.value = intr.fy;
      pixelGrid.cx.value = intr.cx;
      pixelGrid.cy.value = intr.cy;
      pixelGrid.width.value = result.size.width;
      pixelGrid.height.value = result.size.height;
      const encoder = gpu.device.createCommandEncoder({ label: 'cloud' });
      const cut = s.cloud.surface === 'mesh' ? s.edgeJump : 0;
      backproject.encode(encoder, result.buffer, result.size, intr, stride, s.rayLength, c.points, cut);
      if (c.indices) meshIndex.encode(encoder, c.points, columns, rows, c.indices);
      reference.encode(encoder, overlay, result.size, intr, stride, s.rayLength);
      gpu.device.queue.submit([encoder.finish()]);
      invalidate();
    };
    const recolor = (s: DepthscopeState) => {
      byDepth.follow(effectiveRange(s), s.reverse, colormapTable(s.colormap));
      uniforms.size.value = s.cloud.pointSize;
      invalidate();
    };

    // Measuring: a click (not a drag) picks the surface point under the pointer.
    let cpuCopy: { version: number; depth: Float32Array } | null = null;
    let down: { x: number; y: number } | null = null;
    const markers = new THREE.Group();
    root.add(markers);
    const onDown = (e: PointerEvent) => {
      down = { x: e.clientX, y: e.clientY };
    };
    const onUp = async (e: PointerEvent) => {
      const s = store.getState();
      const start = down;
      down = null;
      if (!start || !s.measuring || !s.filtered || !s.source || Math.hypot(e.clientX - start.x, e.clientY - start.y) > 4) return;
      const f = s.filtered;
      if (!cpuCopy || cpuCopy.version !== f.version) {
        const readers = filteredReaders(f.version);
        if (!readers) return; // replaced since: the next click reads the new one
        cpuCopy = { version: f.version, depth: await readers.readAll() };
      }
      const box = gl.domElement.getBoundingClientRect();
      camera.updateMatrixWorld();
      const viewProjection = new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
      const intr = scaledIntrinsics(currentIntrinsics(s), f.factor);
      const input = { depth: cpuCopy.depth, width: f.width, height: f.height, intr, stride: Math.max(1, s.cloud.stride) };
      const p = pickPoint(input, viewProjection, box, e.clientX - box.left, e.clientY - box.top);
      if (p) setState({ measurePoints: [...store.getState().measurePoints, p].slice(-2) });
    };
    gl.domElement.addEventListener('pointerdown', onDown);
    gl.domElement.addEventListener('pointerup', onUp as unknown as EventListener);
    const showMarkers = (s: DepthscopeState) => {
      for (const m of [...markers.children]) {
        markers.remove(m);
        ((m as THREE.Mesh).material as THREE.Material).dispose();
        (m as THREE.Mesh).geometry.dispose();
      }
      for (const p of s.measurePoints) {
        const dot = new THREE.Mesh(new THREE.SphereGeometry(0.006 * p.z, 12, 8), new THREE.MeshBasicMaterial({ color: '#ffffff', depthTest: false }));
        dot.position.set(p.x, p.y, p.z);
        dot.renderOrder = 1;
        markers.add(dot);
      }
      if (s.measurePoints.length === 2) {
        const [a, b] = s.measurePoints;
        const line = new THREE.Line(
          new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(a.x, a.y, a.z), new THREE.Vector3(b.x, b.y, b.z)]),
          new THREE.LineBasicMaterial({ color: '#ffffff', depthTest: false }),
        );
        line.renderOrder = 1;
        markers.add(line as unknown as THREE.Mesh);
      }
      invalidate();
    };

    const s0 = store.getState();
    placeGrid(s0);
    resetView(s0);
    recolor(s0);
    update(s0);
    setState({ cloudReady: true });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.analysis !== prev.analysis || s.source !== prev.source) {
        placeGrid(s);
        if (s.source?.raw.width !== prev.source?.raw.width || s.source?.raw.height !== prev.source?.raw.height) resetView(s);
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
        update(s);
      }
      if (s.intrinsics !== prev.intrinsics) resetView(s);
      if (s.colormap !== prev.colormap || s.range !== prev.range || s.reverse !== prev.reverse || s.cloud.pointSize !== prev.cloud.pointSize) recolor(s);
      if (s.measurePoints !== prev.measurePoints) showMarkers(s);
      // A new pose (a drag ended, Back/Forward, a link): the camera goes exactly where the store says,
      // so the sender's view is the one a link reproduces, to the bit (the stored pose is rounded).
      if (s.cloud.resetToken !== prev.cloud.resetToken || s.cloud.pose !== prev.cloud.pose) {
        resetView(s);
        invalidate();
      }
    });
    const detachChain = subscribeChainOutput(() => update(store.getState()));
    const unsubscribeCompare = compareStore.subscribe((c, prev) => {
      if (c.reference !== prev.reference || c.cloudOverlay !== prev.cloudOverlay) update(store.getState());
    });
    showMarkers(s0);
    return () => {
      unsubscribe();
      detachChain();
      unsubscribeCompare();
      reference.dispose();
      gl.domElement.removeEventListener('pointerdown', onDown);
      gl.domElement.removeEventListener('pointerup', onUp as unknown as EventListener);
      controls.dispose();
      scene.remove(root, axes, grid);
      axes.dispose();
      grid.dispose();
      cloud?.dispose();
      meshIndex.destroy();
      camera.remove(headlight);
      byDepth.dispose();
      colourSrc?.lookup.dispose();
      backproject.destroy();
      setState({ cloudReady: false });
    };
  }, [gpu, get]);
  return null;
}

export function CloudCanvas({ gpu }: { gpu: GpuContext }) {
  const makeRenderer = useMemo(() => rendererFactory(gpu), [gpu]);
  const ready = useAppState((s) => s.cloudReady);
  return (
    <div data-testid="cloud-canvas" data-ready={ready} style={{ position: 'absolute', inset: 0 }}>
      <Canvas frameloop="demand" flat linear gl={makeRenderer as never} camera={{ fov: 50, near: 0.01, far: 1000, position: [0, 0, 0] }}>
        <color attach="background" args={['#1b1d22']} />
        <CloudScene gpu={gpu} />
        <ViewCaptureSource />
      </Canvas>
    </div>
  );
}
