/**
 * The live ray-cast view of the reconstruction: a canvas the engine's image is
 * copied into on the GPU (raycast-canvas.ts), shown at the panel's width with
 * square pixels, orbited with the pointer and keys (raycast-orbit.ts).
 * Contract: [data-testid="recon-raycast-view"] with data-shown="true" while an
 * image is on it and data-orbit (yaw and pitch in degrees, distance in metres,
 * or "follow") of that image.
 */
import { useEffect, useRef, useState } from 'react';
import { attachRaycastCanvas } from './raycast-canvas';
import { attachRaycastOrbit } from './raycast-orbit';

export function RaycastViewCanvas({ label }: { label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return undefined;
    const detachImage = attachRaycastCanvas(c, setShown);
    const detachOrbit = attachRaycastOrbit(c);
    return () => {
      detachOrbit();
      detachImage();
    };
  }, []);
  return (
    <canvas
      ref={canvas}
      data-testid="recon-raycast-view"
      data-shown={shown}
      role="img"
      tabIndex={0}
      aria-label={`${label}. Drag to orbit, wheel or + and - to zoom, arrow keys to turn, double-click or Home to follow the camera again.`}
      title="Drag to orbit · wheel to zoom · double-click to follow the camera"
      style={{ width: '100%', imageRendering: 'pixelated', display: shown ? 'block' : 'none', background: '#1b1d22', touchAction: 'none', cursor: 'grab' }}
    />
  );
}
