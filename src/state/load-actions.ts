/**
 * Opening depth: from a dropped or picked File, pasted data, or a URL. Bytes
 * go to the load worker; the store changes only when a load succeeds, so bad
 * input shows an alert and the image on screen stays.
 */
import { LoadClient, Superseded } from '../io/load-client';
import type { AnalysisMessage } from '../io/load-protocol';
import { stoppedSentence, WorkerRestarted, WorkerTimedOut } from '../io/worker-watchdog';
import type { UnitSettings } from '../core/units';
import { describeError, type RawDepthImage } from '../core/depth-image';
import { imageSize, setState, sizeKey, store, type DepthscopeState, type LoadedSource } from './store';
import { openAddress, openPickedFile, type BytesTarget } from './open-bytes';

let client: LoadClient | null = null;
const worker = () => (client ??= new LoadClient());

/** The last bytes opened, kept so a page or byte-order change can decode them again. */
let lastOpened: { bytes: ArrayBuffer; name: string; mime: string; url: string | null } | null = null;

/**
 * Numbers what the user asked to put on screen: a file, an address, a recording,
 * a sequence, the camera. A load that a newer one overtook is dropped when it
 * lands, whatever order the workers answer in: the start-up sample decoding
 * slowly must not replace the folder the user opened meanwhile (which would
 * also close its recording). Frames of one recording, sequence or camera do not
 * count as new asks; their own stream drops the ones overtaken (`wanted`).
 */
const opens = { latest: 0 };

/**
 * A new thing to show was asked for: the main-image loads still on their way
 * are dropped when they land. Returns whether this ask is still the latest.
 */
export function newMainImageRequest(): () => boolean {
  opens.latest++;
  return stillLatest();
}

/** Whether no newer thing to show has been asked for since this was called. */
function stillLatest(): () => boolean {
  const mine = opens.latest;
  return () => mine === opens.latest;
}

/**
 * `scale`: units that come with this source (a sample or a link). They apply to
 * this load only; a scale the user picks in the UI carries over to later files.
 */
export async function openBytes(
  bytes: ArrayBuffer,
  name: string,
  mime: string,
  url: string | null,
  scale?: UnitSettings['scale'],
  frame?: LoadedSource['frame'],
): Promise<boolean> {
  const s = store.getState();
  const units = scale === undefined ? s.units : { ...s.units, scale, calibration: null };
  const keepScale = scale !== undefined || s.scaleExplicit;
  // Frames of a playing sequence load quietly: a progress bar flashing at the frame rate helps nobody.
  const progress = (stage: string) => frame === undefined && setState({ loading: { name, stage, fraction: null } });
  progress('decoding');
  const latest = stillLatest();
  try {
    // The worker gets a copy; ours stays for re-decoding with other options.
    const result = await worker().load(bytes.slice(0), mime, s.decode, units, keepScale, progress);
    if (!latest()) {
      // Its progress line goes with it; a newer file's own stays.
      if (store.getState().loading?.name === name) setState({ loading: null });
      return false;
    }
    performance.mark(LOADED_MARK, { detail: result.timings });
    lastOpened = { bytes, name, mime, url };
    const prev = store.getState().source;
    const sameSize = prev && prev.raw.width === result.raw.width && prev.raw.height === result.raw.height;
    const { width, height } = result.raw;
    setState({
      source: { name, url, raw: result.raw, frame },
      analysis: result.analysis,
      units: result.units,
      scaleExplicit: scale === undefined && s.scaleExplicit,
      error: null,
      loading: null,
      view: sameSize ? store.getState().view : null,
      // Probes outside the new image cannot be read; the others stay, to compare frames.
      probes: store.getState().probes.filter((p) => p.x < width && p.y < height),
    });
    return true;
  } catch (e) {
    if (e instanceof Superseded) return false;
    // Queued behind a file that hung, and lost with its worker: this one was never tried, and we kept its bytes.
    if (e instanceof WorkerRestarted) return openBytes(bytes, name, mime, url, scale, frame);
    // A load the watchdog stopped (load-client.ts) says so, and that nothing on screen was lost.
    const kept = store.getState().source ? 'The previous image is kept.' : 'No image was open.';
    const error = e instanceof WorkerTimedOut ? stoppedSentence(`“${name}”`, e, kept) : `Could not open “${name}”: ${describeError(e)}`;
    setState({ loading: null, error });
    return false;
  }
}

