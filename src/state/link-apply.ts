/**
 * Puts a parsed link into the store: when the page opens, and again when Back
 * or Forward lands on another history entry. What the link leaves out takes
 * its default, so every entry shows exactly its own state. The source is
 * opened only when it differs from the one on screen.
 */
import type { ParsedLink } from '../link/parse-link';
import { openEmbeddedDepth } from './open-embedded';
import { linkStatus } from '../link/link-status';
import type { CompactState } from '../link/compact-state';
import { setCalibration, setState, setUnits, store, type DepthscopeState } from './store';
import { openUrl, reopenWithDecodeSettings } from './load-actions';
import { BINDINGS_IN_ORDER, DEFAULTS } from './link-table';
import { mergePatches, type LinkStatePatch } from './link-binding';
import { DEFAULT_SAMPLE } from './samples';
import { isRecordingAddress, openRecordingAt } from './recording-actions';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What the compact `state` parameter puts back (compactFromState in link-from-state.ts writes it). */
function compactPatch(compact: CompactState): LinkStatePatch {
  return {
    measuring: compact.measuring ?? false,
    measurePoints: compact.measurePoints ?? [],
    ar: { objects: compact.arObjects ?? [], band: compact.arBand ?? DEFAULTS.ar.band, mask: compact.arMask ?? DEFAULTS.ar.mask },
    units: {
      validRange: compact.validRange ?? DEFAULTS.units.validRange,
      disparity: compact.disparity ?? DEFAULTS.units.disparity,
      relativeLargerIsNearer: compact.largerIsNearer ?? DEFAULTS.units.relativeLargerIsNearer,
    },
    decode: { pgmByteOrder: compact.pgmByteOrder ?? 'big' },
  };
}

/** Everything but the source, its units' scale and calibration, and the 2-D view (those wait for the source). */
export function linkPatch({ view, state }: ParsedLink, s: DepthscopeState): Partial<DepthscopeState> {
  const parts: LinkStatePatch[] = [];
  for (const binding of BINDINGS_IN_ORDER) if (typeof binding.toState === 'function') parts.push(binding.toState(view, s, state));
  parts.push(compactPatch(state));
  return mergePatches(parts, s);
}

/** Opens the link's source unless it is on screen already; true when the source on screen is the link's. */
async function openSource(link: ParsedLink, atStart: boolean): Promise<boolean> {
  const s = store.getState();
  const { view, embedded } = link;
  const shown = linkStatus.getState().depth;
  if (embedded) {
    if (s.source && !s.source.url && shown.kind === 'embedded' && shown.fits && shown.text === embedded.text) return true;
    return openEmbeddedDepth(embedded.depth, embedded.text, view.scale);
  }
  if (view.src === undefined && !atStart) return s.source !== null;
  const src = view.src ?? DEFAULT_SAMPLE.src;
  if (isRecordingAddress(src)) return openRecordingAt(src, view.frame ?? 0);
  if (s.source?.url === src) return true;
  return openUrl(src, view.scale ?? (view.src === undefined ? DEFAULT_SAMPLE.scale : undefined));
}

/**
 * A link made from a local file too large to travel in it: everything else
 * applies, its units wait for the file (kept as the user's choice, so the file
 * opens in them), and the opener is told which file to open. The bundled
 * sample is not opened: the link's probes and settings would describe another map.
 */
function askForLocalFile(link: ParsedLink, file: NonNullable<ParsedLink['state']['localFile']>): string {
  if (link.view.scale !== undefined) setUnits({ scale: link.view.scale, calibration: link.state.calibration ?? null });
  return `This link was made from the file “${file.name}” (${file.width} × ${file.height}), too large to travel in a link: open that file (drop it here) to see the view.`;
}

export async function applyLink(link: ParsedLink, atStart: boolean): Promise<void> {
  const before = store.getState();
  const patch = linkPatch(link, before);
  const said = link.problems.length > 0 ? `Some link settings were ignored. ${link.problems.join(' ')}` : null;
  setState({ ...patch, error: said });
  const localFile = link.state.localFile;
  if (atStart && localFile && !link.embedded && link.view.src === undefined) {
    const ask = askForLocalFile(link, localFile);
    setState({ error: said ? `${ask} ${said}` : ask });
    return;
  }
  const sourceBefore = store.getState().source;
  const ok = await openSource(link, atStart);
  const s = store.getState();
  if (ok && s.source === sourceBefore && s.source) {
    // Same source: only what the link changes in how it is read.
    if (link.view.scale !== undefined && link.view.scale !== s.units.scale) setUnits({ scale: link.view.scale });
    if (!same(before.decode, patch.decode)) await reopenWithDecodeSettings(patch.decode!);
  }
  const calibration = link.state.calibration ?? null;
  if (ok && !same(store.getState().units.calibration, calibration)) setCalibration(calibration);
  if (ok) setState({ view: link.state.pan ?? (s.source === sourceBefore ? null : store.getState().view) });
  if (said) {
    const error = store.getState().error;
    setState({ error: ok || !error ? said : `${error} ${said}` });
  }
}
