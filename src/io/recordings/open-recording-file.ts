/**
 * The entry point for recording files: a ROS 1 bag (RealSense or not) or a
 * ROS 2 MCAP file, told apart by their first bytes, opened by index.
 */
import type { ByteSource, OpenRecordingOptions, Recording } from '../../core/recording';
import { DepthDecodeError } from '../../core/depth-image';
import { BAG_MAGIC } from './bag-records';
import { openBagStore } from './bag-store';
import { openMcapStore } from './mcap-store';
import { buildRecording } from './build-recording';

/** MCAP's magic: 0x89 "MCAP0" CR LF (the 0 is the major version). */
const MCAP_MAGIC = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a];
/** How many first bytes isRecordingFile needs. */
export const RECORDING_SNIFF_BYTES = 13;

export function recordingContainer(firstBytes: Uint8Array): 'rosbag' | 'mcap' | null {
  if (MCAP_MAGIC.every((b, i) => firstBytes[i] === b)) return 'mcap';
  if (firstBytes.length >= BAG_MAGIC.length && [...BAG_MAGIC].every((ch, i) => firstBytes[i] === ch.charCodeAt(0))) return 'rosbag';
  return null;
}

export function isRecordingFile(firstBytes: Uint8Array): boolean {
  return recordingContainer(firstBytes) !== null;
}

export async function openRecordingFile(source: ByteSource, options: OpenRecordingOptions = {}): Promise<Recording> {
  const container = recordingContainer(await source.read(0, RECORDING_SNIFF_BYTES));
  if (!container) throw new DepthDecodeError(`“${source.name}” is neither a ROS bag (v2.0) nor an MCAP file.`);
  const store = container === 'mcap' ? await openMcapStore(source, options) : await openBagStore(source, options);
  return buildRecording(store, container, source.name, options);
}
