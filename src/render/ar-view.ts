/**
 * The AR occlusion preview as a plain class: the colour frame (or the depth
 * heatmap when there is none) seen through the depth camera's own intrinsics,
 * with virtual objects standing on the real surface and hidden, pixel by pixel,
 * where the real surface is nearer (ar-occlusion.ts). It works on the engine's
 * filtered depth, so the chain's hole filling and smoothing show in the
 * occlusion at once; it runs no chain itself. Clicks place objects (ar-placing.ts).
 */
import * as THREE from 'three';
import { MeshBasicNodeMaterial, type Node } from 'three/webgpu';
import { dot, float, floor, min, positionLocal, uv, vec3, vec4 } from 'three/tsl';
import { colormapTable } from '../core/colormap-tables';
import { hasDistortion } from '../core/distortion';
import { scaledIntrinsics } from '../core/intrinsics';
import { chainOutput } from '../engine/source-chain';
import { imageSize, currentIntrinsics, effectiveRange, store, type DepthscopeState } from '../state/store';
import { halfBand, realDepth, type RealDepth } from './ar-occlusion';
import { buildArObject, disposeArObject } from './ar-objects';
import { placeOnClick } from './ar-placing';
import type { IntrinsicCamera } from './intrinsic-camera';
import { colourFrame, depthColouring, sharedStorage, type ThreeContext } from './three-gpu';

/** The depth grid the occlusion reads: a three.js-owned copy of the chain's output, and the lookups on it. */
interface DepthGrid {
  width: number;
  height: number;
  buffer: GPUBuffer;
  attribute: THREE.BufferAttribute;
  real: RealDepth;
}

export class ArView {
  private readonly gl: ThreeContext['renderer'];
  private readonly camera: IntrinsicCamera;
  private readonly invalidate: () => void;
  private readonly byDepth = depthColouring(colormapTable(store.getState().colormap));
  private readonly root = new THREE.Group();
  private readonly objects = new THREE.Group();
  private readonly headlight = new THREE.DirectionalLight('#ffffff', 2.2);
  private readonly background = new THREE.Mesh(new THREE.PlaneGeometry(2, 2));
  private grid: DepthGrid | null = null;
  private colour: { image: DepthscopeState['colour']; lookup: ReturnType<typeof colourFrame> | null } = { image: null, lookup: null };
  private readonly stopPlacing: () => void;

  constructor(
    three: ThreeContext,
    private readonly device: GPUDevice,
  ) {
    this.gl = three.renderer;
    this.camera = three.camera as IntrinsicCamera;
    this.invalidate = three.invalidate;
    this.root.scale.set(1, -1, -1); // depth camera frame (y down, z forward) -> three.js (y up, z towards the viewer)
    three.scene.add(this.root);
    this.headlight.position.set(0.3, 0.6, 0); // from above the camera, so tops are lit brighter than sides
    this.camera.add(this.headlight);
    three.scene.add(this.camera, new THREE.HemisphereLight('#ffffff', '#404040', 0.9));
    this.background.frustumCulled = false;
    this.background.renderOrder = -1;
    three.scene.add(this.background);
    this.root.add(this.objects);
    this.stopPlacing = placeOnClick(this.gl.domElement);
  }

  /**
   * The background: colour frame or heatmap under the image pixel of each screen
   * pixel; dimmed gray in the mask view. Through a lens the picture is rectified:
   * each screen pixel shows the image pixel its undistorted ray meets, so it lines
   * up with the pinhole camera that draws the objects.
   */
  buildBackground(s: DepthscopeState): void {
    const g = this.grid;
    if (!g) return;
    let nx: Node<'float'> = uv().x;
    let ny: Node<'float'> = float(1).sub(uv().y);
    let iu = min(floor(nx.mul(g.width)), g.width - 1);
    let iv = min(floor(ny.mul(g.height)), g.height - 1);
    if (g.real.lens && hasDistortion(g.real.lens)) {
      // Screen pixel centres at integer image coordinates, as the intrinsics count them.
      const { fx, fy, cx, cy } = g.real.uniforms;
      const at = g.real.pixelOfRay(nx.mul(g.width).sub(0.5).sub(cx).div(fx), ny.mul(g.height).sub(0.5).sub(cy).div(fy));
      ({ iu, iv } = at);
      nx = iu.add(0.5).div(g.width);
      ny = iv.add(0.5).div(g.height);
    }
    const z = g.real.zAtPixel(iu, iv);
    const heat = z.greaterThan(0).select(this.byDepth.colour(z), vec3(0.12, 0.12, 0.14));
    const rgb = this.colour.lookup ? this.colour.lookup.colourAt(nx, ny) : heat;
    const material = new MeshBasicNodeMaterial({ depthTest: false, depthWrite: false });
    material.vertexNode = vec4(positionLocal.xy, 0, 1);
    material.colorNode = s.ar.mask ? vec3(dot(rgb, vec3(0.299, 0.587, 0.114)).mul(0.35)) : rgb;
    (this.background.material as THREE.Material).dispose();
    this.background.material = material;
  }

