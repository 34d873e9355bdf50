/**
 * Opening the reference (ground truth) map: a picked or dropped file, or a URL,
 * decoded by the same load worker code as the map (its own worker instance, so a
 * reference load never supersedes a map load), with its own units: each file gets
 * its type's default preset, which the user can then change. The compare store
 * changes only when a load succeeds; a bad file leaves the current reference.
 */
import { LoadClient, Superseded } from '../io/load-client';
import { describeError } from '../core/depth-image';
import { stoppedSentence, WorkerTimedOut } from '../io/worker-watchdog';
import { DEFAULT_UNITS, type UnitSettings } from '../core/units';
import type { RawDepthImage } from '../core/depth-image';
import { compareStore, setCompare, type ReferenceMap } from './compare-store';
import { store } from './store';
import { parseUrlView } from '../link/url-params';
import { openAddress, openPickedFile, type BytesTarget } from './open-bytes';

let client: LoadClient | null = null;
const worker = () => (client ??= new LoadClient());

let nextReferenceId = 1;

/** `scale`: units that come with this reference (else its type's default). */
export async function openReferenceBytes(bytes: ArrayBuffer, name: string, mime: string, url: string | null, scale?: UnitSettings['scale']): Promise<boolean> {
  setCompare({ loading: `decoding ${name}` });
  const units: UnitSettings = { ...DEFAULT_UNITS, scale: scale ?? DEFAULT_UNITS.scale };
  try {
    const result = await worker().load(bytes, mime, store.getState().decode, units, scale !== undefined);
    setCompare({
      reference: { id: nextReferenceId++, name, url, raw: result.raw, units: result.units, depth: result.analysis.depth, frame: null },
      loading: null,
      error: null,
      result: null,
    });
    return true;
  } catch (e) {
    if (e instanceof Superseded) return false;
    // Stopped by the watchdog (load-client.ts): the worker was replaced, the reference on screen stays.
    const kept = compareStore.getState().reference ? 'The previous reference is kept.' : 'No reference was open.';
    const error = e instanceof WorkerTimedOut ? stoppedSentence(`the reference “${name}”`, e, kept) : `Could not open the reference “${name}”: ${describeError(e)}`;
    setCompare({ loading: null, error });
    return false;
  }
}

/**
 * A recording frame's ground truth as the reference (state/recording-reference.ts
 * says when). `stillWanted` is asked once its depths are ready: a frame stepped past
 * meanwhile leaves the reference to the next one. False when it was not set.
 */
export async function showFrameReference(
  raw: RawDepthImage,
  name: string,
  units: UnitSettings,
  frame: NonNullable<ReferenceMap['frame']>,
  stillWanted: () => boolean,
): Promise<boolean> {
  try {
    const analysis = await worker().analyze(raw, units);
    if (!stillWanted()) return false;
    setCompare({ reference: { id: nextReferenceId++, name, url: null, raw, units, depth: analysis.depth, frame }, loading: null, error: null, result: null });
    return true;
  } catch (e) {
    if (!(e instanceof Superseded)) setCompare({ error: `Could not read the ground truth of ${name}: ${describeError(e)}` });
    return false;
  }
}

/** The comparison's reference as the target of a file or an address (see ./open-bytes). */
const REFERENCE: BytesTarget = {
  opens: { latest: 0 },
  what: (name) => `the reference “${name}”`,
  progress: (name, stage) => setCompare({ loading: `${stage} ${name}` }),
  fail: (error) => setCompare({ loading: null, error }),
  open: (bytes, name, mime, url, scale) => openReferenceBytes(bytes, name, mime, url, scale),
};

export const openReferenceFile = (file: File): Promise<boolean> => openPickedFile(REFERENCE, file);

export const openReferenceUrl = (url: string, scale?: UnitSettings['scale']): Promise<boolean> => openAddress(REFERENCE, url, scale);

/** Re-derives the reference's depths under other units (the raw samples stay). */
export async function setReferenceUnits(patch: Partial<UnitSettings>): Promise<void> {
  const ref = compareStore.getState().reference;
  if (!ref) return;
  const units = { ...ref.units, ...patch };
  try {
    const analysis = await worker().analyze(ref.raw, units);
    // Another reference may have arrived meanwhile: only the one asked about changes.
    if (compareStore.getState().reference !== ref) return;
    setCompare({ reference: { ...ref, id: nextReferenceId++, units, depth: analysis.depth }, error: null, result: null });
  } catch (e) {
    if (!(e instanceof Superseded)) setCompare({ error: `Could not apply the reference's units: ${describeError(e)}` });
  }
}

export function clearReference(): void {
  ++REFERENCE.opens.latest;
  setCompare({ reference: null, result: null, error: null, loading: null, view: 'off' });
}

/**
 * Opens the reference a link names (ref=, refscale=; see url-params.ts), once at
 * start. A rejected ref= is reported with the link's other problems by ui/address-bar.ts.
 */
export function openReferenceFromLink(search: string, base: string): void {
  const { ref, refScale } = parseUrlView(search, base).view;
  if (ref) void openReferenceUrl(ref, refScale);
}
