/**
 * Writes the synthetic room (src/core/synthetic-sequence.ts) as files Open3D
 * reads, for the side-by-side of issue 16 (scripts/open3d/run.sh): per
 * variant a folder with depth/NNN.png (16-bit), color/NNN.png (8-bit RGB),
 * poses.txt (camera-to-world, 12 numbers a line: the top three rows, row-major)
 * and intrinsic.json ({width, height, fx, fy, cx, cy, depth_scale}).
 *   exact: the exact depth at 1/10000 m a unit (0.05 mm rounding, far under
 *          the 1 cm voxels: the float depth our bench fuses, as near as a PNG holds it);
 *   noisy: 2 mm Gaussian noise, whole millimetres (the bench's noisy case).
 * Usage: tsx scripts/open3d/export-room.ts OUT_DIR [WIDTH] [FRAMES]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'fast-png';
import { makeSyntheticSequence, type SyntheticSequence } from '../../src/core/synthetic-sequence';
import { encodePng16 } from '../../src/io/encode-png16';

const [out, widthArg, framesArg] = process.argv.slice(2);
if (!out) throw new Error('usage: tsx scripts/open3d/export-room.ts OUT_DIR [WIDTH] [FRAMES]');
const width = Number(widthArg ?? 640);
const height = (width * 3) / 4;
const frames = Number(framesArg ?? 40);

function write(dir: string, seq: SyntheticSequence, unitsPerMetre: number): void {
  mkdirSync(join(dir, 'depth'), { recursive: true });
  mkdirSync(join(dir, 'color'), { recursive: true });
  const name = (k: number) => `${String(k).padStart(3, '0')}.png`;
  seq.frames.forEach((f, k) => {
    const data = new Uint16Array(width * height);
    for (let i = 0; i < data.length; i++) {
      const z = f.depthM[i];
      data[i] = Number.isFinite(z) ? Math.min(0xffff, Math.max(0, Math.round(z * unitsPerMetre))) : 0;
    }
    writeFileSync(join(dir, 'depth', name(k)), encodePng16({ width, height, data }));
    const rgb = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) rgb.set(f.rgba.subarray(4 * i, 4 * i + 3), 3 * i);
    writeFileSync(join(dir, 'color', name(k)), encode({ width, height, data: rgb, depth: 8, channels: 3 }));
  });
  writeFileSync(join(dir, 'poses.txt'), seq.frames.map((f) => f.pose.slice(0, 12).join(' ')).join('\n') + '\n');
  writeFileSync(join(dir, 'intrinsic.json'), JSON.stringify({ width, height, ...seq.intrinsics, depth_scale: unitsPerMetre }));
}

write(join(out, 'exact'), makeSyntheticSequence({ width, height, frames }), 10000);
write(join(out, 'noisy'), makeSyntheticSequence({ width, height, frames, noiseSigmaM: 0.002, quantiseMm: true }), 1000);
