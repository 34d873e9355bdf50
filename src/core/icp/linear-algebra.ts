/**
 * The small dense algebra tracking needs, in float64: the 6x6 normal equations
 * solved by Cholesky, eigenvalues of small symmetric matrices (Jacobi; the
 * condition number of the normal equations, Horn's alignment), and the SE(3)
 * exponential of a twist (rotation vector, translation).
 */

/** Expands 21 upper-triangle entries (row-major: 00 01 .. 05 11 12 .. 55) to a full 6x6 (row-major). */
export function symmetricFromUpper(upper: ArrayLike<number>, n = 6): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = i; j < n; j++, k++) {
      m[i * n + j] = upper[k];
      m[j * n + i] = upper[k];
    }
  }
  return m;
}

/** Solves A x = b for a symmetric positive-definite n x n A (row-major) by Cholesky; null when A is not positive definite. */
export function choleskySolve(a: ArrayLike<number>, b: ArrayLike<number>, n = 6): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major n x n) of a symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 64; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/** The 2-norm condition number of a symmetric positive semi-definite matrix (Infinity when singular). */
export function conditionNumber(matrix: ArrayLike<number>, n: number): number {
  const { values } = symmetricEigen(matrix, n);
  const max = Math.max(...values);
  const min = Math.min(...values);
  return min > 0 ? max / min : Number.POSITIVE_INFINITY;
}

/** The rotation matrix (row-major 3x3) of rotation vector w (axis x angle, radians): Rodrigues' formula. */
export function rotationFromVector(w: readonly number[]): number[] {
  const angle = Math.hypot(w[0], w[1], w[2]);
  if (angle < 1e-12) return [1, -w[2], w[1], w[2], 1, -w[0], -w[1], w[0], 1];
  const [x, y, z] = w.map((c) => c / angle);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const C = 1 - c;
  return [
    c + x * x * C, x * y * C - z * s, x * z * C + y * s,
    y * x * C + z * s, c + y * y * C, y * z * C - x * s,
    z * x * C - y * s, z * y * C + x * s, c + z * z * C,
  ];
}

/** The rigid transform (row-major 4x4) of a twist [w, t]: rotation by w, then translation by t (the increment ICP solves for, applied on the left). */
export function incrementTransform(xi: ArrayLike<number>): number[] {
  const R = rotationFromVector([xi[0], xi[1], xi[2]]);
  return [R[0], R[1], R[2], xi[3], R[3], R[4], R[5], xi[4], R[6], R[7], R[8], xi[5], 0, 0, 0, 1];
}

/**
 * The rigid transform with T's translation and the rotation nearest T's
 * (row-major 4x4): three Newton steps of the polar decomposition,
 * R <- R (3 I - R^T R) / 2, each squaring R's distance from orthonormal. ICP
 * composes a pose from the last ones every frame (the constant-velocity
 * prediction multiplies three), and without this the rounding grew about 2.4x
 * a frame: past 1e-4 (where a pose stops counting as rigid) after 30 frames.
 */
export function reorthonormalised(t: readonly number[]): number[] {
  let R = [t[0], t[1], t[2], t[4], t[5], t[6], t[8], t[9], t[10]];
  for (let step = 0; step < 3; step++) {
    const RtR = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => R[i] * R[j] + R[3 + i] * R[3 + j] + R[6 + i] * R[6 + j]));
    R = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => (3 * R[3 * i + j] - (R[3 * i] * RtR[j] + R[3 * i + 1] * RtR[3 + j] + R[3 * i + 2] * RtR[6 + j])) / 2));
  }
  return [R[0], R[1], R[2], t[3], R[3], R[4], R[5], t[7], R[6], R[7], R[8], t[11], 0, 0, 0, 1];
}

/** The rotation vector (axis x angle) of the rotation part of a rigid transform: the inverse of rotationFromVector for angles below pi. */
export function rotationVector(t: readonly number[]): number[] {
  const angle = rotationAngle(t);
  const skew = [t[9] - t[6], t[2] - t[8], t[4] - t[1]];
  const k = angle < 1e-9 ? 0.5 : angle / (2 * Math.sin(angle));
  return skew.map((v) => k * v);
}

/** The angle (radians) of the rotation part of a rigid transform. */
export function rotationAngle(t: readonly number[]): number {
  const c = (t[0] + t[5] + t[10] - 1) / 2;
  return Math.acos(Math.min(1, Math.max(-1, c)));
}
