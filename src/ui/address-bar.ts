/**
 * Keeps the address bar in step with the store: read once at start-up, then
 * rewritten whenever a shared setting changes (at most every WRITE_DELAY_MS).
 * A discrete change pushes a history entry and a continuous one replaces the
 * current entry (see link-change.ts); Back and Forward put the entry's state
 * back without reloading the page. The page's side of links: it owns
 * `location`, `history` and the viewport's size; state/link-from-state.ts
 * makes the link.
 */
import { store, type DepthscopeState } from '../state/store';
import { parseLink } from '../link/parse-link';
import { compareStore } from '../state/compare-store';
import { recordingStore } from '../state/recording-store';
import { applyLink } from '../state/link-apply';
import { classifyChange } from '../state/link-change';
import { linkOf as linkFromState } from '../state/link-from-state';
import type { Size } from '../core/view-transform';

const WRITE_DELAY_MS = 100;

function viewportSize(): Size | null {
  const el = document.querySelector<HTMLElement>('[data-testid="viewport"]');
  return el ? { width: el.clientWidth, height: el.clientHeight } : null;
}

/** The link of the state on screen: path, query and fragment. */
export function linkOf(s: DepthscopeState): string {
  return linkFromState(s, location.pathname, viewportSize());
}

/** Applies the link the page was opened with, then opens its source (or the bundled sample). */
export async function applyUrlAtStart(search: string, hash = location.hash): Promise<void> {
  await applyLink(parseLink(search, hash, location.href), true);
}

let flush: (() => void) | null = null;

/** Writes a pending change to the address bar now (before the link is copied). */
export function flushUrl(): void {
  flush?.();
}

export function syncUrlWithStore(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let push = false;
  /** Set while Back/Forward puts an entry's state back: those changes are the entry's, not new ones. */
  let restoring = 0;
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const next = linkOf(store.getState());
    if (next !== `${location.pathname}${location.search}${location.hash}`) {
      if (push) history.pushState(null, '', next);
      else history.replaceState(null, '', next);
    }
    push = false;
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (restoring > 0) return;
    const change = classifyChange(s, prev);
    if (change === 'none') return;
    push ||= change === 'discrete';
    timer ??= setTimeout(write, WRITE_DELAY_MS);
  });
  const onPopState = () => {
    // A change not yet written belonged to the entry being left; it is dropped with it.
    if (timer) clearTimeout(timer);
    timer = null;
    push = false;
    const generation = ++restoring;
    void applyLink(parseLink(location.search, location.hash, location.href), false).finally(() => {
      if (generation !== restoring) return;
      restoring = 0;
      write();
    });
  };
  window.addEventListener('popstate', onPopState);
  // Opening or dropping a reference is a discrete change of the view.
  const unsubscribeCompare = compareStore.subscribe((c, prev) => {
    if (restoring > 0 || c.reference?.url === prev.reference?.url) return;
    push = true;
    timer ??= setTimeout(write, WRITE_DELAY_MS);
  });
  // A recording paused: the link can now carry the frame on screen (link-from-state.ts's depthText).
  const unsubscribeRecording = recordingStore.subscribe((r, prev) => {
    if (restoring > 0 || r.playing === prev.playing) return;
    timer ??= setTimeout(write, WRITE_DELAY_MS);
  });
  flush = write;
  write();
  return () => {
    unsubscribe();
    unsubscribeCompare();
    unsubscribeRecording();
    window.removeEventListener('popstate', onPopState);
    flush = null;
    if (timer) clearTimeout(timer);
  };
}
