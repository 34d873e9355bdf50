/**
 * Tells recordings and archives from single depth files by their first bytes
 * (never by the extension), on the main thread before anything is read whole:
 * a 2 GB bag must go to the recording worker, which reads it by ranges.
 */

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const ROSBAG = ascii('#ROSBAG V2.0\n');
/** MCAP's magic: 0x89 "MCAP0" \r \n (the "0" is the major version). */
const MCAP = [0x89, ...ascii('MCAP0\r\n')];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An empty zip (only the end of central directory); still an archive, which then says it is empty. */
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const GZIP = [0x1f, 0x8b];
const USTAR = ascii('ustar');

export type RecordingFileKind = 'rosbag' | 'mcap' | 'zip' | 'tar' | 'gzip';

/** How many bytes sniffRecordingFile wants (tar's magic sits at 257). */
export const RECORDING_SNIFF_BYTES = 512;

export function sniffRecordingFile(head: Uint8Array): RecordingFileKind | null {
  if (startsWith(head, ROSBAG)) return 'rosbag';
  if (startsWith(head, MCAP)) return 'mcap';
  if (startsWith(head, ZIP) || startsWith(head, ZIP_EMPTY)) return 'zip';
  if (startsWith(head, GZIP)) return 'gzip';
  if (startsWith(head, USTAR, 257)) return 'tar';
  return null;
}
