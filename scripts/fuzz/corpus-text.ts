/**
 * Seed texts for the text targets: intrinsics files as their tools write them
 * (the same layouts src/io/intrinsics-file.test.ts reads), and the tokens the
 * text mutator inserts.
 */

// o3d.io.write_pinhole_camera_intrinsic: column-major matrix, tabs.
const OPEN3D = `{
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

// camera_calibration's ost.yaml.
const ROS_CALIBRATION = `image_width: 640
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
projection_matrix:
  rows: 3
  cols: 4
  data: [517.3, 0., 318.6, 0., 0., 516.5, 255.3, 0., 0., 0., 1., 0.]
`;

// cv::FileStorage calibration output.
const OPENCV = `%YAML:1.0
---
calibration_time: "Tue 12 Mar 2024 10:00:00 CET"
image_width: 640
image_height: 480
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
`;

// rostopic echo (ROS 1).
const ROS1_ECHO = `header: 
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

// ros2 topic echo: block lists at the key's indentation.
const ROS2_ECHO = `header:
  stamp:
    sec: 1700000000
    nanosec: 5
  frame_id: camera_depth_optical_frame # the depth frame
height: 720
width: 1280
d:
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
binning_x: 2
roi:
  x_offset: 4
  do_rectify: false
---
height: 1
`;

const ROSBRIDGE_JSON = JSON.stringify({ height: 480, width: 640, D: [], K: [525, 0, 319.5, 0, 525, 239.5, 0, 0, 1], P: [525, 0, 319.5, 0, 0, 525, 239.5, 0, 0, 0, 1, 0] });
const DEPTHSCOPE = '{"width": 640, "height": 480, "fx": 525, "fy": 525, "cx": 319.5, "cy": 239.5, "depth_scale": 1000}';
const FLOW = '{width: 640, height: 480, fx: 525, fy: 525, cx: 319.5, cy: 239.5}';
const ROWS = '{"width": 640, "height": 480, "K": [[517.3, 0, 318.6], [0, 516.5, 255.3], [0, 0, 1]]}';

// The YAML reader's own test text: every construct it reads.
const YAML_CONSTRUCTS = `# comment
a:
  - b: 1
    c: [2, {d: "x # not a comment", e: 'it''s'}]
  - - 3
    - -4.5e1
f: |
  some text
  more
g: folded
  plain scalar
h:
  .inf
i: ~
"quoted key": true
j:
...
ignored: 1
`;

export const INTRINSICS_SEEDS = [OPEN3D, ROS_CALIBRATION, OPENCV, ROS1_ECHO, ROS2_ECHO, ROSBRIDGE_JSON, DEPTHSCOPE, FLOW, ROWS];
export const YAML_SEEDS = [ROS_CALIBRATION, OPENCV, ROS1_ECHO, ROS2_ECHO, FLOW, YAML_CONSTRUCTS];

export const YAML_TOKENS = [
  ...['-', '- ', ' ', '  ', ':', ': ', '[', ']', '{', '}', ',', '\n', '\r\n', '\r', '"', "'", '#', ' #', '\t', '\\', '|', '>', '|-', '?', '!!t ', '&a ', '*a'],
  ...['---', '...', '%YAML:1.0', 'K', 'k', 'width', 'height', 'image_width', 'camera_matrix', 'data', 'rows', 'intrinsic_matrix', 'depth_scale'],
  ...['fx', 'cx', '640', '0', '1', '-1', '525.0', '1e3', '.nan', '.inf', '-.inf', '~', 'null', 'true', '__proto__', 'constructor', '\u0000', '\uFEFF', 'é', '\ud800'],
];

/** Units a hostile file repeats until it is large (the cost of a quadratic pass shows at 100 KB). */
export const YAML_FLOODS = ['- ', '[', '{', '{"a":', 'a: [\n', '- - - - x\n', '"', '# x\n', '---\n', '  c\n', 'k: 1\n', '- &a 1\n', '0, ', ' ', 'a:\n b:\n'];

export const LINK_TOKENS = [
  ...['&', '=', '?', '#', '%', '%00', '%ff', '%2C', '+', ',', ';', '.', '-', 'e', 'E', '0', '9', ' ', '\n', '\u2028', '\ud800', 'é'],
  ...['src=', 'scale=', 'colormap=', 'range=', 'probe=', 'page=', 'filters=', 'display=', 'diff=', 'stride=', 'fx=', 'pose=', 'state=', 'depth='],
  ...['NaN', 'Infinity', '-Infinity', '1e999', '0x10', '__proto__', 'javascript:alert(1)', '<script>', 'median:5', 'bilateral:3,0.1', '~'],
];

/** The link parameters that hold numbers (the class of issue 13's 40,000-digit parameter). */
export const NUMBER_PARAMS = ['scale', 'refscale', 'range', 'probe', 'page', 'split', 'diff', 'edge', 'stride', 'pointsize', 'fx', 'fy', 'cx', 'cy', 'pose', 'filters'];
