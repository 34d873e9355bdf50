#!/usr/bin/env bash
# Regenerates the small TIFF (and a few PNG) fixtures under src/io/__fixtures__/ that the
# decoder tests read. Each image is 37 x 23 pixels (so 16 x 16 tiles and 5-row strips
# have ragged edges) and its pixel values follow a formula that src/io/fixtures.ts
# recomputes; nothing here needs to be trusted except libtiff/ImageMagick writing
# what they are told.
#
# Needs: node, libtiff-tools (raw2tiff, tiffcp), ImageMagick 6 (convert), e.g.
#   apt-get install -y libtiff-tools imagemagick
# The base images are written by raw2tiff from raw bytes; tiffcp then re-encodes them
# (compression, predictor, tiles, byte order) without touching sample values.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/src/io/__fixtures__"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
W=37
H=23

# Raw little-endian sample files from the same formulas as src/io/fixtures.ts.
node --input-type=module - "$tmp" "$W" "$H" <<'JS'
import { writeFileSync } from 'node:fs';
const [dir, W, H] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const grid = (Arr, f) => { const a = new Arr(W * H); for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) a[y * W + x] = f(x, y); return a; };
const save = (name, a) => writeFileSync(`${dir}/${name}.raw`, new Uint8Array(a.buffer));
save('u8', grid(Uint8Array, (x, y) => (x * 7 + y * 13 + x * y) % 256));
save('u16', grid(Uint16Array, (x, y) => (x * 1237 + y * 7919 + x * y * 31) % 65536));
save('u16b', grid(Uint16Array, (x, y) => (65535 - x * 1000 - y * 17) % 65536));
save('u32', grid(Uint32Array, (x, y) => 4000000000 - x * 99991 - y * 77777));
save('i16', grid(Int16Array, (x, y) => (x - 18) * 1000 - y * 37));
save('f32', grid(Float32Array, (x, y) => (x === 3 && y === 4 ? NaN : x === 5 && y === 6 ? -Infinity : x === 7 && y === 8 ? -0 : (x - 18.5) * 0.25 + y * 1.5)));
save('f64', grid(Float64Array, (x, y) => x / 3 + y * 1e10));
save('gray4', grid(Uint8Array, (x, y) => ((x + y) % 16) * 17));
// RGB colours from a formula (for the colour -> relative depth tests).
const rgb = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) { const i = 3 * (y * W + x); rgb[i] = (x * 6) % 256; rgb[i + 1] = (y * 11) % 256; rgb[i + 2] = (x * y) % 256; }
writeFileSync(`${dir}/rgb.raw`, rgb);
// A palette-friendly RGB image: 6 colours chosen by (x + 2y) % 6.
const pal = [[0, 0, 0], [255, 0, 0], [0, 200, 0], [10, 20, 250], [255, 255, 255], [128, 64, 32]];
const prgb = new Uint8Array(W * H * 3);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) prgb.set(pal[(x + 2 * y) % 6], 3 * (y * W + x));
writeFileSync(`${dir}/pal.raw`, prgb);
JS

base() { # name type -> uncompressed, one strip
  # -L is raw2tiff's *bit* order: FillOrder 2 (lowest bit first), which tiffcp keeps, so
  # every libtiff-made TIFF fixture also exercises the decoder's FillOrder handling.
  raw2tiff -w "$W" -l "$H" -b 1 -d "$2" -L -p minisblack -c none -r "$H" "$tmp/$1.raw" "$tmp/$1.tif"
}
base u8 byte
base u16 short
base u16b short
base u32 long
base i16 sshort
base f32 float
base f64 double

cp() { tiffcp "$@"; }
cp -c lzw -r 5 "$tmp/u16.tif" "$out/tiff-u16-lzw-strips.tif"
cp -c zip:2 -r 4 "$tmp/u16.tif" "$out/tiff-u16-deflate-pred2.tif"
cp -c lzw:2 -t -w 16 -l 16 "$tmp/u16.tif" "$out/tiff-u16-lzw-pred2-tiles.tif"
cp -B -c lzw:2 -r 7 "$tmp/u16.tif" "$out/tiff-u16-bigendian-lzw-pred2.tif"
cp -c packbits -r 3 "$tmp/u8.tif" "$out/tiff-u8-packbits.tif"
cp -c packbits -t -w 16 -l 16 "$tmp/u8.tif" "$out/tiff-u8-packbits-tiles.tif"
cp -c lzw:2 -r 6 "$tmp/u32.tif" "$out/tiff-u32-lzw-pred2.tif"
cp -c zip:2 -r 8 "$tmp/i16.tif" "$out/tiff-i16-deflate-pred2.tif"
cp -c zip:3 -r 5 "$tmp/f32.tif" "$out/tiff-f32-deflate-pred3.tif"
cp -B -c lzw:3 -t -w 16 -l 16 "$tmp/f32.tif" "$out/tiff-f32-bigendian-lzw-pred3-tiles.tif"
cp -c zip:3 -t -w 16 -l 16 "$tmp/f64.tif" "$out/tiff-f64-deflate-pred3-tiles.tif"
cp -c none "$tmp/f64.tif" "$out/tiff-f64-none.tif"
# Three pages: uint16, float32, uint16 (another formula).
cp -c lzw "$tmp/u16.tif" "$tmp/f32.tif" "$tmp/u16b.tif" "$out/tiff-multipage.tif"

# 8-bit colour, palette and gray + alpha, written by ImageMagick.
IM=/usr/bin/convert
"$IM" -size ${W}x${H} -depth 8 "rgb:$tmp/rgb.raw" -compress lzw "$out/tiff-rgb8-lzw.tif"
tiffcp -p separate -c none "$out/tiff-rgb8-lzw.tif" "$out/tiff-rgb8-planar.tif"
"$IM" -size ${W}x${H} -depth 8 "rgb:$tmp/pal.raw" -type Palette -compress none "$out/tiff-palette4.tif"
"$IM" -size ${W}x${H} -depth 16 -endian LSB "gray:$tmp/u16.raw" -alpha on -compress zip "$out/tiff-u16-gray-alpha.tif"

# PNG variants (fast-png is exercised on what libpng writes, not only on its own output).
"$IM" -size ${W}x${H} -depth 16 -endian LSB "gray:$tmp/u16.raw" -interlace PNG \
  -define png:bit-depth=16 -define png:color-type=0 "$out/png-u16-adam7.png"
"$IM" -size ${W}x${H} -depth 8 "gray:$tmp/gray4.raw" -depth 4 \
  -define png:bit-depth=4 -define png:color-type=0 "$out/png-gray4.png"
"$IM" -size ${W}x${H} -depth 8 "rgb:$tmp/pal.raw" "png8:$out/png-palette.png"
"$IM" -size ${W}x${H} -depth 16 -endian LSB "gray:$tmp/u16.raw" -alpha on \
  -define png:bit-depth=16 -define png:color-type=4 "$out/png-u16-gray-alpha.png"
"$IM" -size ${W}x${H} -depth 16 -endian LSB "gray:$tmp/u16.raw" -define png:bit-depth=16 \
  -define png:color-type=2 "$out/png-rgb16.png"
"$IM" -size ${W}x${H} -depth 8 "rgb:$tmp/rgb.raw" -define png:color-type=2 "$out/png-rgb8.png"

ls -l "$out"
