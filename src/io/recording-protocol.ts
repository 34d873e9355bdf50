/** Messages between the main thread (recording-client.ts) and the recording worker (recording-worker.ts). */
import type { ColourImage } from '../core/colour-image';
import type { RawDepthImage } from '../core/depth-image';
import type { RecordingSummary } from '../core/recording';
import type { UnitSettings } from '../core/units';
import type { AnalysisMessage } from './load-protocol';

/**
 * What the user opened. Files and folders travel as Blobs (structured clone
 * passes a File by reference, not by copying its bytes); a URL is read by the
 * worker with range requests.
 */
export type RecordingInput =
  | { kind: 'file'; name: string; file: Blob }
  | { kind: 'tree'; name: string; files: readonly { path: string; file: Blob }[] }
  | { kind: 'url'; name: string; url: string };

export interface RecordingChoice {
  depthStream?: string;
  colourStream?: string;
}

export interface RecordingFrameData {
  index: number;
  depth: RawDepthImage;
  colour: ColourImage | null;
  reference: RawDepthImage | null;
}

export type RecordingRequest =
  | { id: number; kind: 'open'; input: RecordingInput; choice: RecordingChoice }
  | {
      id: number;
      kind: 'frame';
      index: number;
      colour: boolean;
      reference: boolean;
      /** The depth's metres and statistics in these units come with the frame (as the load worker's analysis would). */
      units?: UnitSettings;
      /** Playback: the frame to decode (and analyse) next, once this one is answered. */
      next?: number;
    };

export type RecordingResponse =
  | { id: number; kind: 'progress'; stage: string; fraction: number | null }
  | { id: number; kind: 'opened'; summary: RecordingSummary }
  | { id: number; kind: 'frame'; frame: RecordingFrameData; analysis: AnalysisMessage | null }
  | { id: number; kind: 'error'; message: string };
