/**
 * Intrinsics files as their tools write them (in __fixtures__/intrinsics, byte for
 * byte), for the reader's tests and the fuzz corpus (scripts/fuzz/corpus-text.ts).
 * Test support only: read with node:fs.
 */
import { readFileSync } from 'node:fs';

const read = (name: string): string => readFileSync(new URL(`./__fixtures__/intrinsics/${name}`, import.meta.url), 'utf8');

// o3d.io.write_pinhole_camera_intrinsic (jsoncpp's styled writer): the matrix is column-major.
export const OPEN3D = read('open3d-camera_intrinsic.json');
// camera_calibration's ost.yaml (ROS Noetic / ROS 2: aligned numbers over several lines).
export const ROS_CALIBRATION = read('ros-camera_calibration-ost.yaml');
// OpenCV's calibration sample (cv::FileStorage): a non-standard directive and a custom tag.
export const OPENCV = read('opencv-calibration.yml');
// rostopic echo -n 1 /camera/depth/camera_info (ROS 1).
export const ROS1_ECHO = read('ros1-rostopic-echo.yaml');
// ros2 topic echo (lower-case fields, block lists at the key's indentation); only the first message counts.
export const ROS2_ECHO = read('ros2-topic-echo.yaml');

export const ROSBRIDGE_JSON = JSON.stringify({
  header: { frame_id: 'camera' },
  height: 480,
  width: 640,
  distortion_model: 'plumb_bob',
  D: [],
  K: [525, 0, 319.5, 0, 525, 239.5, 0, 0, 1],
  P: [525, 0, 319.5, 0, 0, 525, 239.5, 0, 0, 0, 1, 0],
});
