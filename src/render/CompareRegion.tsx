/**
 * The evaluation region over the image: its outline while one is set, and,
 * while the user draws one (Compare panel: "Draw region"), a layer over the
 * view that turns a drag into the rectangle between the pixels under its ends.
 * The metrics follow the rectangle as it is drawn. Escape stops drawing.
 */
import { useRef } from 'react';
import { imageSize, store, useAppState } from '../state/store';
import { setCompare, setCompareSettings, useCompareState } from '../state/compare-store';
import { regionBetween } from '../state/compare-grid';
import { imageToScreen, screenToImage, type Size } from '../core/view-transform';

export function CompareRegion({ viewport }: { viewport: Size }) {
  const view = useAppState((s) => s.view);
  const active = useCompareState((s) => s.reference !== null);
  const region = useCompareState((s) => s.settings.region);
  const drawing = useCompareState((s) => s.drawingRegion);
  const start = useRef<{ x: number; y: number } | null>(null);
  if (!view || !active) return null;

  const pixelUnder = (e: React.PointerEvent<HTMLDivElement>) => {
    const s = store.getState();
    const size = imageSize(s);
    if (!s.view || !size) return null;
    const box = e.currentTarget.getBoundingClientRect();
    const { width, height } = size;
    // Clamped, so a drag that leaves the image still ends on its edge.
    const p = screenToImage(s.view, viewport, e.clientX - box.left, e.clientY - box.top);
    const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
    return { x: clamp(p.u, width), y: clamp(p.v, height) };
  };
  const update = (e: React.PointerEvent<HTMLDivElement>) => {
    const a = start.current;
    const b = pixelUnder(e);
    const size = imageSize(store.getState());
    if (a && b && size) setCompareSettings({ region: regionBetween(a, b, size.width, size.height) });
  };

  const outline = region && (() => {
    const a = imageToScreen(view, viewport, region.x0, region.y0);
    const b = imageToScreen(view, viewport, region.x1, region.y1);
    return <div className="compare-region-outline" data-testid="region-outline" style={{ left: a.x, top: a.y, width: b.x - a.x, height: b.y - a.y }} />;
  })();

  return (
    <>
      {outline}
      {drawing && (
        <div
          className="viewport-control compare-region-layer"
          data-testid="region-layer"
          tabIndex={-1}
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            e.currentTarget.setPointerCapture(e.pointerId);
            start.current = pixelUnder(e);
            update(e);
          }}
          onPointerMove={(e) => {
            if (start.current) update(e);
          }}
          onPointerUp={(e) => {
            update(e);
            start.current = null;
            setCompare({ drawingRegion: false });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setCompare({ drawingRegion: false });
          }}
        />
      )}
    </>
  );
}
