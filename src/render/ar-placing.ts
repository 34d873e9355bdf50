/**
 * Placing objects in the AR preview: while an object is chosen, a click (not a
 * drag) stands it on the filtered surface under the pointer, facing out along
 * the surface normal; a click on a hole places nothing and says why. Through a
 * lens the click is on the rectified picture, so it reads the depth pixel its
 * undistorted ray meets, and that pixel's point is on its undistorted ray.
 */
import { scaledIntrinsics } from '../core/intrinsics';
import { depthPixelOfScreenPixel, lensCamera } from '../core/occlusion';
import { surfaceAt } from '../core/surface-placement';
import { placeArObject } from '../state/ar-actions';
import { currentIntrinsics, setState, store } from '../state/store';
import { onSurfaceClick } from './surface-clicks';

/** Places objects with clicks on `element`, whose box shows the whole image. Returns the function that stops it. */
export function placeOnClick(element: HTMLElement): () => void {
  return onSurfaceClick(
    element,
    () => store.getState().ar.placing !== null,
    (e, field) => {
      const s = store.getState();
      const box = element.getBoundingClientRect();
      const u = Math.floor(((e.clientX - box.left) / box.width) * field.width);
      const v = Math.floor(((e.clientY - box.top) / box.height) * field.height);
      const intr = scaledIntrinsics(currentIntrinsics(s), field.factor);
      const lens = s.lens ?? undefined;
      // The view is rectified (ar-view.ts): the screen pixel's ray meets the depth image where the lens puts it.
      const at = depthPixelOfScreenPixel(u, v, lensCamera(intr, lens), field.width, field.height);
      const surface = surfaceAt({ depth: field.depth, width: field.width, height: field.height, intr, rayLength: s.rayLength, lens }, at.iu, at.iv);
      if (!surface) {
        setState({ error: 'No surface under the pointer to stand an object on (a hole in the depth): click elsewhere, or fill holes with the filter chain.' });
        return;
      }
      placeArObject(surface.position, surface.normal);
    },
  );
}
