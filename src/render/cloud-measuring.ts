/**
 * Measuring in the 3-D view: while measuring is on, a click (not a drag) picks
 * the surface point under the pointer (cloud-picking.ts) and the last two
 * picked are kept in the store; their markers (dots, and the line between two)
 * are drawn over the cloud, never hidden by it.
 */
import * as THREE from 'three';
import { scaledIntrinsics } from '../core/intrinsics';
import { currentIntrinsics, setState, store, type MeasurePoint } from '../state/store';
import { pickPoint } from './cloud-picking';
import { onSurfaceClick } from './surface-clicks';

/** Picks measurement points with clicks on `element`, seen through `camera`. Returns the function that stops it. */
export function measureOnClick(element: HTMLElement, camera: THREE.Camera): () => void {
  return onSurfaceClick(
    element,
    () => store.getState().measuring && store.getState().source !== null,
    (e, field) => {
      const s = store.getState();
      const box = element.getBoundingClientRect();
      camera.updateMatrixWorld();
      const viewProjection = new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
      const intr = scaledIntrinsics(currentIntrinsics(s), field.factor);
      const input = { depth: field.depth, width: field.width, height: field.height, intr, stride: Math.max(1, s.cloud.stride), lens: s.lens ?? undefined };
      const p = pickPoint(input, viewProjection, box, e.clientX - box.left, e.clientY - box.top);
      if (p) setState({ measurePoints: [...store.getState().measurePoints, p].slice(-2) });
    },
  );
}

/** The markers of the measured points, drawn on top of the cloud (camera frame, like the cloud's root). */
export class MeasureMarkers {
  readonly group = new THREE.Group();

  show(points: readonly MeasurePoint[]): void {
    this.clear();
    for (const p of points) {
      const dot = new THREE.Mesh(new THREE.SphereGeometry(0.006 * p.z, 12, 8), new THREE.MeshBasicMaterial({ color: '#ffffff', depthTest: false }));
      dot.position.set(p.x, p.y, p.z);
      dot.renderOrder = 1;
      this.group.add(dot);
    }
    if (points.length === 2) {
      const [a, b] = points;
      const line = new THREE.Line(
        new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(a.x, a.y, a.z), new THREE.Vector3(b.x, b.y, b.z)]),
        new THREE.LineBasicMaterial({ color: '#ffffff', depthTest: false }),
      );
      line.renderOrder = 1;
      this.group.add(line);
    }
  }

  clear(): void {
    for (const m of [...this.group.children] as (THREE.Mesh | THREE.Line)[]) {
      this.group.remove(m);
      (m.material as THREE.Material).dispose();
      m.geometry.dispose();
    }
  }
}
