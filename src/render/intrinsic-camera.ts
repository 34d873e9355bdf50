/**
 * A three.js camera that sees exactly what the depth camera saw: its frustum
 * comes from the pinhole intrinsics, so an off-centre principal point gives an
 * off-centre frustum (a symmetric field of view would shift the picture by
 * cx - w/2 pixels). Pixel centres are at integer (u, v), as in OpenCV: pixel u
 * spans [u - 0.5, u + 0.5], so the image's left edge is the ray of u = -0.5.
 * three.js's camera looks down -z with y up; the depth camera's frame (x right,
 * y down, z forward) maps to it by flipping y and z.
 */
import * as THREE from 'three';
import type { PinholeIntrinsics } from '../core/filters/depth-field';

export class IntrinsicCamera extends THREE.PerspectiveCamera {
  intrinsics: PinholeIntrinsics = { fx: 525, fy: 525, cx: 319.5, cy: 239.5 };
  imageWidth = 640;
  imageHeight = 480;

  setIntrinsics(intr: PinholeIntrinsics, width: number, height: number): void {
    this.intrinsics = intr;
    this.imageWidth = width;
    this.imageHeight = height;
    this.updateProjectionMatrix();
  }

  /** Ignores fov and aspect (the canvas is sized to the image): the frustum is the sensor's. */
  override updateProjectionMatrix(): void {
    // PerspectiveCamera's constructor calls this before our fields exist.
    if (!this.intrinsics) return super.updateProjectionMatrix();
    const { fx, fy, cx, cy } = this.intrinsics;
    const n = this.near;
    const left = (-(cx + 0.5) * n) / fx;
    const right = ((this.imageWidth - (cx + 0.5)) * n) / fx;
    const top = ((cy + 0.5) * n) / fy;
    const bottom = (-(this.imageHeight - (cy + 0.5)) * n) / fy;
    this.projectionMatrix.makePerspective(left, right, top, bottom, n, this.far, this.coordinateSystem);
    this.projectionMatrixInverse.copy(this.projectionMatrix).invert();
  }
}
