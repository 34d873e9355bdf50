/**
 * The 3-D view as a plain class: the filtered depth back-projected into a point
 * cloud on the GPU (shaders/backproject.wgsl), written straight into the
 * storage buffer three.js's WebGPURenderer draws from, so the cloud never
 * visits the CPU. Points are screen-aligned squares (point-sprites.ts) coloured
 * by depth with the current colormap, or by the paired colour image (each point
 * re-projected to its pixel there). Clouds above DRAG_POINTS are thinned while
 * the view is dragged. It draws the engine's chain output and runs no chain.
 *
 * Frames: the data stay in Open3D's camera frame (x right, y down, z forward);
 * the cloud's root flips y and z for display, so a three.js camera at the
 * origin with no rotation sees exactly what the sensor saw ("sensor view").
 */
import * as THREE from 'three';
import { uniform } from 'three/tsl';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { cloudSize } from '../core/backproject';
import { colormapTable } from '../core/colormap-tables';
import { scaledIntrinsics } from '../core/intrinsics';
import { BackprojectPass, MeshIndexPass } from '../gpu/backproject-pass';
import { chainOutput } from '../engine/source-chain';
import { compareStore } from '../state/compare-store';
import { referenceOnGrid } from '../state/compare-grid';
import { currentIntrinsics, effectiveRange, setState, store, type DepthscopeState } from '../state/store';
import { colourFrame, depthColouring, imagePosition, pixelGridUniforms, type ThreeContext } from './three-gpu';
import { DRAG_POINTS, type PointNode } from './point-sprites';
import { ReferenceCloud } from './reference-cloud';
import { MAP_TINT, tintNode } from './overlay-tints';
import { makeCloudObject, type CloudObject } from './cloud-object';
import { MeasureMarkers, measureOnClick } from './cloud-measuring';
import { RecordingPath } from './recording-path';
import { FusedMeshView } from './fused-mesh-view';
import { KeptClouds, type KeptCloudReadback, type KeptColour } from './kept-clouds';
import { recordingOnScreen } from '../state/recording-store';
import type { FusedMesh } from '../state/recon-store';

/** The 3-D canvas's hook for tests (never called per frame): the kept clouds read back with their placement. */
export interface KeptCloudsProbe {
  readKeptClouds(): Promise<KeptCloudReadback[]>;
}

export class CloudView {
  private readonly gl: ThreeContext['renderer'];
  private readonly camera: THREE.PerspectiveCamera;
  private readonly invalidate: () => void;
  private readonly controls: OrbitControls;
  private readonly root = new THREE.Group();
  private readonly pointSize = uniform(2);
  /** Where a point's colour is read in the colour frame: its pixel, re-projected with the (decimated) intrinsics. */
  private readonly pixelGrid = pixelGridUniforms();
  private readonly backproject: BackprojectPass;
  private readonly meshIndex: MeshIndexPass;
  private readonly reference: ReferenceCloud;
  private readonly byDepth = depthColouring(colormapTable(store.getState().colormap));
  private colourSrc: { colour: DepthscopeState['colour']; lookup: ReturnType<typeof colourFrame> } | null = null;
  private cloud: CloudObject | null = null;
  private readonly headlight = new THREE.DirectionalLight('#ffffff', 2.2);
  private readonly aids: THREE.Object3D[];
  private readonly floor = new THREE.GridHelper(20, 40, '#5a6070', '#343842');
  private readonly markers = new MeasureMarkers();
  private readonly stopMeasuring: () => void;
  private readonly path: RecordingPath;
  private readonly fused: FusedMeshView;
  private readonly kept: KeptClouds;

