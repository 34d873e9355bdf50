/**
 * "Align depth to colour" for a recording whose depth and colour streams are
 * different cameras (an unaligned RealSense recording: other intrinsics, a lens
 * each, a baseline between them). The store's `registration` tells the engine
 * to register each frame to the colour camera on the GPU before the chain
 * (src/gpu/align-depth-pass.ts), so every view, probe and export works on the
 * colour camera's grid in its intrinsics.
 *
 * Off by default, as RealSense tools have it (the Viewer shows each stream as
 * recorded, realsense-ros's align_depth.enable defaults to false, rs-align is a
 * choice): the recorded depth pixels are the measurement, and registration
 * resamples them (holes where the colour camera sees what the depth camera
 * did not, pixels repeated where it is finer).
 */
import type { SizedLensCamera } from '../core/align-depth';
import { presetScaleProblem, scalePreset } from '../core/intrinsics';
import type { CameraModel, RecordingSummary } from '../core/recording';
import type { DepthRegistration } from './store';

/** A recorded camera at a stream's resolution (camera_info may be for another size), or null when it cannot be scaled. */
function atStreamSize(camera: CameraModel, summary: RecordingSummary, streamId: string | null): SizedLensCamera | null {
  const stream = summary.streams.find((s) => s.id === streamId);
  const [width, height] = stream && stream.width > 0 ? [stream.width, stream.height] : [camera.width, camera.height];
  if (presetScaleProblem({ ...camera, label: camera.source }, width, height)) return null;
  return { ...scalePreset(camera, width, height), width, height, distortion: camera.distortion, coeffs: [...camera.coeffs] };
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

function sameCamera(a: SizedLensCamera, b: SizedLensCamera): boolean {
  const keys = ['width', 'height', 'fx', 'fy', 'cx', 'cy', 'distortion'] as const;
  return keys.every((k) => a[k] === b[k]) && a.coeffs.every((c, i) => c === b.coeffs[i]);
}

/**
 * The registration a recording offers: both cameras and the extrinsics between
 * them recorded, and the streams not already one camera (same intrinsics, lens
 * and size, identity extrinsics: then aligning changes nothing). Null otherwise.
 */
export function registrationFor(summary: RecordingSummary | null): DepthRegistration | null {
  if (!summary?.depthCamera || !summary.colourCamera || !summary.depthToColour || !summary.colourStream) return null;
  const depthCamera = atStreamSize(summary.depthCamera, summary, summary.depthStream);
  const colourCamera = atStreamSize(summary.colourCamera, summary, summary.colourStream);
  if (!depthCamera || !colourCamera) return null;
  const identity = summary.depthToColour.every((v, i) => v === IDENTITY[i]);
  if (identity && sameCamera(depthCamera, colourCamera)) return null;
  return { depthCamera, colourCamera, depthToColour: [...summary.depthToColour] };
}

/** What the intrinsics panel shows while depth is registered: the colour camera's, with its lens. */
export function registeredIntrinsics(r: DepthRegistration, colourSource: string) {
  const { fx, fy, cx, cy, distortion, coeffs } = r.colourCamera;
  return {
    intrinsics: { fx, fy, cx, cy },
    intrinsicsSource: `${colourSource} (depth aligned to colour)`,
    lens: distortion === 'none' ? null : { distortion, coeffs: [...coeffs] },
  };
}
