/**
 * The filter chain's output at one image pixel, for the readout and probes.
 * On the GPU this reads back 4 bytes when the pixel or the output changes,
 * never the frame. undefined while the value is on its way (or no chain is on);
 * null where the filtered image has no depth (or no pixel: decimation drops
 * the last columns and rows).
 */
import { useEffect, useState } from 'react';
import { useAppState, type FilteredOutput, type PixelRef } from '../state/store';
import { filteredReaders } from '../state/filtered-readers';

function filteredPixel(filtered: FilteredOutput, p: PixelRef): { x: number; y: number } | null {
  const x = Math.floor(p.x / filtered.factor);
  const y = Math.floor(p.y / filtered.factor);
  return x < filtered.width && y < filtered.height ? { x, y } : null;
}

export function useFilteredValue(p: PixelRef | null): number | null | undefined {
  const filtered = useAppState((s) => s.filtered);
  const active = useAppState((s) => s.chain.some((e) => e.stage.enabled));
  const [result, setResult] = useState<{ key: string; value: number | null } | null>(null);
  const key = filtered && p ? `${filtered.version}:${p.x},${p.y}` : '';
  const at = filtered && p ? filteredPixel(filtered, p) : null;
  useEffect(() => {
    if (!filtered || !p || !active) return;
    const q = filteredPixel(filtered, p);
    if (!q) return;
    const k = `${filtered.version}:${p.x},${p.y}`;
    const readers = filteredReaders(filtered.version);
    if (!readers) return; // replaced: the store's next output brings its own readers
    let alive = true;
    readers.read(q.x, q.y).then(
      (v) => alive && setResult({ key: k, value: Number.isFinite(v) ? v : null }),
      () => alive && setResult({ key: k, value: null }),
    );
    return () => {
      alive = false;
    };
  }, [filtered, p, active]);
  if (!active || !filtered || !p) return undefined;
  if (!at) return null;
  return result && result.key === key ? result.value : undefined;
}