  constructor(
    three: ThreeContext,
    private readonly device: GPUDevice,
  ) {
    this.gl = three.renderer;
    this.camera = three.camera as THREE.PerspectiveCamera;
    this.invalidate = three.invalidate;
    this.controls = new OrbitControls(this.camera, this.gl.domElement);
    this.controls.addEventListener('change', () => this.invalidate());
    this.controls.addEventListener('start', () => this.thinWhileDragging(true));
    this.controls.addEventListener('end', () => this.thinWhileDragging(false));
    // The pose goes to the store (and the link) when a drag ends, not on every frame of it.
    this.controls.addEventListener('end', () => {
      const round = (v: THREE.Vector3): [number, number, number] => [v.x, v.y, v.z].map((c) => Number(c.toFixed(4))) as [number, number, number];
      setState({ cloud: { ...store.getState().cloud, pose: { position: round(this.camera.position), target: round(this.controls.target) } } });
    });
    this.backproject = new BackprojectPass(device);
    this.meshIndex = new MeshIndexPass(device);
    this.root.scale.set(1, -1, -1); // camera frame (y down, z forward) -> three.js (y up, z towards the viewer)
    three.scene.add(this.root);
    this.reference = new ReferenceCloud(this.gl, device, this.root, this.pointSize);
    // Lights for the mesh (points are unlit): one from the camera, a soft fill from above.
    this.camera.add(this.headlight);
    three.scene.add(this.camera, new THREE.HemisphereLight('#ffffff', '#404040', 0.8));
    // Orientation aids: the camera's axes at its centre (red x right, green y up, blue towards
    // the viewer) and a floor grid of 0.5 m squares under the lowest point.
    this.aids = [new THREE.AxesHelper(0.3), this.floor];
    three.scene.add(...this.aids);
    this.root.add(this.markers.group);
    this.path = new RecordingPath(this.root, this.gl.domElement);
    this.fused = new FusedMeshView(this.path.world);
    this.kept = new KeptClouds(device, this.gl, this.path.world, this.pointSize, (z) => this.byDepth.colour(z));
    (this.gl.domElement as HTMLCanvasElement & Partial<KeptCloudsProbe>).readKeptClouds = () => this.kept.readBack();
    this.showKept(-1);
    this.stopMeasuring = measureOnClick(this.gl.domElement, this.camera);
  }

  private thinWhileDragging(dragging: boolean): void {
    if (!this.cloud) return;
    const count = this.cloud.columns * this.cloud.rows * (1 + this.kept.keptCount);
    const s = dragging && count > DRAG_POINTS ? Math.ceil(Math.sqrt(count / DRAG_POINTS)) : 1;
    this.cloud.thin(s);
    this.reference.thin(s);
    this.kept.thin(s);
    this.invalidate();
  }

  /** The camera at the sensor's viewpoint, or at the pose the store holds (a drag, Back/Forward, a link), exactly. */
  resetView(s: DepthscopeState): void {
    if (!s.source) return;
    const { height } = s.source.raw;
    const intr = currentIntrinsics(s);
    const { camera, controls } = this;
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
    this.invalidate();
  }

  /** A new frame: the floor grid goes under its lowest point. */
  placeFloor(s: DepthscopeState): void {
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
    this.floor.position.set(0, -lowest, -10);
  }

  /** Back-projects the chain's current output into the cloud (and the comparison's reference beside it). */
  update(s: DepthscopeState): void {
    const output = chainOutput();
    if (!s.analysis || !s.source || !output) return;
    const { result } = output;
    const stride = Math.max(1, s.cloud.stride);
    const { columns, rows } = cloudSize(result.size.width, result.size.height, stride);
    // The comparison's reference, overlaid in its own colour (the map's points then in another).
    const compare = compareStore.getState();
    const overlay = compare.reference && compare.cloudOverlay ? referenceOnGrid(compare.reference, result.size.width, result.size.height) : null;
    // The frame being left goes into the ring first: the object below may replace the buffer that holds
    // its points, and followColour writes the new colour frame over the one it was coloured with.
    const frame = s.source.frame?.index ?? -1;
    this.kept.keep({ keep: s.cloud.keep, summary: recordingOnScreen(s)?.summary ?? null, frame, columns, rows, live: this.cloud?.points ?? null, colour: this.liveColour() });
    this.followColour(s);
    const c = this.object(s, columns, rows, overlay !== null);
    const intr = scaledIntrinsics(currentIntrinsics(s), result.factor);
    const g = this.pixelGrid;
    g.fx.value = intr.fx;
    g.fy.value = intr.fy;
    g.cx.value = intr.cx;
    g.cy.value = intr.cy;
    g.width.value = result.size.width;
    g.height.value = result.size.height;
    const encoder = this.device.createCommandEncoder({ label: 'cloud' });
    const cut = s.cloud.surface === 'mesh' ? s.edgeJump : 0;
    this.backproject.encode(encoder, result.buffer, result.size, intr, stride, s.rayLength, c.points, cut, s.lens ?? undefined);
    if (c.indices) this.meshIndex.encode(encoder, c.points, columns, rows, c.indices);
    this.reference.encode(encoder, overlay, result.size, intr, stride, s.rayLength);
    this.device.queue.submit([encoder.finish()]);
    this.kept.drew(c.points, frame);
    this.path.update(s);
    this.showKept(frame);
    this.invalidate();
  }

