/**
 * The filter chain's output, or its registered input, at one image pixel, for
 * the readout and probes. On the GPU this reads back 4 bytes when the pixel or
 * the output changes, never the frame. undefined while the value is on its way
 * (or no chain is on); null where the image has no depth (or no pixel:
 * decimation drops the last columns and rows).
 */
import { useEffect, useState } from 'react';
import { useAppState, type FilteredOutput, type PixelRef } from '../state/store';
import { filteredReaders, type FilteredReaders } from '../state/filtered-readers';

function filteredPixel(filtered: FilteredOutput, p: PixelRef): { x: number; y: number } | null {
  const x = Math.floor(p.x / filtered.factor);
  const y = Math.floor(p.y / filtered.factor);
  return x < filtered.width && y < filtered.height ? { x, y } : null;
}

type Which = 'output' | 'registered input';

/** The reader of `which`, and the pixel it is read at (the input is on the image's own grid). */
function readerOf(readers: FilteredReaders, which: Which, filtered: FilteredOutput, p: PixelRef) {
  if (which === 'output') {
    const q = filteredPixel(filtered, p);
    return q && { read: readers.read, ...q };
  }
  return readers.readInput ? { read: readers.readInput, x: p.x, y: p.y } : null;
}

function useChainValue(p: PixelRef | null, which: Which, active: boolean): number | null | undefined {
  const filtered = useAppState((s) => s.filtered);
  const [result, setResult] = useState<{ key: string; value: number | null } | null>(null);
  const key = filtered && p ? `${which}:${filtered.version}:${p.x},${p.y}` : '';
  useEffect(() => {
    if (!filtered || !p || !active) return;
    const readers = filteredReaders(filtered.version);
    if (!readers) return; // replaced: the store's next output brings its own readers
    const r = readerOf(readers, which, filtered, p);
    if (!r) return;
    let alive = true;
    r.read(r.x, r.y).then(
      (v) => alive && setResult({ key, value: Number.isFinite(v) ? v : null }),
      () => alive && setResult({ key, value: null }),
    );
    return () => {
      alive = false;
    };
  }, [filtered, p, active, which, key]);
  if (!active || !filtered || !p) return undefined;
  if (which === 'output' && !filteredPixel(filtered, p)) return null;
  return result && result.key === key ? result.value : undefined;
}

export function useFilteredValue(p: PixelRef | null): number | null | undefined {
  const active = useAppState((s) => s.chain.some((e) => e.stage.enabled));
  return useChainValue(p, 'output', active);
}

/** The depth registered to the colour camera at `p` (metres), while it is registered; undefined otherwise or while it is read. */
export function useRegisteredValue(p: PixelRef | null, registered: boolean): number | null | undefined {
  return useChainValue(p, 'registered input', registered);
}