/** performance.mark name set when the user hands over a file (read by `npm run bench`). */
export const FILE_CHOSEN_MARK = 'depthscope:file-chosen';
/** performance.mark set when the worker's result arrives; its detail holds the worker's stage timings. */
export const LOADED_MARK = 'depthscope:loaded';

/** The main image as the target of a file or an address (see ./open-bytes). */
const MAIN_IMAGE: BytesTarget = {
  opens,
  what: (name) => `“${name}”`,
  progress: (name, stage, fraction) => setState({ loading: { name, stage, fraction } }),
  fail: (error) => setState({ loading: null, error }),
  open: (bytes, name, mime, url, scale) => openBytes(bytes, name, mime, url, scale),
};

export async function openFile(file: File): Promise<boolean> {
  performance.mark(FILE_CHOSEN_MARK);
  setState({ sequence: null });
  return openPickedFile(MAIN_IMAGE, file);
}

export async function openUrl(url: string, scale?: UnitSettings['scale']): Promise<boolean> {
  setState({ sequence: null });
  return openAddress(MAIN_IMAGE, url, scale);
}

/** Decodes the last file again, e.g. with another TIFF page or PGM byte order. */
export async function reopenWithDecodeSettings(patch: Partial<ReturnType<typeof store.getState>['decode']>): Promise<void> {
  setState({ decode: { ...store.getState().decode, ...patch } });
  // Same file: keep the units it has now.
  if (lastOpened) {
    const s = store.getState();
    await openBytes(lastOpened.bytes, lastOpened.name, lastOpened.mime, lastOpened.url, s.units.scale, s.source?.frame);
  }
}

/** Recomputes metres and statistics after a change of units. */
export async function reanalyze(): Promise<void> {
  const s = store.getState();
  if (!s.source) return;
  try {
    const analysis = await worker().analyze(s.source.raw, s.units);
    setState({ analysis });
  } catch (e) {
    if (!(e instanceof Superseded)) setState({ error: `Could not apply the units: ${describeError(e)}` });
  }
}

/** Units changes re-derive metres in the worker; the raw samples stay. */
export function watchUnits(): () => void {
  return store.subscribe((s, prev) => {
    if (s.units !== prev.units && s.source && s.source === prev.source) void reanalyze();
  });
}

export interface ShowOptions {
  /** The map's analysis, already made in `units` (then the load worker is not asked, unless the units changed since). */
  analysed?: { units: UnitSettings; analysis: AnalysisMessage };
  /** Asked just before the map goes on screen: false drops it (a newer frame was asked for meanwhile). */
  wanted?: () => boolean;
}

/**
 * Shows a depth map made in the app (a live camera frame's depth, src/state/live-actions.ts):
 * analysed in the load worker with the current units, like a decoded file, and shown with
 * `extra` (its colour frame) in the same update. A newer analysis supersedes this one
 * (it then returns false: live frames are dropped, never queued).
 */
export async function showDepthMap(
  raw: RawDepthImage,
  name: string,
  frame: LoadedSource['frame'],
  extra: Partial<DepthscopeState> = {},
  options: ShowOptions = {},
): Promise<boolean> {
  const latest = stillLatest();
  try {
    const given = options.analysed;
    // An analysis made elsewhere (the recording worker's) counts only in the units in force now.
    const analysis = given && given.units === store.getState().units ? given.analysis : await worker().analyze(raw, store.getState().units);
    if (!latest() || (options.wanted && !options.wanted())) return false;
    const s = store.getState();
    const source = { name, url: null, raw, frame };
    // The image's size: the depth's, or the colour camera's while depth is registered to it.
    const size = imageSize({ ...s, source })!;
    const sameSize = sizeKey(imageSize(s)) === sizeKey(size);
    setState({
      source,
      analysis,
      view: sameSize ? s.view : null,
      probes: s.probes.filter((p) => p.x < size.width && p.y < size.height),
      ...extra,
    });
    return true;
  } catch (e) {
    if (!(e instanceof Superseded)) setState({ error: `Could not show the depth of “${name}”: ${describeError(e)}` });
    return false;
  }
}
