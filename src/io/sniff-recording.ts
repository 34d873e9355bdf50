/**
 * Tells recordings and archives from single depth files by their first bytes
 * (never by the extension), on the main thread before anything is read whole:
 * a 2 GB bag must go to the recording worker, which reads it by ranges. The one
 * sniff for them: the recording readers and the archive reader ask it too.
 */
import { tarChecksumOk } from './datasets/archives/tar-reader';

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const ROSBAG = ascii('#ROSBAG V2.0\n');
/** MCAP's magic: 0x89 "MCAP0" \r \n (the "0" is the major version). */
const MCAP = [0x89, ...ascii('MCAP0\r\n')];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An empty zip (only the end of central directory); still an archive, which then says it is empty. */
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const GZIP = [0x1f, 0x8b];

export type RecordingFileKind = 'rosbag' | 'mcap' | 'zip' | 'tar' | 'gzip';

/** How many bytes sniffRecordingFile wants (a tar's first header block). */
export const RECORDING_SNIFF_BYTES = 512;

export function sniffRecordingFile(head: Uint8Array): RecordingFileKind | null {
  if (startsWith(head, ROSBAG)) return 'rosbag';
  if (startsWith(head, MCAP)) return 'mcap';
  if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY)) return 'zip';
  if (startsWith(head, GZIP)) return 'gzip';
  // A tar has no magic before POSIX's "ustar" at 257 (old and GNU tars differ there):
  // its first header's checksum is what the tar reader checks, so the sniff checks it too.
  if (head.length >= RECORDING_SNIFF_BYTES && tarChecksumOk(head.subarray(0, RECORDING_SNIFF_BYTES))) return 'tar';
  return null;
}
