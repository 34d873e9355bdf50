/**
 * Opening a recording and moving along its timeline. The recording worker
 * (io/recording-client.ts) indexes the file or folder and decodes frames on
 * demand; each frame shown goes into the main store like any depth map (with
 * its colour frame in the same update), so every view, filter, probe and
 * export follows it. The temporal filter keeps its history from frame to
 * frame because the frames carry the recording's id (LoadedSource.frame).
 * Playback never queues: the next frame is asked for once the last is shown.
 */
import { colourPairingProblem } from '../core/colour-image';
import { describeError } from '../core/depth-image';
import { frameAtTime, type RecordingSummary } from '../core/recording';
import { presetScaleProblem, scalePreset } from '../core/intrinsics';
import { RecordingClient } from '../io/recording-client';
import type { RecordingChoice, RecordingInput } from '../io/recording-protocol';
import { Superseded } from '../io/watched-worker';
import { stoppedSentence, WorkerTimedOut } from '../io/worker-watchdog';
import { unitScaleFor } from '../core/units';
import { newMainImageRequest, showDepthMap } from './load-actions';
import { INITIAL_RECORDING, recordingOnScreen, recordingStore, type PlaybackRate, type RecordingState } from './recording-store';
import { setState, store } from './store';
import { registeredIntrinsics, registrationFor } from './depth-registration';
import { dropRecordingReference, referenceFollowsTimeline, referenceOnOpen, showGroundTruth, watchReferenceClosed } from './recording-reference';

let client: RecordingClient | null = null;
const worker = () => (client ??= new RecordingClient());
/** Recordings' frame ids count down from here: sequences of files use positive ids and the camera small negative ones. */
let ids = -1_000_000_000;
/** What was opened last, to open it again with other topics. */
let lastInput: RecordingInput | null = null;

const patch = (change: Partial<RecordingState>) => recordingStore.setState(change);
const current = () => recordingStore.getState();

/** The depth camera's intrinsics at the depth stream's resolution, with where they came from. */
function recordingIntrinsics(summary: RecordingSummary) {
  const camera = summary.depthCamera;
  if (!camera) return { intrinsics: null, intrinsicsSource: 'default (the recording has no intrinsics)', lens: null };
  const stream = summary.streams.find((s) => s.id === summary.depthStream);
  const [width, height] = stream && stream.width > 0 ? [stream.width, stream.height] : [camera.width, camera.height];
  // A camera_info may be for another size: scaled as a preset is, and refused the same way for another aspect.
  const problem = presetScaleProblem({ ...camera, label: camera.source }, width, height);
  if (problem) return { intrinsics: null, intrinsicsSource: `default (${problem})`, lens: null };
  const lens = camera.distortion === 'none' ? null : { distortion: camera.distortion, coeffs: [...camera.coeffs] };
  return { intrinsics: scalePreset(camera, width, height), intrinsicsSource: camera.source, lens };
}

/** The intrinsics, lens and registration for a recording, aligned to colour or as recorded. */
function cameraState(summary: RecordingSummary, align: boolean) {
  const registration = align ? registrationFor(summary) : null;
  if (registration && summary.colourCamera) return { ...registeredIntrinsics(registration, summary.colourCamera.source), registration };
  return { ...recordingIntrinsics(summary), registration: null };
}

/** Whether the intrinsics in force are the ones the recording set (not typed or loaded by the user since). */
function recordingSetIntrinsics(summary: RecordingSummary): boolean {
  const { intrinsicsSource, registration } = store.getState();
  const colour = summary.colourCamera;
  return intrinsicsSource === summary.depthCamera?.source || (registration !== null && colour !== null && intrinsicsSource === registeredIntrinsics(registration, colour.source).intrinsicsSource);
}

/** Turns "Align depth to colour" on or off; the frame on screen follows at once (the engine re-runs the chain). */
export function setAlignToColour(on: boolean): void {
  patch({ alignToColour: on });
  const { summary } = current();
  if (!summary || !registrationFor(summary)) return;
  const state = cameraState(summary, on);
  // Intrinsics the user typed stay; the registration still changes the grid.
  setState(recordingSetIntrinsics(summary) ? state : { registration: state.registration });
  const { colour, source } = store.getState();
  if (!on && colour && source && colourPairingProblem(colour, source.raw.width, source.raw.height)) setState({ colour: null });
}

function sayError(name: string, e: unknown): void {
  const kept = store.getState().source ? 'What was on screen is kept.' : 'Nothing else was lost.';
  const error = e instanceof WorkerTimedOut ? stoppedSentence(`“${name}”`, e, kept) : `Could not open “${name}”: ${describeError(e)} ${kept}`;
  setState({ error, loading: null });
}

