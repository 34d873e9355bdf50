/**
 * Several depth files dropped or picked together play as a sequence, in name
 * order (numbers compared as numbers: frame2 before frame10), so temporal
 * filtering can be seen. Playback never queues frames: the next frame is read
 * only once the previous one is on screen, and the frame rate is a ceiling.
 */
import { newMainImageRequest, openBytes, openFile } from './load-actions';
import { isIntrinsicsFile, openIntrinsicsFile } from './intrinsics-actions';
import { setState, store, type Sequence } from './store';
import { openColourFile, pairColour } from './colour-actions';
import { isGltfFile, openGltfFile } from './ar-actions';
import { liveStore } from './live-store';
import { depthOfPhoto } from './live-actions';
import { isColourPicture } from '../io/sniff-format';
import { RECORDING_SNIFF_BYTES, sniffRecordingFile } from '../io/sniff-recording';
import { openRecording } from './recording-actions';

export const DEFAULT_FPS = 10;
export const MAX_FPS = 60;
let sequenceIds = 0;

export function sortByName(files: readonly File[]): File[] {
  return [...files].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }));
}

/**
 * One file opens as an image; several as a sequence, starting at its first
 * frame. Intrinsics files (JSON, YAML) among them are read as the camera's, and a
 * colour picture dropped with one depth map as its colour frame, and glTF models
 * as objects for the AR preview; a photo dropped alone while the Live panel is
 * open goes to the depth model.
 */
export async function openFiles(all: readonly File[]): Promise<boolean> {
  const sidecars = all.filter(isIntrinsicsFile);
  const models = all.filter(isGltfFile);
  const { colour, rest: files } = await pairColour(all.filter((f) => !isIntrinsicsFile(f) && !isGltfFile(f)));
  for (const f of sidecars) await openIntrinsicsFile(f);
  for (const f of models) await openGltfFile(f);
  if (files.length === 0) return sidecars.length + models.length > 0;
  // A bag, an MCAP file or a dataset's archive opens as a recording, read by ranges, never whole.
  if (files.length === 1 && !colour && sniffRecordingFile(new Uint8Array(await files[0].slice(0, RECORDING_SNIFF_BYTES).arrayBuffer()))) {
    return openRecording({ kind: 'file', name: files[0].name, file: files[0] });
  }
  // With the Live panel open, an ordinary photo dropped alone gets its depth from the model
  // (without it, an 8-bit picture opens as relative depth, as it always has).
  if (files.length === 1 && !colour && liveStore.getState().open && isColourPicture(new Uint8Array(await files[0].slice(0, 32).arrayBuffer()))) {
    await depthOfPhoto(files[0]);
    return true;
  }
  // A new depth file drops the old colour frame; its own pair brings a new one.
  setState({ colour: null });
  if (files.length === 1) return (await openFile(files[0])) && (!colour || (await openColourFile(colour)));
  newMainImageRequest();
  setState({ sequence: { id: ++sequenceIds, files: sortByName(files), index: 0, playing: false, fps: DEFAULT_FPS } });
  return showFrame(0);
}

function current(): Sequence | null {
  return store.getState().sequence;
}

function patch(id: number, change: Partial<Sequence>): void {
  const s = current();
  if (s && s.id === id) setState({ sequence: { ...s, ...change } });
}

/**
 * The frame asked for last, while it is being read. Reading a file's bytes
 * takes as long as it takes, so two quick steps could finish out of order and
 * leave the older frame on screen: a frame that a newer request has overtaken
 * is dropped, and a step goes on from the frame asked for (two quick presses of
 * "." move two frames, as on a recording's timeline).
 */
let asked: { id: number; index: number } | null = null;

/** Opens frame `index`; the sequence's index follows once it is shown. False when it failed or a newer frame was asked for. */
export async function showFrame(index: number): Promise<boolean> {
  const s = current();
  if (!s || index < 0 || index >= s.files.length) return false;
  const request = (asked = { id: s.id, index });
  try {
    const file = s.files[index];
    let bytes: ArrayBuffer;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      if (asked === request) setState({ error: `Could not read “${file.name}”, frame ${index + 1} of the sequence.` });
      return false;
    }
    if (asked !== request) return false;
    const ok = await openBytes(bytes, file.name, file.type, null, undefined, { sequence: s.id, index });
    if (ok && asked === request) patch(s.id, { index });
    return ok && asked === request;
  } finally {
    if (asked === request) asked = null;
  }
}

export function stepFrame(by: 1 | -1): Promise<boolean> {
  const s = current();
  if (!s) return Promise.resolve(false);
  pause();
  const from = asked?.id === s.id ? asked.index : s.index;
  return showFrame((from + by + s.files.length) % s.files.length);
}

export function setFps(fps: number): void {
  const s = current();
  if (s) patch(s.id, { fps: Math.min(MAX_FPS, Math.max(0.1, fps)) });
}

export function pause(): void {
  const s = current();
  if (s) patch(s.id, { playing: false });
}

export function play(): void {
  const s = current();
  if (!s || s.playing) return;
  patch(s.id, { playing: true });
  void playLoop(s.id);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function playLoop(id: number): Promise<void> {
  for (;;) {
    const s = current();
    if (!s || s.id !== id || !s.playing) return;
    const started = performance.now();
    // After the last frame it starts over (and temporal filtering with it).
    const ok = await showFrame((s.index + 1) % s.files.length);
    if (!ok) return pause();
    const wait = 1000 / (current()?.fps ?? DEFAULT_FPS) - (performance.now() - started);
    if (wait > 0) await sleep(wait);
  }
}
