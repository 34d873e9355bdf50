/**
 * Cameras that datasets publish on their pages rather than in their files.
 *
 * TUM RGB-D: per-camera calibrations of the Kinects (the colour camera, OpenCV
 * plumb_bob k1 k2 p1 p2 k3) from TUM's "intrinsic calibration" page
 * (vision.in.tum.de/data/datasets/rgbd-dataset/intrinsic_calibration), checked
 * here against the copies ORB-SLAM2 ships for TUM's RGB-D sequences
 * (raulmur/ORB_SLAM2, Examples/RGB-D/TUM1.yaml, TUM2.yaml, TUM3.yaml; TUM2 also in
 * OpenVSLAM's example/tum_rgbd/TUM_RGBD_rgbd_2.yaml). The same page states that
 * OpenNI registered the depth images to the colour camera (1:1 pixels), so the
 * colour calibration is the depth's too; it also gives 525 / 319.5 / 239.5 as a
 * generic default, which is what a sequence without a known camera keeps.
 * freiburg3's images are undistorted already (no coefficients). The camera is
 * picked by the sequence's name (rgbd_dataset_freiburg1_xyz).
 *
 * 7-Scenes: the authors give no calibration, only "the following default
 * intrinsics for the depth camera: Principle point (320,240), Focal length
 * (585,585)" used in their KinectFusion pipeline (quoted from the dataset page in
 * naver/kapture's tools/kapture_import_7scenes.py). The colour camera is not
 * registered to depth and has no published intrinsics.
 */
import type { CameraModel } from '../../core/recording';

const TUM_SOURCE = 'TUM RGB-D calibration of';
const KINECT = { width: 640, height: 480 };

const TUM_CAMERAS: Readonly<Record<'1' | '2' | '3', Omit<CameraModel, 'source'>>> = {
  '1': { ...KINECT, fx: 517.306408, fy: 516.469215, cx: 318.64304, cy: 255.313989, distortion: 'brown-conrady', coeffs: [0.262383, -0.953104, -0.005358, 0.002628, 1.163314] },
  '2': { ...KINECT, fx: 520.90862, fy: 521.007327, cx: 325.141442, cy: 249.701764, distortion: 'brown-conrady', coeffs: [0.231222, -0.784899, -0.003257, -0.000105, 0.917205] },
  '3': { ...KINECT, fx: 535.4, fy: 539.2, cx: 320.1, cy: 247.6, distortion: 'none', coeffs: [0, 0, 0, 0, 0] },
};

/** The calibrated Kinect of a TUM sequence, by the freiburgN in its name; null when the name does not say. */
export function tumCamera(sequenceName: string): CameraModel | null {
  const n = /freiburg([123])(?![0-9])/i.exec(sequenceName)?.[1] as '1' | '2' | '3' | undefined;
  return n ? { ...TUM_CAMERAS[n], source: `${TUM_SOURCE} freiburg${n} (by the sequence's name)` } : null;
}

/** 7-Scenes' depth camera as its authors give it (their KinectFusion defaults). */
export const SEVEN_SCENES_DEPTH_CAMERA: CameraModel = {
  ...KINECT,
  fx: 585,
  fy: 585,
  cx: 320,
  cy: 240,
  distortion: 'none',
  coeffs: [0, 0, 0, 0, 0],
  source: '7-Scenes: the authors’ default depth intrinsics',
};