  /** The canvas tells tests which frames are drawn at their poses and what the ring holds: data-kept-frames, -frame-indices, -bytes. */
  private showKept(current: number): void {
    const frames = this.kept.frames(current);
    const data = this.gl.domElement.dataset;
    data.keptFrames = String(frames.length);
    data.keptFrameIndices = frames.join(',');
    data.keptBytes = String(this.kept.bytes);
  }

  /** The colormap, range and point size: uniforms only, nothing is back-projected again. */
  recolor(s: DepthscopeState): void {
    this.byDepth.follow(effectiveRange(s), s.reverse, colormapTable(s.colormap));
    this.pointSize.value = s.cloud.pointSize;
    this.invalidate();
  }

  showMarkers(s: DepthscopeState): void {
    this.markers.show(s.measurePoints);
    this.invalidate();
  }

  /** The colour frame the live cloud was drawn with and the intrinsics that met it (null: none), for the ring. */
  private liveColour(): KeptColour | null {
    const lookup = this.colourSrc?.lookup;
    if (!lookup || !this.cloud) return null;
    const g = this.pixelGrid;
    const grid = { fx: g.fx.value, fy: g.fy.value, cx: g.cx.value, cy: g.cy.value, width: g.width.value, height: g.height.value };
    return { buffer: lookup.buffer, width: lookup.width, height: lookup.height, grid };
  }

  /** The colour frame's lookup follows the store's colour image (replaced in place when its size allows). */
  private followColour(s: DepthscopeState): void {
    const src = this.colourSrc;
    if (src?.colour === s.colour) return;
    if (src && s.colour && src.lookup.replace(s.colour)) this.colourSrc = { colour: s.colour, lookup: src.lookup };
    else {
      src?.lookup.dispose();
      this.colourSrc = s.colour ? { colour: s.colour, lookup: colourFrame(this.gl, s.colour) } : null;
    }
  }

  /** The object drawing the cloud or mesh, remade only when its kind, size, wireframe or colouring changes. */
  private object(s: DepthscopeState, columns: number, rows: number, tinted: boolean): CloudObject {
    const lookup = s.cloud.colorBy === 'image' ? this.colourSrc?.lookup : undefined;
    this.kept.colourByImage(lookup !== undefined);
    const key = `${s.cloud.surface}:${columns}x${rows}:${s.cloud.wireframe}:${tinted ? 'tint' : lookup ? lookup.id : 'depth'}`;
    if (this.cloud?.key === key) return this.cloud;
    this.cloud?.dispose();
    const g = this.pixelGrid;
    const colour = (p: PointNode) => {
      if (tinted) return tintNode(MAP_TINT);
      if (!lookup) return this.byDepth.colour(p.z);
      return lookup.colourAt(...imagePosition(g, p));
    };
    this.cloud = makeCloudObject(this.gl, this.root, this.pointSize, { key, surface: s.cloud.surface, columns, rows, wireframe: s.cloud.wireframe, colour });
    return this.cloud;
  }

  /** The reconstruction's latest mesh, with the camera path (the canvas says how many triangles: data-fused-triangles). */
  showFusedMesh(mesh: FusedMesh | null): void {
    this.fused.show(mesh);
    this.gl.domElement.dataset.fusedTriangles = String(this.fused.triangles);
    this.invalidate();
  }

  dispose(): void {
    this.fused.dispose();
    this.kept.clear();
    delete (this.gl.domElement as HTMLCanvasElement & Partial<KeptCloudsProbe>).readKeptClouds;
    this.path.dispose();
    this.stopMeasuring();
    this.controls.dispose();
    this.markers.clear();
    this.reference.dispose();
    this.root.parent?.remove(this.root);
    for (const aid of this.aids) {
      aid.parent?.remove(aid);
      (aid as THREE.AxesHelper | THREE.GridHelper).dispose();
    }
    this.cloud?.dispose();
    this.meshIndex.destroy();
    this.backproject.destroy();
    this.camera.remove(this.headlight);
    this.byDepth.dispose();
    this.colourSrc?.lookup.dispose();
  }
}
