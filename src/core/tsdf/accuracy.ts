/**
 * How close a fused mesh is to a known surface.
 *
 * - Accuracy (precision side): each vertex's distance to the true surface,
 *   |sdf(vertex)|, from the scene's analytic signed distance (exact, no sampling).
 * - Completeness (recall side): the fraction of true surface samples with a
 *   mesh vertex within tau (nearest vertex through a uniform grid of cell tau).
 *   Vertices lie on cube edges, at most one voxel apart along the surface, so
 *   with tau below a voxel a perfect surface can still miss samples: compare
 *   completeness at tau >= one voxel.
 * - F-score at tau (Knapitsch et al., Tanks and Temples): 2 P R / (P + R) with P
 *   the fraction of vertices within tau of the surface and R the completeness.
 */
import type { Vec3 } from '../synthetic-sequence';

export interface DistanceStats {
  count: number;
  mean: number;
  /** 90th and 99th percentiles and the largest. */
  p90: number;
  p99: number;
  max: number;
}

/** |sdf| at every vertex (xyz triples) and its statistics. */
export function surfaceDistances(positions: Float32Array, sdf: (p: Vec3) => number): { distances: Float64Array; stats: DistanceStats } {
  const n = positions.length / 3;
  const distances = new Float64Array(n);
  for (let i = 0; i < n; i++) distances[i] = Math.abs(sdf({ x: positions[3 * i], y: positions[3 * i + 1], z: positions[3 * i + 2] }));
  const sorted = Float64Array.from(distances).sort();
  let sum = 0;
  for (const d of sorted) sum += d;
  const at = (q: number) => (n ? sorted[Math.min(n - 1, Math.floor(q * n))] : Number.NaN);
  return { distances, stats: { count: n, mean: n ? sum / n : Number.NaN, p90: at(0.9), p99: at(0.99), max: n ? sorted[n - 1] : Number.NaN } };
}

/** The fraction of `truth` points (xyz triples) with a `mesh` vertex within tau metres. */
export function completeness(truth: Float32Array, mesh: Float32Array, tau: number): number {
  const cell = tau;
  const grid = new Map<string, number[]>();
  const keyOf = (x: number, y: number, z: number) => `${x},${y},${z}`;
  for (let i = 0; i < mesh.length; i += 3) {
    const k = keyOf(Math.floor(mesh[i] / cell), Math.floor(mesh[i + 1] / cell), Math.floor(mesh[i + 2] / cell));
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  }
  let hit = 0;
  const n = truth.length / 3;
  for (let i = 0; i < truth.length; i += 3) {
    const [x, y, z] = [truth[i], truth[i + 1], truth[i + 2]];
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    const cz = Math.floor(z / cell);
    let found = false;
    for (let dx = -1; dx <= 1 && !found; dx++)
      for (let dy = -1; dy <= 1 && !found; dy++)
        for (let dz = -1; dz <= 1 && !found; dz++) {
          for (const j of grid.get(keyOf(cx + dx, cy + dy, cz + dz)) ?? []) {
            if ((mesh[j] - x) ** 2 + (mesh[j + 1] - y) ** 2 + (mesh[j + 2] - z) ** 2 <= tau * tau) {
              found = true;
              break;
            }
          }
        }
    if (found) hit++;
  }
  return n ? hit / n : Number.NaN;
}

/** Precision, recall and F-score at tau. */
export function fScore(distances: Float64Array, truth: Float32Array, mesh: Float32Array, tau: number): { precision: number; recall: number; f: number } {
  let within = 0;
  for (const d of distances) if (d <= tau) within++;
  const precision = distances.length ? within / distances.length : 0;
  const recall = completeness(truth, mesh, tau);
  return { precision, recall, f: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
