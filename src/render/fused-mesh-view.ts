/**
 * The reconstruction's fused mesh in the 3-D view: the last mesh marching
 * cubes made (state/recon-store.ts), lit, with its vertex colours (grey where
 * the volume has no colour). It lives in the camera path's group
 * (trajectory-view.ts), which holds the poses' world placed relative to the
 * current frame's camera, so the mesh, the path and the frame's cloud line up.
 * Rebuilt only when a new mesh arrives (every few frames, never per frame).
 */
import * as THREE from 'three';
import { MeshStandardNodeMaterial } from 'three/webgpu';
import type { FusedMesh } from '../state/recon-store';

export class FusedMeshView {
  private readonly mesh: THREE.Mesh;
  private shown: FusedMesh | null = null;

  constructor(parent: THREE.Object3D) {
    const material = new MeshStandardNodeMaterial({ vertexColors: true, side: THREE.DoubleSide, roughness: 0.9, metalness: 0 });
    this.mesh = new THREE.Mesh(new THREE.BufferGeometry(), material);
    this.mesh.name = 'fused mesh';
    // Its bounds change with every mesh; the view is small enough to draw whole.
    this.mesh.frustumCulled = false;
    this.mesh.visible = false;
    parent.add(this.mesh);
  }

  /** Shows `mesh` (null hides it); the same mesh again changes nothing. */
  show(mesh: FusedMesh | null): void {
    if (mesh === this.shown) return;
    this.shown = mesh;
    this.mesh.geometry.dispose();
    const geometry = new THREE.BufferGeometry();
    if (mesh && mesh.triangles > 0) {
      const n = 3 * mesh.triangles;
      const colours = new Uint8Array(3 * n);
      for (let i = 0; i < 3 * n; i += 3) {
        const none = mesh.colours[i] === 0 && mesh.colours[i + 1] === 0 && mesh.colours[i + 2] === 0;
        colours.set(none ? [170, 170, 170] : mesh.colours.subarray(i, i + 3), i);
      }
      geometry.setAttribute('position', new THREE.BufferAttribute(mesh.positions.subarray(0, 3 * n), 3));
      geometry.setAttribute('normal', new THREE.BufferAttribute(mesh.normals.subarray(0, 3 * n), 3));
      geometry.setAttribute('color', new THREE.BufferAttribute(colours, 3, true));
    }
    this.mesh.geometry = geometry;
    this.mesh.visible = mesh !== null && mesh.triangles > 0;
  }

  get triangles(): number {
    return this.mesh.visible ? (this.shown?.triangles ?? 0) : 0;
  }

  dispose(): void {
    this.mesh.removeFromParent();
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
  }
}
