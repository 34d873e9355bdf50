/**
 * The entry point for recording files: a ROS 1 bag (RealSense or not) or a
 * ROS 2 MCAP file, told apart by their first bytes, opened by index.
 */
import type { ByteSource, OpenRecordingOptions, Recording } from '../../core/recording';
import { DepthDecodeError } from '../../core/depth-image';
import { openBagStore } from './bag-store';
import { openMcapStore } from './mcap-store';
import { buildRecording } from './build-recording';
import { RECORDING_SNIFF_BYTES, sniffRecordingFile } from '../sniff-recording';

/** A bag or an MCAP file, by the magic sniff-recording.ts knows (which also knows the archives). */
export function recordingContainer(firstBytes: Uint8Array): 'rosbag' | 'mcap' | null {
  const kind = sniffRecordingFile(firstBytes);
  return kind === 'rosbag' || kind === 'mcap' ? kind : null;
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
