/** Inside an R3F canvas: registers the canvas as the view a screenshot captures. */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import { canvasCapture, registerViewCapture } from './view-capture';

export function ViewCaptureSource() {
  const get = useThree((s) => s.get);
  useEffect(
    () =>
      registerViewCapture(() => {
        const { gl, scene, camera } = get();
        return canvasCapture(gl.domElement, () => gl.render(scene, camera));
      }),
    [get],
  );
  return null;
}
