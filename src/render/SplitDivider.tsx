/**
 * A vertical handle over the image at the split column (store splitX): the
 * before/after divider of the split view (raw left, filtered right), and the
 * comparison's swipe divider (CompareSwipeDivider.tsx). Drag it (pointer) or
 * focus it and use the arrow keys (Shift: 10 px); its own pointer events stop
 * the viewport from panning.
 */
import { useRef } from 'react';
import { imageSize, setState, splitColumn, store, useAppState } from '../state/store';
import { imageToScreen, screenToImage, type Size } from '../core/view-transform';

export interface ColumnDividerProps {
  viewport: Size;
  /** Whether the divider is shown. */
  active: boolean;
  label: string;
  testId: string;
  /** What lies left and right of it. */
  left: string;
  right: string;
}

export function ColumnDivider({ viewport, active, label, testId, left, right }: ColumnDividerProps) {
  const view = useAppState((s) => s.view);
  const column = useAppState((s) => splitColumn(s));
  const width = useAppState((s) => imageSize(s)?.width ?? 0);
  const dragging = useRef(false);
  if (!view || !active || width === 0) return null;
  const x = imageToScreen(view, viewport, column, 0).x;
  const setColumn = (c: number) => setState({ splitX: Math.max(0, Math.min(width, Math.round(c))) });
  const moveTo = (clientX: number, target: HTMLElement) => {
    const box = target.parentElement!.getBoundingClientRect();
    const v = store.getState().view;
    if (v) setColumn(screenToImage(v, viewport, clientX - box.left, 0).u);
  };
  return (
    <div
      className="split-divider"
      role="slider"
      tabIndex={0}
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={width}
      aria-valuenow={column}
      data-testid={testId}
      style={{ left: x }}
      onPointerDown={(e) => {
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = true;
      }}
      onPointerMove={(e) => {
        e.stopPropagation();
        if (dragging.current) moveTo(e.clientX, e.currentTarget);
      }}
      onPointerUp={(e) => {
        e.stopPropagation();
        dragging.current = false;
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 10 : 1;
        if (e.key === 'ArrowLeft') setColumn(column - step);
        else if (e.key === 'ArrowRight') setColumn(column + step);
        else return;
        e.preventDefault();
        e.stopPropagation();
      }}
    >
      <span className="split-label left">{left}</span>
      <span className="split-label right">{right}</span>
    </div>
  );
}

export function SplitDivider({ viewport }: { viewport: Size }) {
  const active = useAppState((s) => s.display === 'split');
  return (
    <ColumnDivider
      viewport={viewport}
      active={active}
      label="Before/after divider: raw depth on the left, filtered on the right"
      testId="split-divider"
      left="raw"
      right="filtered"
    />
  );
}