/** Opens a recording and shows frame `startFrame` (clamped to the recording); false when it could not be opened. */
export async function openRecording(input: RecordingInput, choice: RecordingChoice = {}, startFrame = 0): Promise<boolean> {
  newMainImageRequest();
  pause();
  patch({ opening: { name: input.name, stage: 'indexing', fraction: null } });
  let summary: RecordingSummary;
  try {
    summary = await worker().open(input, choice, (stage, fraction) => patch({ opening: { name: input.name, stage, fraction } }));
  } catch (e) {
    patch({ opening: null });
    if (!(e instanceof Superseded)) sayError(input.name, e);
    return false;
  }
  lastInput = input;
  recordingStore.setState({
    ...INITIAL_RECORDING,
    summary,
    id: --ids,
    url: input.kind === 'url' ? input.url : null,
    rate: current().rate,
    loop: current().loop,
    alignToColour: current().alignToColour,
  });
  referenceOnOpen(summary);
  const s = store.getState();
  // The recording says what its samples mean and, when it has them, its camera's intrinsics;
  // they replace the last file's (and stay the user's to change while it plays).
  setState({
    ...cameraState(summary, current().alignToColour),
    sequence: null,
    colour: null,
    error: null,
    units: { ...s.units, scale: unitScaleFor(summary.depthUnitM), calibration: null },
    scaleExplicit: false,
  });
  return showRecordingFrame(Math.max(0, Math.min(summary.frames.length - 1, startFrame)));
}

/** Opens the same recording again with other depth or colour topics, at the same time. */
export async function chooseStreams(choice: RecordingChoice): Promise<boolean> {
  const { summary, index } = current();
  if (!lastInput || !summary) return false;
  const timeS = summary.frames[index]?.timeS ?? 0;
  const ok = await openRecording(lastInput, { depthStream: summary.depthStream, colourStream: summary.colourStream ?? undefined, ...choice });
  const reopened = current().summary;
  if (ok && reopened) return showRecordingFrame(frameAtTime(reopened.frames, timeS));
  return ok;
}

/**
 * The frame asked for last, while it is being read: a second step before the
 * first frame is on screen goes on from it (two quick presses of "." move two
 * frames), and a frame that a newer request overtook is dropped rather than
 * shown, whatever order the worker's answers and analyses arrive in (as in
 * sequence-actions.ts).
 */
let asked: { id: number; index: number } | null = null;

/** Shows frame `index`; the recording's index follows once it is on screen. `played`: by playback (LoadedSource.frame). */
export async function showRecordingFrame(index: number, played = false): Promise<boolean> {
  const { summary, id } = current();
  if (!summary || index < 0 || index >= summary.frames.length) return false;
  const request = (asked = { id, index });
  try {
    return await readAndShow(summary, id, index, played, () => asked === request);
  } finally {
    if (asked === request) asked = null;
  }
}

/** The frame playback will ask for after `index` (read ahead by the worker meanwhile). */
function frameAfter(index: number, frames: number): number | undefined {
  if (index + 1 < frames) return index + 1;
  return current().loop ? 0 : undefined;
}

async function readAndShow(summary: RecordingSummary, id: number, index: number, played: boolean, latest: () => boolean): Promise<boolean> {
  // A frame playback asked for that arrives after Pause is not shown: pausing keeps the picture.
  const wanted = () => latest() && current().id === id && !(played && !current().playing);
  // The worker analyses the depth (metres, statistics) in the units in force when it was asked.
  const units = store.getState().units;
  const withReference = referenceFollowsTimeline(summary);
  let answer;
  try {
    answer = await worker().frame(index, summary.frames[index].hasColour, withReference, units, played ? frameAfter(index, summary.frames.length) : undefined);
  } catch (e) {
    if (e instanceof Superseded) return false;
    pause();
    setState({ error: `Could not read frame ${index + 1} of “${summary.name}”: ${describeError(e)}` });
    return false;
  }
  if (!wanted()) return false;
  const { frame, analysis } = answer;
  // Registered depth is on the colour camera's grid: the colour pairs with that.
  const { registration, backend } = store.getState();
  const { width, height } = registration && backend !== 'webgl' ? registration.colourCamera : frame.depth;
  const colour = frame.colour && !colourPairingProblem(frame.colour, width, height) ? frame.colour : null;
  const name = `${summary.name} · frame ${index + 1}`;
  // The ground truth is analysed (compare's worker) while the frame is (the load worker).
  const reference = withReference ? showGroundTruth(summary, id, index, frame.reference, wanted) : null;
  const analysed = analysis ? { units, analysis } : undefined;
  const ok = await showDepthMap(frame.depth, name, { sequence: id, index, played }, { colour }, { analysed, wanted });
  await reference;
  if (ok && current().id === id) patch({ index });
  return ok;
}

