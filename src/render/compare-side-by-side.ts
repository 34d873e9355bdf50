/**
 * The side-by-side view: the reference drawn as a second image to the right of
 * the map, in the same scene under the same camera, so pan and zoom move both
 * together by construction. The reference is coloured on the GPU (its own
 * HeatmapPass, with the map's colours) once per change, not per frame.
 */
import * as THREE from 'three';
import type { ColorizeParams } from '../core/colorize';
import { HeatmapPass } from '../gpu/heatmap-pass';
import { imageSize, setState, store } from '../state/store';
import { fitView } from '../core/view-transform';
import { sideBySideOffset } from './compare-layout';


/** Fits the map and the reference beside it into the viewport (the element the view is drawn in). */
export function fitSideBySide(): void {
  const size = imageSize(store.getState());
  const el = document.querySelector<HTMLElement>('[data-testid="viewport"]');
  if (!size || !el) return;
  const { width, height } = size;
  setState({ view: fitView({ width: sideBySideOffset(width) + width, height }, { width: el.clientWidth, height: el.clientHeight }) });
}

export class SideBySide {
  readonly object: THREE.Mesh;
  private readonly heatmap: HeatmapPass;
  private readonly material = new THREE.MeshBasicMaterial({ toneMapped: false, side: THREE.DoubleSide });
  private texture: THREE.ExternalTexture | null = null;
  private gpuTexture: GPUTexture | null = null;

  constructor(device: GPUDevice) {
    this.heatmap = new HeatmapPass(device);
    const geometry = new THREE.PlaneGeometry(1, 1);
    // Texture row 0 is the image's top row, as in the heatmap's own plane.
    const uv = geometry.attributes.uv as THREE.BufferAttribute;
    for (let i = 0; i < uv.count; i++) uv.setY(i, 1 - uv.getY(i));
    this.object = new THREE.Mesh(geometry, this.material);
    this.object.visible = false;
  }

  /** Shows `reference` (on the map's width x height grid) beside the map. */
  show(reference: Float32Array, width: number, height: number, table: Uint8Array, params: ColorizeParams): void {
    this.heatmap.setDepth(reference, width, height);
    this.heatmap.setTable(table);
    this.heatmap.setParams(params);
    this.heatmap.run();
    if (this.heatmap.texture !== this.gpuTexture) {
      this.texture?.dispose();
      this.gpuTexture = this.heatmap.texture;
      this.texture = new THREE.ExternalTexture(this.gpuTexture!);
      // Nearest, no mipmaps, no colour conversion: the same pixels as the map's texture.
      this.texture.magFilter = THREE.NearestFilter;
      this.texture.minFilter = THREE.NearestFilter;
      this.texture.generateMipmaps = false;
      this.texture.colorSpace = THREE.NoColorSpace;
      this.material.map = this.texture;
      this.material.needsUpdate = true;
    }
    // World x of image column u is u - width / 2 (HeatmapCanvas places the camera so).
    this.object.position.set(sideBySideOffset(width), 0, 0);
    this.object.scale.set(width, height, 1);
    this.object.visible = true;
  }

  hide(): void {
    this.object.visible = false;
  }

  dispose(): void {
    this.object.geometry.dispose();
    this.material.dispose();
    this.texture?.dispose();
    this.heatmap.destroy();
  }
}
