/**
 * The live ray-cast view of the reconstruction: a canvas the engine's image is
 * copied into on the GPU (raycast-canvas.ts), shown at the panel's width with
 * square pixels. Contract: [data-testid="recon-raycast-view"] with
 * data-shown="true" while an image is on it.
 */
import { useEffect, useRef, useState } from 'react';
import { attachRaycastCanvas } from './raycast-canvas';

export function RaycastViewCanvas({ label }: { label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => (canvas.current ? attachRaycastCanvas(canvas.current, setShown) : undefined), []);
  return (
    <canvas
      ref={canvas}
      data-testid="recon-raycast-view"
      data-shown={shown}
      role="img"
      aria-label={label}
      style={{ width: '100%', imageRendering: 'pixelated', display: shown ? 'block' : 'none', background: '#1b1d22' }}
    />
  );
}
