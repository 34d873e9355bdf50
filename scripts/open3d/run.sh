#!/bin/sh
# Issue 16's side-by-side: Open3D (Debian's python3-open3d, not a CI dependency)
# and Depthscope's references on the same synthetic room, scored by the same
# code. Usage: scripts/open3d/run.sh [WIDTH] [FRAMES] [VOXEL_M]   (defaults 320 40 0.01)
# Output: JSON lines on stdout (Open3D's timings, then the scores).
set -e
WIDTH=${1:-320}
FRAMES=${2:-40}
VOXEL=${3:-0.01}
ROOT=$(mktemp -d /tmp/depthscope-open3d-XXXXXX)
npx tsx scripts/open3d/export-room.ts "$ROOT" "$WIDTH" "$FRAMES"
for v in exact noisy; do /usr/bin/python3 scripts/open3d/side_by_side.py "$ROOT/$v" "$VOXEL"; done
npx tsx scripts/open3d/score.ts "$ROOT" "$WIDTH" "$FRAMES" "$VOXEL"
rm -rf "$ROOT"
