/**
 * Pointer and keyboard habits of 3-D viewers on the reconstruction's live view
 * (core/orbit-camera.ts): drag to orbit about a pivot ahead of the camera,
 * wheel to come nearer or go farther, double-click (or Home) to follow the
 * camera again; arrow keys turn and + / - zoom while the canvas has focus.
 * Each gesture only changes recon-store's orbit: the engine redraws.
 */
import { followCamera, orbitRaycastView, zoomRaycastView } from '../state/recon-actions';

/** A drag across the whole canvas turns the view half a turn. */
const RADIANS_PER_WIDTH = Math.PI;
/** One key press: 5 degrees, or 10 % nearer or farther. */
const KEY_TURN = (5 * Math.PI) / 180;
const KEY_ZOOM = 0.9;
/** Wheel: a notch (deltaY 100) moves about 10 % farther. */
const WHEEL_ZOOM_PER_DELTA = 0.001;

export function attachRaycastOrbit(canvas: HTMLCanvasElement): () => void {
  let last: { x: number; y: number; id: number } | null = null;
  const perPixel = () => RADIANS_PER_WIDTH / Math.max(1, canvas.clientWidth);
  const down = (e: PointerEvent) => {
    if (e.button !== 0) return;
    last = { x: e.clientX, y: e.clientY, id: e.pointerId };
    canvas.setPointerCapture?.(e.pointerId);
  };
  const move = (e: PointerEvent) => {
    if (!last || e.pointerId !== last.id) return;
    const dx = e.clientX - last.x;
    const dy = e.clientY - last.y;
    last = { ...last, x: e.clientX, y: e.clientY };
    // Dragging right moves the camera left around the pivot (the scene follows the hand); dragging down raises it.
    if (dx !== 0 || dy !== 0) orbitRaycastView(dx * perPixel(), dy * perPixel());
  };
  const up = (e: PointerEvent) => {
    if (last?.id === e.pointerId) last = null;
  };
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    zoomRaycastView(Math.exp(e.deltaY * WHEEL_ZOOM_PER_DELTA));
  };
  const key = (e: KeyboardEvent) => {
    const turns: Record<string, [number, number]> = { ArrowLeft: [-KEY_TURN, 0], ArrowRight: [KEY_TURN, 0], ArrowUp: [0, -KEY_TURN], ArrowDown: [0, KEY_TURN] };
    if (turns[e.key]) orbitRaycastView(...turns[e.key]);
    else if (e.key === '+' || e.key === '=') zoomRaycastView(KEY_ZOOM);
    else if (e.key === '-') zoomRaycastView(1 / KEY_ZOOM);
    else if (e.key === 'Home') followCamera();
    else return;
    e.preventDefault();
  };
  // One signal removes every listener at detach.
  const detach = new AbortController();
  const options = { signal: detach.signal };
  canvas.addEventListener('pointerdown', down, options);
  canvas.addEventListener('pointermove', move, options);
  canvas.addEventListener('pointerup', up, options);
  canvas.addEventListener('pointercancel', up, options);
  canvas.addEventListener('wheel', wheel, { ...options, passive: false });
  canvas.addEventListener('dblclick', followCamera, options);
  canvas.addEventListener('keydown', key, options);
  return () => detach.abort();
}
