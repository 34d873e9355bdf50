/**
 * Files of a reconstruction: the fused mesh (binary PLY with faces, normals
 * and colours, or glTF .glb) in the chosen axis convention, and the camera
 * trajectory of the frames integrated in TUM's format. The mesh is the last
 * one marching cubes made (the panel's "Mesh now" makes a fresh one).
 */
import { AXIS_CONVENTIONS, convertPoseAxes, type AxisConvention } from '../core/axis-convention';
import { meshInAxes, soupMesh, type MeshForExport } from '../core/mesh-export';
import { formatTumTrajectory } from '../core/trajectory';
import { encodeGlb } from '../io/encode-glb';
import { encodePly } from '../io/encode-ply';
import { downloadBytes } from '../io/download';
import { exportFileName } from '../io/export-depth';
import { asciiBytes } from '../io/encode-checks';
import { reconStore } from './recon-store';
import { recordingStore } from './recording-store';
import { store } from './store';

export type MeshFileKind = 'ply' | 'glb';

export const axesLabel = (axes: AxisConvention) => AXIS_CONVENTIONS.find((c) => c.id === axes)!.label;

/** A mesh as a file of `kind` (shared by the fused mesh and the single-frame mesh). */
export function saveMesh(mesh: MeshForExport, kind: MeshFileKind, axes: AxisConvention, sourceName: string, what: string, comments: readonly string[]): void {
  const converted = meshInAxes(mesh, axes);
  if (kind === 'glb') {
    downloadBytes(encodeGlb(converted), exportFileName(sourceName, what, 'glb'), 'model/gltf-binary');
    return;
  }
  const ply = encodePly(
    { positions: converted.positions, normals: converted.normals, colors: converted.colors, faces: converted.faces },
    { sourceName, comments: [`axes: ${axesLabel(axes)}`, ...comments] },
  );
  downloadBytes(ply.bytes, exportFileName(sourceName, what, 'ply'), 'application/octet-stream');
}

const sourceName = () => recordingStore.getState().summary?.name ?? store.getState().source?.name ?? 'reconstruction';

export function exportFusedMesh(kind: MeshFileKind): void {
  const { mesh } = reconStore.getState();
  if (!mesh) {
    reconStore.setState({ error: 'There is no fused mesh yet: start the reconstruction (a mesh is made every few frames), or press “Mesh now”.' });
    return;
  }
  const s = store.getState();
  saveMesh(soupMesh(mesh.positions, mesh.normals, mesh.colours), kind, s.exportAxes, sourceName(), 'fused_mesh', [
    `TSDF fusion of ${mesh.frames} frames: voxel ${s.recon.voxelM} m, truncation ${s.recon.truncationM} m, poses: ${s.recon.poseSource}`,
  ]);
}

export function exportTrajectory(): void {
  const { trajectory } = reconStore.getState();
  if (trajectory.length === 0) {
    reconStore.setState({ error: 'There is no trajectory yet: no frame has been integrated.' });
    return;
  }
  const s = store.getState();
  const poses = trajectory.map(({ stamp, pose }) => ({ stamp, pose: convertPoseAxes(pose, s.exportAxes) }));
  const text = formatTumTrajectory(poses, `camera-to-world, metres, axes ${axesLabel(s.exportAxes)}, poses: ${s.recon.poseSource}`);
  downloadBytes(asciiBytes(text), exportFileName(sourceName(), 'trajectory_tum', 'txt'), 'text/plain');
}
