/**
 * Message definitions as the files carry them: ROS 1 bags store each
 * connection's full text (dependencies after a line of "=" and "MSG: type"),
 * MCAP stores the same for ROS 2 (ros2msg) as its schema.
 */
const SEP = '\n================================================================================\nMSG: ';

const ROS1_HEADER = `${SEP}std_msgs/Header\nuint32 seq\ntime stamp\nstring frame_id`;
const ROS2_HEADER = `${SEP}std_msgs/Header\nbuiltin_interfaces/Time stamp\nstring frame_id${SEP}builtin_interfaces/Time\nint32 sec\nuint32 nanosec`;
const ROI = `${SEP}sensor_msgs/RegionOfInterest\nuint32 x_offset\nuint32 y_offset\nuint32 height\nuint32 width\nbool do_rectify`;

const IMAGE = 'std_msgs/Header header\nuint32 height\nuint32 width\nstring encoding\nuint8 is_bigendian\nuint32 step\nuint8[] data';
const COMPRESSED = 'std_msgs/Header header\nstring format\nuint8[] data';
const cameraInfo = (d: string, k: string, r: string, p: string) =>
  `std_msgs/Header header\nuint32 height\nuint32 width\nstring distortion_model\nfloat64[] ${d}\nfloat64[9] ${k}\nfloat64[9] ${r}\nfloat64[12] ${p}\nuint32 binning_x\nuint32 binning_y\nsensor_msgs/RegionOfInterest roi`;

export const ROS1 = {
  'sensor_msgs/Image': IMAGE + ROS1_HEADER,
  'sensor_msgs/CompressedImage': COMPRESSED + ROS1_HEADER,
  'sensor_msgs/CameraInfo': cameraInfo('D', 'K', 'R', 'P') + ROS1_HEADER + ROI,
  'std_msgs/UInt32': 'uint32 data',
  'std_msgs/Float32': 'float32 data',
  'std_msgs/String': 'string data',
  'realsense_msgs/StreamInfo': 'uint32 fps\nstring encoding\nbool is_recommended',
  'geometry_msgs/Transform': `geometry_msgs/Vector3 translation\ngeometry_msgs/Quaternion rotation${SEP}geometry_msgs/Vector3\nfloat64 x\nfloat64 y\nfloat64 z${SEP}geometry_msgs/Quaternion\nfloat64 x\nfloat64 y\nfloat64 z\nfloat64 w`,
} as const;

export type Ros1Type = keyof typeof ROS1;

export const ROS2 = {
  'sensor_msgs/msg/Image': IMAGE + ROS2_HEADER,
  'sensor_msgs/msg/CompressedImage': COMPRESSED + ROS2_HEADER,
  'sensor_msgs/msg/CameraInfo': cameraInfo('d', 'k', 'r', 'p') + ROS2_HEADER + ROI,
} as const;

export type Ros2Type = keyof typeof ROS2;
