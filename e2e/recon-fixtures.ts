/**
 * The generator of the reconstruction spec's dataset: the synthetic room of
 * src/core/synthetic-sequence.ts as a Redwood / Open3D folder (depth/ 16-bit
 * PNG in mm, color/ RGB PNG, camera_intrinsic.json, trajectory.log with the
 * true camera-to-world poses), written by the test itself. Small, because the
 * GPU here is SwiftShader: 80 x 60 pixels, 8 frames, the size src/core/tsdf/
 * tsdf.test.ts derives its accuracy bounds for.
 */
import { encode } from 'fast-png';
import { makeSyntheticSequence, type SyntheticSequence } from '../src/core/synthetic-sequence';
import { encodePng16 } from '../src/io/encode-png16';

export const RECON_W = 80;
export const RECON_H = 60;
export const RECON_FRAMES = 8;

export function reconSequence(): SyntheticSequence {
  return makeSyntheticSequence({ width: RECON_W, height: RECON_H, frames: RECON_FRAMES, quantiseMm: true });
}

/**
 * The folder's files by relative path; `poses: false` leaves the trajectory out (a
 * dataset without poses); `scaleFirstPose` writes frame 0's pose scaled by that
 * factor (not a rigid transform).
 */
export function syntheticRoomRedwood(seq: SyntheticSequence, poses = true, scaleFirstPose = 1): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const log: string[] = [];
  seq.frames.forEach((f, k) => {
    const name = String(k).padStart(6, '0');
    files[`depth/${name}.png`] = encodePng16({ width: seq.width, height: seq.height, data: f.depthMm! });
    const rgb = new Uint8Array(seq.width * seq.height * 3);
    for (let i = 0; i < seq.width * seq.height; i++) rgb.set(f.rgba.subarray(4 * i, 4 * i + 3), 3 * i);
    files[`color/${name}.png`] = encode({ width: seq.width, height: seq.height, data: rgb, depth: 8, channels: 3 });
    log.push(`${k} ${k} ${k + 1}`);
    const pose = f.pose.map((v, i) => (k === 0 && i < 12 && i % 4 < 3 ? v * scaleFirstPose : v));
    for (let r = 0; r < 4; r++) log.push(pose.slice(4 * r, 4 * r + 4).map((v) => v.toPrecision(17)).join(' '));
  });
  const { fx, fy, cx, cy } = seq.intrinsics;
  files['camera_intrinsic.json'] = new TextEncoder().encode(JSON.stringify({ width: seq.width, height: seq.height, intrinsic_matrix: [fx, 0, 0, 0, fy, 0, cx, cy, 1] }));
  if (poses) files['trajectory.log'] = new TextEncoder().encode(`${log.join('\n')}\n`);
  return files;
}
