/**
 * Intrinsics files as their tools write them, for the reader's tests and the
 * fuzz corpus (scripts/fuzz/corpus-text.ts). Test support only.
 */

// o3d.io.write_pinhole_camera_intrinsic (jsoncpp's styled writer): the matrix is column-major.
export const OPEN3D = `{
\t"height" : 480,
\t"intrinsic_matrix" : 
\t[
\t\t517.29999999999995,
\t\t0.0,
\t\t0.0,
\t\t0.0,
\t\t516.5,
\t\t0.0,
\t\t318.60000000000002,
\t\t255.30000000000001,
\t\t1.0
\t],
\t"width" : 640
}
`;

// camera_calibration's ost.yaml (ROS Noetic / ROS 2: aligned numbers over several lines).
export const ROS_CALIBRATION = `image_width: 640
image_height: 480
camera_name: narrow_stereo
camera_matrix:
  rows: 3
  cols: 3
  data: [517.30000,   0.     , 318.60000,
           0.     , 516.50000, 255.30000,
           0.     ,   0.     ,   1.     ]
distortion_model: plumb_bob
distortion_coefficients:
  rows: 1
  cols: 5
  data: [0.2624, -0.9531, -0.0054, 0.0026, 1.1633]
rectification_matrix:
  rows: 3
  cols: 3
  data: [1., 0., 0.,
         0., 1., 0.,
         0., 0., 1.]
projection_matrix:
  rows: 3
  cols: 4
  data: [517.3, 0., 318.6, 0., 0., 516.5, 255.3, 0., 0., 0., 1., 0.]
`;

// OpenCV's calibration sample (cv::FileStorage): a non-standard directive and a custom tag.
export const OPENCV = `%YAML:1.0
---
calibration_time: "Tue 12 Mar 2024 10:00:00 CET"
image_width: 640
image_height: 480
flags: 0
camera_matrix: !!opencv-matrix
   rows: 3
   cols: 3
   dt: d
   data: [ 5.1729999999999995e+02, 0., 3.1860000000000002e+02, 0.,
       5.1650000000000000e+02, 2.5530000000000001e+02, 0., 0., 1. ]
distortion_coefficients: !!opencv-matrix
   rows: 5
   cols: 1
   dt: d
   data: [ 0., 0., 0., 0., 0. ]
avg_reprojection_error: 1.9e-01
`;

// rostopic echo -n 1 /camera/depth/camera_info (ROS 1).
export const ROS1_ECHO = `header: 
  seq: 1234
  stamp: 
    secs: 1305031102
    nsecs: 175304
  frame_id: "/openni_rgb_optical_frame"
height: 480
width: 640
distortion_model: "plumb_bob"
D: [0.0, 0.0, 0.0, 0.0, 0.0]
K: [525.0, 0.0, 319.5, 0.0, 525.0, 239.5, 0.0, 0.0, 1.0]
R: [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
P: [525.0, 0.0, 319.5, 0.0, 0.0, 525.0, 239.5, 0.0, 0.0, 0.0, 1.0, 0.0]
binning_x: 0
binning_y: 0
roi: 
  x_offset: 0
  y_offset: 0
  height: 0
  width: 0
  do_rectify: False
---
`;

// ros2 topic echo (lower-case fields, block lists at the key's indentation); only the first message counts.
export const ROS2_ECHO = `header:
  stamp:
    sec: 1700000000
    nanosec: 5
  frame_id: camera_depth_optical_frame # the depth frame
height: 720
width: 1280
distortion_model: plumb_bob
d:
- 0.0
- 0.0
- 0.0
- 0.0
- 0.0
k:
- 640.0
- 0.0
- 639.5
- 0.0
- 640.0
- 359.5
- 0.0
- 0.0
- 1.0
r: [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0]
binning_x: 0
binning_y: 0
roi:
  x_offset: 0
  y_offset: 0
  height: 0
  width: 0
  do_rectify: false
---
height: 1
width: 1
k: [1, 0, 0, 0, 1, 0, 0, 0, 1]
---
`;

export const ROSBRIDGE_JSON = JSON.stringify({
  header: { frame_id: 'camera' },
  height: 480,
  width: 640,
  distortion_model: 'plumb_bob',
  D: [],
  K: [525, 0, 319.5, 0, 525, 239.5, 0, 0, 1],
  P: [525, 0, 319.5, 0, 0, 525, 239.5, 0, 0, 0, 1, 0],
});
