/**
 * "Copy link": the whole link (query and fragment) to the clipboard. Where the
 * browser refuses (no clipboard permission, an insecure page), the link is
 * shown selected in a field to copy by hand. Beside it, what the link does
 * with a depth map that has no URL: carried exactly, quantized (with the
 * largest error), or too large, with the way out (export the file).
 */
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useAppState, store } from '../state/store';
import { flushUrl, linkOf } from './address-bar';
import { useDepthInLink, type DepthInLink } from '../link/link-status';
import type { UnitSettings } from '../core/units';
import { METRES_PER_UNIT } from '../link/quantized-units';

type Outcome = { copied: true; link: string } | { copied: false; link: string; why: string } | null;

/** Drawn over the page below the button, so the feedback never re-wraps the toolbar and moves the view. */
const POPUP: CSSProperties = {
  position: 'absolute', top: '100%', right: 0, zIndex: 3, marginTop: 4, padding: '6px 8px', width: 380,
  background: 'var(--panel)', border: '1px solid var(--line)', borderRadius: 4, display: 'grid', gap: 4,
};

function describeError(maxError: number, scale: UnitSettings['scale']): string {
  const perUnit: number | undefined = typeof scale === 'number' ? scale : METRES_PER_UNIT[scale];
  const raw = `${Number(maxError.toPrecision(3))} raw units`;
  return perUnit === undefined ? raw : `${Number((maxError * perUnit).toPrecision(3))} m (${raw})`;
}

function depthNote(depth: DepthInLink, scale: UnitSettings['scale']): string | null {
  if (depth.kind === 'waiting') return depth.why;
  if (depth.kind !== 'embedded') return null;
  if (!depth.fits) return `The link cannot hold this depth map: ${depth.reason}. Export the depth as a file (Export panel) and send it with the link.`;
  const size = `${(depth.text.length / 1024).toFixed(1)} KB`;
  if (depth.maxError === null) return depth.fromLink ? `Depth map from the link, exact (${size}).` : `The link holds this depth map exactly (${size}).`;
  const loss = `quantized to 16 bits, each value within ±${describeError(depth.maxError, scale)} of the original`;
  return depth.fromLink ? `Depth map from the link, ${loss}.` : `The link holds this depth map ${loss} (${size}); export it as a file to share it exactly.`;
}

/** The largest error of a quantized map in the link, in raw units (for tests and tools; the note says it in words). */
const maxErrorOf = (depth: DepthInLink) => (depth.kind === 'embedded' && depth.fits && depth.maxError !== null ? String(depth.maxError) : null);

function showExportPanel(): void {
  const panel = document.querySelector<HTMLElement>('section[aria-label="Export"]');
  panel?.scrollIntoView({ block: 'nearest' });
  panel?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
}

export function CopyLinkButton() {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const depth = useDepthInLink();
  const scale = useAppState((s) => s.units.scale);
  const field = useRef<HTMLInputElement>(null);
  const note = depthNote(depth, scale);
  const [dismissed, setDismissed] = useState<DepthInLink | null>(null);
  // Whoever opens a link with a quantized map is told so until they close the note; the sender learns
  // what the link holds when copying it.
  const lasting = depth.kind === 'embedded' && depth.fits && depth.fromLink && depth.maxError !== null && dismissed !== depth;
  // "Copied" goes after a moment, unless the link lost something (a map quantized or left out): that
  // stays explained until closed, since there is something to read or do.
  const lossy = depth.kind === 'waiting' || (depth.kind === 'embedded' && (!depth.fits || depth.maxError !== null));

  useEffect(() => {
    if (outcome && !outcome.copied) field.current?.select();
    if (!outcome?.copied || lossy) return;
    const timer = setTimeout(() => setOutcome(null), 4000);
    return () => clearTimeout(timer);
  }, [outcome, lossy]);

  const copy = async () => {
    flushUrl();
    const link = new URL(linkOf(store.getState()), location.href).href;
    try {
      if (!navigator.clipboard) throw new Error('this page has no clipboard access (it needs https or localhost)');
      await navigator.clipboard.writeText(link);
      setOutcome({ copied: true, link });
    } catch (e) {
      const why = e instanceof Error && e.message ? e.message : 'the browser refused';
      setOutcome({ copied: false, link, why });
    }
  };

  return (
    <span style={{ position: 'relative' }}>
      <button type="button" data-testid="copy-link" title="Copy a link that opens this exact view" onClick={() => void copy()}>
        Copy link
      </button>
      {(outcome || lasting) && (
        <span style={POPUP} data-testid="copy-link-popup">
          {outcome?.copied && (
            <span role="status" data-testid="copy-status">
              Copied
            </span>
          )}
          {outcome && !outcome.copied && (
            <>
              <span role="status" data-testid="copy-status">
                Could not copy the link ({outcome.why}). It is selected below: copy it with Ctrl+C (⌘C).
              </span>
              <input ref={field} type="text" readOnly aria-label="Link to this view" data-testid="link-text" value={outcome.link} onFocus={(e) => e.target.select()} />
            </>
          )}
          {note && (
            <span className="hint" data-testid="link-depth" data-max-error={maxErrorOf(depth) ?? undefined}>
              {note}
            </span>
          )}
          {depth.kind === 'embedded' && !depth.fits && (
            <button type="button" data-testid="link-export" onClick={showExportPanel}>
              Go to Export
            </button>
          )}
          <button
            type="button"
            data-testid="copy-link-close"
            onClick={() => {
              setOutcome(null);
              setDismissed(depth);
            }}
          >
            Close
          </button>
        </span>
      )}
    </span>
  );
}