  showObjects(s: DepthscopeState): void {
    for (const o of [...this.objects.children]) {
      this.objects.remove(o);
      disposeArObject(o);
    }
    if (this.grid) for (const o of s.ar.objects) this.objects.add(buildArObject(o, this.grid.real, s.ar.mask));
    this.invalidate();
  }

  /** Copies the chain's current output where the materials read it. */
  update(s: DepthscopeState): void {
    const output = chainOutput();
    if (!s.analysis || !s.source || !output) return;
    const { result } = output;
    const { width, height } = result.size;
    let grid = this.grid;
    // The lens is baked into the lookups' code: a new lens rebuilds them.
    const rebuilt = !grid || grid.width !== width || grid.height !== height || grid.real.lens !== s.lens;
    if (!grid || rebuilt) {
      if (grid) this.gl.backend.destroyAttribute(grid.attribute);
      const { attribute, buffer } = sharedStorage(this.gl, new Float32Array(width * height), 1);
      grid = this.grid = { width, height, attribute, buffer, real: realDepth(attribute, width, height, s.lens) };
    }
    const intr = scaledIntrinsics(currentIntrinsics(s), result.factor);
    const u = grid.real.uniforms;
    u.fx.value = intr.fx;
    u.fy.value = intr.fy;
    u.cx.value = intr.cx;
    u.cy.value = intr.cy;
    u.rayLength.value = s.rayLength ? 1 : 0;
    u.halfBand.value = halfBand(s.ar.band);
    const encoder = this.device.createCommandEncoder({ label: 'ar-depth' });
    encoder.copyBufferToBuffer(result.buffer, 0, grid.buffer, 0, width * height * 4);
    this.device.queue.submit([encoder.finish()]);
    if (rebuilt) {
      this.buildBackground(s);
      this.showObjects(s);
    }
    this.invalidate();
  }

  /** The depth camera's intrinsics at the image's size, from its centre. */
  setCamera(s: DepthscopeState): void {
    if (!s.source) return;
    const { camera } = this;
    camera.position.set(0, 0, 0);
    camera.quaternion.identity();
    camera.near = 0.02;
    camera.far = 1000;
    const size = imageSize(s) ?? s.source.raw;
    camera.setIntrinsics(currentIntrinsics(s), size.width, size.height);
    camera.updateMatrixWorld();
    this.invalidate();
  }

  recolor(s: DepthscopeState): void {
    this.byDepth.follow(effectiveRange(s), s.reverse, colormapTable(s.colormap));
    if (this.grid) this.grid.real.uniforms.halfBand.value = halfBand(s.ar.band);
    this.invalidate();
  }

  /** The colour frame behind the objects (replaced in place when its size allows). */
  setColour(s: DepthscopeState): void {
    const colour = this.colour;
    if (colour.image === s.colour) return;
    if (colour.lookup && s.colour && colour.lookup.replace(s.colour)) {
      this.colour = { image: s.colour, lookup: colour.lookup };
      this.invalidate();
      return;
    }
    colour.lookup?.dispose();
    this.colour = { image: s.colour, lookup: s.colour ? colourFrame(this.gl, s.colour) : null };
    this.buildBackground(s);
    this.invalidate();
  }

  dispose(): void {
    this.stopPlacing();
    for (const o of [...this.objects.children]) disposeArObject(o);
    this.root.parent?.remove(this.root);
    this.background.parent?.remove(this.background);
    (this.background.material as THREE.Material).dispose();
    this.background.geometry.dispose();
    this.camera.remove(this.headlight);
    if (this.grid) this.gl.backend.destroyAttribute(this.grid.attribute);
    this.colour.lookup?.dispose();
    this.byDepth.dispose();
  }
}
