/**
 * The virtual objects of the AR preview: a few primitives and the glTF models
 * the user drops, each built with the occlusion-aware materials. An object
 * stands on the surface point it was placed at, its up axis (+y) along the
 * surface normal, at metric scale: a primitive's largest extent is its `size`;
 * a glTF keeps its own units (metres, by the glTF specification).
 */
import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { ArObject, ArPrimitive } from '../state/store';
import { maskMaterial, occludedMaterial, type RealDepth } from './ar-occlusion';

/** Unit-size primitives with their base at y = 0. */
function primitiveGeometry(kind: ArPrimitive): THREE.BufferGeometry {
  switch (kind) {
    case 'cube':
      return new THREE.BoxGeometry(1, 1, 1).translate(0, 0.5, 0);
    case 'sphere':
      return new THREE.SphereGeometry(0.5, 32, 16).translate(0, 0.5, 0);
    case 'cone':
      return new THREE.ConeGeometry(0.4, 1, 32).translate(0, 0.5, 0);
    case 'torus':
      // Lying flat: outer diameter 1, height 0.3.
      return new THREE.TorusGeometry(0.35, 0.15, 16, 48).rotateX(Math.PI / 2).translate(0, 0.15, 0);
  }
}

export const PRIMITIVE_COLOURS: Record<ArPrimitive, string> = {
  cube: '#f2c14e',
  sphere: '#4ea8f2',
  cone: '#c74ef2',
  torus: '#f27a4e',
};

/** glTF models the user dropped, by file name: their bytes stay in this tab. */
const models = new Map<string, THREE.Group>();

export async function loadGltf(name: string, bytes: ArrayBuffer): Promise<void> {
  const gltf = await new GLTFLoader().parseAsync(bytes, '');
  const scene = gltf.scene;
  // Stand the model on its lowest point, centred over the placement point.
  const box = new THREE.Box3().setFromObject(scene);
  if (box.isEmpty()) throw new Error('the model has no geometry');
  const centre = box.getCenter(new THREE.Vector3());
  scene.position.sub(new THREE.Vector3(centre.x, box.min.y, centre.z));
  const holder = new THREE.Group();
  holder.add(scene);
  models.set(name, holder);
}

export function hasModel(name: string): boolean {
  return models.has(name);
}

/** Builds the three.js object for `o` in the depth camera frame (x right, y down, z forward). */
export function buildArObject(o: ArObject, real: RealDepth, mask: boolean): THREE.Object3D {
  const model = o.kind === 'gltf' ? models.get(o.name) : undefined;
  let object: THREE.Object3D;
  if (model) {
    object = model.clone(true);
    object.userData.gltf = true;
    object.traverse((child) => {
      const mesh = child as THREE.Mesh;
      if (!mesh.isMesh) return;
      const source = (Array.isArray(mesh.material) ? mesh.material[0] : mesh.material) as THREE.MeshStandardMaterial;
      mesh.material = mask ? maskMaterial(real) : occludedMaterial(real, source.color ?? '#cccccc', source.map ?? null);
    });
  } else {
    // A glTF named by a link but not dropped in this tab shows as a cube of its size.
    const kind = o.kind === 'gltf' ? 'cube' : o.kind;
    const geometry = primitiveGeometry(kind);
    object = new THREE.Mesh(geometry, mask ? maskMaterial(real) : occludedMaterial(real, PRIMITIVE_COLOURS[kind]));
    object.scale.setScalar(o.size);
  }
  object.position.set(...o.position);
  object.quaternion.setFromUnitVectors(new THREE.Vector3(0, 1, 0), new THREE.Vector3(...o.normal).normalize());
  object.userData.arId = o.id;
  object.traverse((c) => (c.frustumCulled = false));
  return object;
}

/** Frees what buildArObject made (shared glTF geometry stays with its model). */
export function disposeArObject(object: THREE.Object3D): void {
  object.traverse((child) => {
    const mesh = child as THREE.Mesh;
    if (!mesh.isMesh) return;
    (mesh.material as THREE.Material).dispose();
    if (!object.userData.gltf) mesh.geometry.dispose();
  });
}
