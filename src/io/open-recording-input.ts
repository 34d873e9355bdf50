/**
 * What the user opened, as a Recording: a bag or MCAP file (read in place,
 * by ranges), an archive of a dataset (unpacked lazily, then read as a
 * folder), or a folder. Runs in the recording worker.
 */
import { DepthDecodeError } from '../core/depth-image';
import { quoteText } from '../core/quoted-text';
import type { ByteSource, FileTree, OpenRecordingOptions, Recording } from '../core/recording';
import { blobSource } from './byte-source';
import { httpRangeSource } from './http-range-source';
import type { RecordingInput } from './recording-protocol';
import { RECORDING_SNIFF_BYTES, sniffRecordingFile } from './sniff-recording';
import { openRecordingFile } from './recordings/open-recording-file';
import { unpackArchive } from './datasets/archives/unpack-archive';
import { openDataset } from './datasets/open-dataset';

function treeOf(input: Extract<RecordingInput, { kind: 'tree' }>): FileTree {
  const files = new Map<string, ByteSource>();
  for (const { path, file } of input.files) files.set(path, blobSource(file, path.split('/').pop() ?? path));
  return { name: input.name, files };
}

async function openSource(source: ByteSource, options: OpenRecordingOptions): Promise<Recording> {
  const kind = sniffRecordingFile(await source.read(0, RECORDING_SNIFF_BYTES));
  if (kind === 'rosbag' || kind === 'mcap') return openRecordingFile(source, options);
  if (kind !== null) return openDataset(await unpackArchive(source, options), options);
  throw new DepthDecodeError(
    `${quoteText(source.name)} is neither a recording (RealSense or ROS .bag, MCAP) nor an archive of a dataset (.zip, .tar, .tgz).`,
  );
}

export async function openRecordingInput(input: RecordingInput, options: OpenRecordingOptions): Promise<Recording> {
  if (input.kind === 'tree') return openDataset(treeOf(input), options);
  const source = input.kind === 'url' ? await httpRangeSource(input.url, input.name) : blobSource(input.file, input.name);
  return openSource(source, options);
}
