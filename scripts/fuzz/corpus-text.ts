/**
 * Seed texts for the text targets: intrinsics files as their tools write them
 * (src/io/intrinsics-file-fixtures.ts, which the reader's tests read too), and the tokens the
 * text mutator inserts.
 */

import { OPEN3D, OPENCV, ROS1_ECHO, ROS2_ECHO, ROS_CALIBRATION, ROSBRIDGE_JSON } from '../../src/io/intrinsics-file-fixtures';

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
