/**
 * The orbit camera of the reconstruction's live view (issue 16: "from the
 * tracked camera or an orbit camera"). The view follows the camera of the last
 * integrated frame; an orbit turns it about a pivot on that camera's optical
 * axis and moves it nearer or farther, as 3-D viewers' orbit controls do. The
 * orbit is relative to the followed camera, so it stays on the scene while a
 * recording plays and the camera moves on.
 *
 * Axes are the cameras' own (OpenCV: x right, y down, z forward); poses are
 * camera-to-world, row-major 4 x 4 (core/recording.ts RigidTransform).
 */
import { multiplyTransforms } from './camera-path';
import type { RigidTransform } from './recording';

export interface Orbit {
  /** Turn about the followed camera's vertical axis through the pivot, radians; positive moves the camera to its left (the scene turns right). */
  yaw: number;
  /** Turn about its horizontal axis, radians, in ±MAX_PITCH; positive moves the camera up (looking down at the pivot). */
  pitch: number;
  /** Metres from the followed camera to the pivot along its optical axis. */
  pivotM: number;
  /** Metres from the orbiting camera to the pivot. */
  distanceM: number;
}

/** Short of straight above or below, where yaw would spin about the view direction. */
export const MAX_PITCH = (85 * Math.PI) / 180;
/** Nearest and farthest the camera may come, as factors of the pivot's distance. */
export const MIN_DISTANCE_FACTOR = 0.05;
export const MAX_DISTANCE_FACTOR = 20;

/** An orbit that leaves the camera where it is, about a pivot `pivotM` ahead. */
export function startOrbit(pivotM: number): Orbit {
  return { yaw: 0, pitch: 0, pivotM, distanceM: pivotM };
}

/** The orbit turned by (dYaw, dPitch) radians, the pitch kept within ±MAX_PITCH. */
export function turnOrbit(o: Orbit, dYaw: number, dPitch: number): Orbit {
  return { ...o, yaw: o.yaw + dYaw, pitch: Math.max(-MAX_PITCH, Math.min(MAX_PITCH, o.pitch + dPitch)) };
}

/** The orbit with its distance times `factor`, kept within the factors above of the pivot's distance. */
export function zoomOrbit(o: Orbit, factor: number): Orbit {
  const d = o.distanceM * factor;
  return { ...o, distanceM: Math.max(MIN_DISTANCE_FACTOR * o.pivotM, Math.min(MAX_DISTANCE_FACTOR * o.pivotM, d)) };
}

/**
 * The orbiting camera's pose (camera-to-world) from the followed camera's.
 * In the followed camera's frame the orbit's rotation is Q = Ry(yaw) Rx(-pitch)
 * (y points down: a camera moved up, to -y, looks down along +y); the new
 * camera looks along Q's z axis at the pivot (0, 0, pivotM) from distanceM away.
 */
export function orbitPose(followed: RigidTransform, o: Orbit): number[] {
  const cy = Math.cos(o.yaw);
  const sy = Math.sin(o.yaw);
  const cp = Math.cos(-o.pitch);
  const sp = Math.sin(-o.pitch);
  // Ry(a) = [c 0 s; 0 1 0; -s 0 c], Rx(b) = [1 0 0; 0 c -s; 0 s c]; Q = Ry Rx.
  const q = [cy, sy * sp, sy * cp, 0, cp, -sp, -sy, cy * sp, cy * cp];
  const d = o.distanceM;
  const local = [
    q[0], q[1], q[2], -q[2] * d,
    q[3], q[4], q[5], -q[5] * d,
    q[6], q[7], q[8], o.pivotM - q[8] * d,
    0, 0, 0, 1,
  ];
  return multiplyTransforms(followed, local);
}

/** The orbit as the live view's canvas states it (data-orbit): yaw and pitch in degrees, the distance in metres. */
export function orbitLabel(o: Orbit | null): string {
  if (!o) return 'follow';
  const deg = (r: number) => ((r * 180) / Math.PI).toFixed(1);
  return `${deg(o.yaw)},${deg(o.pitch)},${o.distanceM.toFixed(3)}`;
}
