#!/usr/bin/env python3
"""Open3D on Depthscope's synthetic room, for the side-by-side of issue 16
(scripts/open3d/run.sh; not part of CI). For a folder written by
export-room.ts it writes, next to the input:
  open3d-vertices.f32  the vertices (x y z, float32 little-endian) of
                     ScalableTSDFVolume's extract_triangle_mesh, fused with the true
                     poses (voxel, truncation and depth range as our bench's);
  open3d-odometry.txt  frame-to-frame RGB-D odometry (hybrid term, Open3D's
                     default options but the depth range), chained from the
                     first true pose: camera-to-world, 12 numbers a line.
Prints one JSON line with the times.
Usage: python3 side_by_side.py FOLDER [VOXEL_M]"""
import json
import os
import sys
import time

import numpy as np
import open3d as o3d

folder = sys.argv[1]
voxel = float(sys.argv[2]) if len(sys.argv) > 2 else 0.01
meta = json.load(open(os.path.join(folder, 'intrinsic.json')))
intr = o3d.camera.PinholeCameraIntrinsic(meta['width'], meta['height'], meta['fx'], meta['fy'], meta['cx'], meta['cy'])
poses = []
for line in open(os.path.join(folder, 'poses.txt')):
    m = np.eye(4)
    m[:3, :] = np.array([float(v) for v in line.split()]).reshape(3, 4)
    poses.append(m)
DEPTH_MAX_M = 6.0  # the bench's depth range (scripts/bench-recon.ts SETTINGS)


def rgbd(k, intensity):
    name = '%03d.png' % k
    colour = o3d.io.read_image(os.path.join(folder, 'color', name))
    depth = o3d.io.read_image(os.path.join(folder, 'depth', name))
    return o3d.geometry.RGBDImage.create_from_color_and_depth(
        colour, depth, depth_scale=meta['depth_scale'], depth_trunc=DEPTH_MAX_M, convert_rgb_to_intensity=intensity)


t0 = time.time()
volume = o3d.pipelines.integration.ScalableTSDFVolume(
    voxel_length=voxel, sdf_trunc=4 * voxel, color_type=o3d.pipelines.integration.TSDFVolumeColorType.RGB8)
for k, pose in enumerate(poses):
    volume.integrate(rgbd(k, False), intr, np.linalg.inv(pose))
mesh = volume.extract_triangle_mesh()
np.asarray(mesh.vertices, dtype='<f4').tofile(os.path.join(folder, 'open3d-vertices.f32'))
fuse_s = time.time() - t0

t1 = time.time()
option = o3d.pipelines.odometry.OdometryOption()
option.depth_max = DEPTH_MAX_M
estimated = [poses[0]]
failed = 0
previous = rgbd(0, True)
for k in range(1, len(poses)):
    current = rgbd(k, True)
    # trans maps points of frame k-1 (source) into frame k (target).
    ok, trans, _ = o3d.pipelines.odometry.compute_rgbd_odometry(
        previous, current, intr, np.eye(4), o3d.pipelines.odometry.RGBDOdometryJacobianFromHybridTerm(), option)
    if not ok:
        failed += 1
        trans = np.eye(4)
    estimated.append(estimated[-1] @ np.linalg.inv(trans))
    previous = current
with open(os.path.join(folder, 'open3d-odometry.txt'), 'w') as f:
    for m in estimated:
        f.write(' '.join(repr(float(v)) for v in m[:3, :].reshape(-1)) + '\n')
odometry_s = time.time() - t1
print(json.dumps({'open3d': o3d.__version__, 'folder': folder, 'voxel_m': voxel, 'frames': len(poses),
                  'vertices': len(mesh.vertices), 'triangles': len(mesh.triangles), 'fuse_s': fuse_s,
                  'odometry_s': odometry_s, 'odometry_failed': failed}))