export function stepRecording(by: number): Promise<boolean> {
  const { summary, index, id } = current();
  if (!summary) return Promise.resolve(false);
  pause();
  const n = summary.frames.length;
  const from = asked?.id === id ? asked.index : index;
  return showRecordingFrame((((from + by) % n) + n) % n);
}

/** Shows the frame nearest to `timeS` seconds from the start. */
export function seekRecording(timeS: number): Promise<boolean> {
  const { summary } = current();
  if (!summary) return Promise.resolve(false);
  pause();
  return showRecordingFrame(frameAtTime(summary.frames, timeS));
}

export function setPlaybackRate(rate: PlaybackRate): void {
  patch({ rate });
}

export function setLoop(loop: boolean): void {
  patch({ loop });
}

export function pause(): void {
  if (current().playing) patch({ playing: false });
}

export function play(): void {
  const { summary, playing, id } = current();
  if (!summary || playing || summary.frames.length < 2) return;
  patch({ playing: true });
  void playLoop(id);
}

export function togglePlay(): void {
  if (current().playing) pause();
  else play();
}

/** Closes the recording; the frame on screen stays as an image. */
export function closeRecording(): void {
  const { summary } = current();
  if (summary && store.getState().registration) {
    // The frame stays as the depth was recorded, in the depth camera's intrinsics unless the user chose others.
    setState(recordingSetIntrinsics(summary) ? { ...recordingIntrinsics(summary), registration: null } : { registration: null });
  }
  client?.close();
  client = null;
  lastInput = null;
  recordingStore.setState({ ...INITIAL_RECORDING, rate: current().rate, loop: current().loop, alignToColour: current().alignToColour });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * At the recorded rate, frame k is due at (its time − the start frame's time)
 * after play was pressed; a frame that decodes late is shown late and the
 * next ones keep to the clock (frames are skipped to catch up, never queued).
 */
async function playLoop(id: number): Promise<void> {
  const start = current();
  if (!start.summary) return;
  const frames = start.summary.frames;
  let t0 = performance.now();
  let timeAtStart = frames[start.index].timeS;
  for (;;) {
    const s = current();
    if (s.id !== id || !s.playing) return;
    let next = s.index + 1;
    if (s.rate === 'recorded') {
      const now = timeAtStart + (performance.now() - t0) / 1000;
      next = Math.max(next, frameAtTime(frames, now));
      if (next < frames.length && frames[next].timeS > now) await sleep((frames[next].timeS - now) * 1000);
    }
    if (next >= frames.length) {
      if (!s.loop) return pause();
      // Starting over restarts the clock (and, as any jump back does, the temporal filter's history).
      next = 0;
      t0 = performance.now();
      timeAtStart = frames[0].timeS;
    }
    if (current().id !== id || !current().playing) return;
    if (!(await showRecordingFrame(next, true))) return pause();
  }
}

/** Another source on screen (a file, a link, the camera) closes the recording: its timeline goes. */
export function watchRecordingSource(): () => void {
  // The user closed the reference: the ground truth of the frame on screen comes back (recording-reference.ts).
  const offReference = watchReferenceClosed(() => {
    const r = recordingOnScreen(store.getState());
    if (r?.summary?.hasReference && !r.playing) void showRecordingFrame(r.index);
  });
  const offSource = store.subscribe((s, prev) => {
    if (s.source === prev.source || !s.source) return;
    const { summary, id } = current();
    if (!summary || s.source.frame?.sequence === id) return;
    // The recording's camera leaves with it: its lens, its registration and, unless the user changed them, its intrinsics.
    if (recordingSetIntrinsics(summary)) setState({ intrinsics: null, intrinsicsSource: 'default', lens: null, registration: null });
    else if (s.lens || s.registration) setState({ lens: null, registration: null });
    dropRecordingReference();
    closeRecording();
  });
  return () => {
    offReference();
    offSource();
  };
}

/**
 * Whether `?src=` names a recording, by its name: a recording is streamed with
 * range requests, so the page must know before it asks for any byte that it
 * should not download the whole file.
 */
export function isRecordingAddress(url: string): boolean {
  const path = url.split(/[?#]/)[0].toLowerCase();
  return /\.(bag|mcap|zip|tar|tgz|tar\.gz)$/.test(path);
}

/** A link's recording at its frame: opened unless it is the one open (then Back and Forward move along it). */
export async function openRecordingAt(url: string, frame: number): Promise<boolean> {
  const r = current();
  if (r.summary && r.url === url) return r.index === frame || showRecordingFrame(Math.min(frame, r.summary.frames.length - 1));
  const name = decodeURIComponent(url.split(/[?#]/)[0].split('/').pop() || url);
  return openRecording({ kind: 'url', name, url }, {}, frame);
}
