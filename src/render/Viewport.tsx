/**
 * The 2-D view: owns pan and zoom (wheel zooms around the pointer, drag pans,
 * double-click fits, keys + - 0 and arrows), the hover readout and clicks that
 * pin probes. Picks the renderer: WebGPU on the shared device, else WebGL with
 * a visible notice; after a GPU device loss it reconnects.
 */
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { gpuSession, subscribeGpuSession } from '../engine/gpu-session';
import { imageSize as imageSizeOf, sizeKey, addProbe, setState, store, useAppState, type ViewTransform } from '../state/store';
import { addCalibrationPoint } from '../state/calibration-actions';
import { HeatmapCanvas } from './HeatmapCanvas';
import { CloudCanvas } from './CloudCanvas';
import { ArCanvas } from './ArCanvas';
import { ProbeMarkers } from './ProbeMarkers';
import { SplitDivider } from './SplitDivider';
import { CompareSwipeDivider } from './CompareSwipeDivider';
import { CompareRegion } from './CompareRegion';
import { fitView, panBy, pixelAt, zoomAround, type Size } from '../core/view-transform';

/** A drag shorter than this (screen px) is a click. */
const CLICK_SLOP = 4;

/** `children`: overlays the page puts over the view (readouts, object lists); they stack above the canvas. */
export function Viewport({ children }: { children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Size>({ width: 0, height: 0 });
  const choice = useSyncExternalStore(subscribeGpuSession, gpuSession);
  const imageSize = useAppState((s) => sizeKey(imageSizeOf(s)));
  const view = useAppState((s) => s.view);
  const hasView = view !== null;
  const mode = useAppState((s) => s.mode);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport({ width: el.clientWidth, height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Fit the image when a new one arrives, and again when the viewport is resized
  // while the view is still the fitted one (the user has not panned or zoomed).
  // A layout effect, so no frame is painted with the new image under the old view.
  const lastFit = useRef<ViewTransform | null>(null);
  useLayoutEffect(() => {
    const image = imageSizeOf(store.getState());
    if (!image || viewport.width === 0 || viewport.height === 0) return;
    if (hasView && store.getState().view !== lastFit.current) return;
    lastFit.current = fitView(image, viewport);
    setState({ view: lastFit.current });
  }, [imageSize, viewport, hasView]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const local = (e: { clientX: number; clientY: number }) => {
      const r = el.getBoundingClientRect();
      return { sx: e.clientX - r.left, sy: e.clientY - r.top, size: { width: r.width, height: r.height } };
    };
    const pixelUnder = (e: PointerEvent | MouseEvent) => {
      const s = store.getState();
      const image = imageSizeOf(s);
      if (!s.view || !image) return null;
      const { sx, sy, size } = local(e);
      return pixelAt(s.view, size, image, sx, sy);
    };
    let drag: { x: number; y: number; moved: boolean; id: number } | null = null;

    const onWheel = (e: WheelEvent) => {
      const v = store.getState().view;
      if (!v || onControl(e)) return;
      e.preventDefault();
      const { sx, sy, size } = local(e);
      // Trackpads send many small deltas, mouse wheels few large ones: scale by the delta.
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      setState({ view: zoomAround(v, size, sx, sy, factor) });
    };
    // Controls drawn over the image (the split divider, .viewport-control) handle their own pointer and keys,
    // and the 3-D view has its own orbit controls.
    const onControl = (e: Event) =>
      store.getState().mode !== 'heatmap' || (e.target instanceof Element && e.target.closest('.split-divider, .viewport-control') !== null);
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || onControl(e)) return;
      el.setPointerCapture(e.pointerId);
      drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
    };
    const onMove = (e: PointerEvent) => {
      if (onControl(e)) return;
      if (drag && drag.id === e.pointerId) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (drag.moved || Math.hypot(dx, dy) > CLICK_SLOP) {
          const v = store.getState().view;
          if (v) setState({ view: panBy(v, dx, dy) });
          drag = { ...drag, x: e.clientX, y: e.clientY, moved: true };
        }
      }
      const hover = pixelUnder(e);
      const prev = store.getState().hover;
      if (hover?.x !== prev?.x || hover?.y !== prev?.y) setState({ hover });
    };
    const onUp = (e: PointerEvent) => {
      if (!drag || drag.id !== e.pointerId) return;
      const wasClick = !drag.moved;
      drag = null;
      if (!wasClick) return;
      const p = pixelUnder(e);
      if (!p) return;
      if (store.getState().calibrating) addCalibrationPoint(p);
      else addProbe(p);
    };
    const onLeave = () => setState({ hover: null });
    const onDouble = (e: Event) => {
      if (onControl(e)) return;
      const src = store.getState().source;
      if (!src) return;
      lastFit.current = fitView(src.raw, { width: el.clientWidth, height: el.clientHeight });
      setState({ view: lastFit.current });
    };
    const onKey = (e: KeyboardEvent) => {
      const v = store.getState().view;
      if (!v || onControl(e)) return;
      const size = { width: el.clientWidth, height: el.clientHeight };
      const step = 40;
      const actions: Record<string, () => void> = {
        '+': () => setState({ view: zoomAround(v, size, size.width / 2, size.height / 2, 1.25) }),
        '=': () => setState({ view: zoomAround(v, size, size.width / 2, size.height / 2, 1.25) }),
        '-': () => setState({ view: zoomAround(v, size, size.width / 2, size.height / 2, 0.8) }),
        '0': () => onDouble(e),
        ArrowLeft: () => setState({ view: panBy(v, step, 0) }),
        ArrowRight: () => setState({ view: panBy(v, -step, 0) }),
        ArrowUp: () => setState({ view: panBy(v, 0, step) }),
        ArrowDown: () => setState({ view: panBy(v, 0, -step) }),
      };
      const action = actions[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    const listeners: [string, EventListener, AddEventListenerOptions?][] = [
      ['wheel', onWheel as EventListener, { passive: false }],
      ['pointerdown', onDown as EventListener],
      ['pointermove', onMove as EventListener],
      ['pointerup', onUp as EventListener],
      ['pointerleave', onLeave],
      ['dblclick', onDouble],
      ['keydown', onKey as EventListener],
    ];
    for (const [type, fn, options] of listeners) el.addEventListener(type, fn, options);
    return () => {
      for (const [type, fn] of listeners) el.removeEventListener(type, fn);
    };
  }, []);

  const viewAttr = view ? `${view.cx},${view.cy},${view.zoom}` : '';
  return (
    <div
      ref={ref}
      className="viewport"
      data-testid="viewport"
      data-view={viewAttr}
      tabIndex={0}
      aria-label="Depth image: drag to pan, wheel to zoom, double-click to fit, click to pin a probe"
    >
      {choice.state === 'ready' && mode === 'heatmap' && (
        <HeatmapCanvas key={`${choice.gpu ? 'gpu' : 'cpu'}-${choice.generation}`} gpu={choice.gpu} />
      )}
      {choice.state === 'ready' && mode === 'cloud' && choice.gpu && <CloudCanvas key={`cloud-${choice.generation}`} gpu={choice.gpu} />}
      {choice.state === 'ready' && mode === 'ar' && choice.gpu && <ArCanvas key={`ar-${choice.generation}`} gpu={choice.gpu} viewport={viewport} />}
      {choice.state === 'ready' && mode !== 'heatmap' && !choice.gpu && (
        <p className="view-message">The {mode === 'ar' ? 'AR preview' : '3-D view'} needs WebGPU, which this browser does not offer.</p>
      )}
      {mode === 'heatmap' && <ProbeMarkers viewport={viewport} />}
      {mode === 'heatmap' && <SplitDivider viewport={viewport} />}
      {mode === 'heatmap' && <CompareSwipeDivider viewport={viewport} />}
      {mode === 'heatmap' && <CompareRegion viewport={viewport} />}
      {children}
    </div>
  );
}
