/**
 * Puts a parsed link into the store: when the page opens, and again when Back
 * or Forward lands on another history entry. What the link leaves out takes
 * its default, so every entry shows exactly its own state. The source is
 * opened only when it differs from the one on screen.
 */
import type { ParsedLink } from '../link/parse-link';
import { openEmbeddedDepth } from './open-embedded';
import { linkStatus } from '../link/link-status';
import { DEFAULT_EDGE_JUMP } from '../core/surface-views';
import { DEFAULT_UNITS } from '../core/units';
import { DEFAULT_RANGE, initialState, setCalibration, setState, setUnits, store, type DepthscopeState } from './store';
import { openUrl, reopenWithDecodeSettings } from './load-actions';
import { chainStages, entriesOf } from './chain-actions';
import { serializeChain } from '../link/chain-url';
import { DEFAULT_SAMPLE } from './samples';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Everything but the source, its units' scale and calibration, and the 2-D view (those wait for the source). */
export function linkPatch({ view, state }: ParsedLink, s: DepthscopeState): Partial<DepthscopeState> {
  const d = initialState();
  const filters = view.filters ?? [];
  const pose = view.pose ?? null;
  const intrinsics = view.intrinsics ?? null;
  return {
    colormap: view.colormap ?? d.colormap,
    reverse: view.reverse ?? d.reverse,
    logScale: view.logScale ?? d.logScale,
    range: view.range
      ? { mode: 'manual', min: view.range[0], max: view.range[1] }
      : state.percentiles
        ? { mode: 'auto', pLo: state.percentiles[0], pHi: state.percentiles[1] }
        : DEFAULT_RANGE,
    probes: view.probes ?? [],
    decode: { page: view.page ?? 0, pgmByteOrder: state.pgmByteOrder ?? 'big' },
    // The same chain keeps its entries: their ids hold GPU objects and temporal history.
    chain: serializeChain(chainStages(s.chain)) === serializeChain(filters) ? s.chain : entriesOf(filters),
    display: view.display ?? 'filtered',
    splitX: view.split ?? null,
    diffRangeM: view.diff ?? null,
    edgeJump: view.edge ?? DEFAULT_EDGE_JUMP,
    mode: view.mode ?? 'heatmap',
    cloud: {
      ...s.cloud,
      stride: view.stride ?? d.cloud.stride,
      pointSize: view.pointSize ?? d.cloud.pointSize,
      surface: view.surface ?? d.cloud.surface,
      wireframe: view.wireframe ?? d.cloud.wireframe,
      pose,
      // The 3-D view takes a pose only when told to move there.
      resetToken: same(pose, s.cloud.pose) ? s.cloud.resetToken : s.cloud.resetToken + 1,
    },
    intrinsics,
    intrinsicsSource: intrinsics === null ? 'default' : same(intrinsics, s.intrinsics) ? s.intrinsicsSource : 'link',
    rayLength: view.rayLength ?? false,
    measuring: state.measuring ?? false,
    measurePoints: state.measurePoints ?? [],
    ar: { ...s.ar, objects: state.arObjects ?? [], band: state.arBand ?? d.ar.band, mask: state.arMask ?? d.ar.mask },
    units: {
      ...s.units,
      validRange: state.validRange ?? DEFAULT_UNITS.validRange,
      disparity: state.disparity ?? DEFAULT_UNITS.disparity,
      relativeLargerIsNearer: state.largerIsNearer ?? DEFAULT_UNITS.relativeLargerIsNearer,
    },
  };
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
