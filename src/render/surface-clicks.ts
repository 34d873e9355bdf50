/**
 * Clicks (not drags) on a view that ask what lies under the pointer: measuring
 * in the 3-D view, placing objects in the AR preview. Both work on a CPU copy of
 * the chain's filtered field, read back once per chain output (never per frame)
 * and only when such a click comes.
 */
import { filteredReaders } from '../state/filtered-readers';
import { store } from '../state/store';

/** A drag shorter than this (screen px) is a click. */
const CLICK_SLOP = 4;

/** The chain's filtered field on the CPU, as a click handler sees it. */
export interface FilteredField {
  depth: Float32Array;
  width: number;
  height: number;
  factor: number;
}

/**
 * Calls `click` for each click on `element` while `wanted()` says clicks count,
 * with the filtered field of the moment. Returns the function that stops it.
 */
export function onSurfaceClick(element: HTMLElement, wanted: () => boolean, click: (e: PointerEvent, field: FilteredField) => void): () => void {
  let down: { x: number; y: number } | null = null;
  let copy: { version: number; depth: Float32Array } | null = null;
  const onDown = (e: PointerEvent) => {
    down = { x: e.clientX, y: e.clientY };
  };
  const onUp = async (e: PointerEvent) => {
    const start = down;
    down = null;
    const f = store.getState().filtered;
    if (!start || !f || !wanted() || Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP) return;
    if (!copy || copy.version !== f.version) {
      const readers = filteredReaders(f.version);
      if (!readers) return; // replaced since: the next click reads the new one
      copy = { version: f.version, depth: await readers.readAll() };
    }
    click(e, { depth: copy.depth, width: f.width, height: f.height, factor: f.factor });
  };
  const up = (e: Event) => void onUp(e as PointerEvent);
  element.addEventListener('pointerdown', onDown);
  element.addEventListener('pointerup', up);
  return () => {
    element.removeEventListener('pointerdown', onDown);
    element.removeEventListener('pointerup', up);
  };
}
