/**
 * The colour frame of the depth: which one is loaded (or a picker to load it)
 * and, in 3-D, whether the cloud takes its colours or the depth colormap's;
 * with a comparison's reference, whether its cloud is overlaid (two colours).
 */
import { openColourFile } from '../state/colour-actions';
import { setState, store, useAppState } from '../state/store';
import { setCompare, useCompareState } from '../state/compare-store';
import { MAP_TINT, REFERENCE_TINT, tintCss } from '../render/overlay-tints';
import { FileButton } from './FileButton';

export function ColourControls() {
  const name = useAppState((s) => s.colour?.name ?? null);
  const mode = useAppState((s) => s.mode);
  const colorBy = useAppState((s) => s.cloud.colorBy);
  const hasReference = useCompareState((c) => c.reference !== null);
  const overlay = useCompareState((c) => c.cloudOverlay);
  return (
    <>
      <FileButton
        testId="colour-file"
        accept="image/*,.ppm"
        title="The RGB frame taken with this depth map (same viewpoint); it colours the cloud and the AR background"
        onFiles={([file]) => void openColourFile(file)}
      >
        {name ? `colour: ${name}` : 'Colour image…'}
      </FileButton>
      {mode === 'cloud' && hasReference && (
        <label title="The comparison's reference as a second cloud: the map's points orange, the reference's cyan">
          <input type="checkbox" data-testid="reference-overlay" checked={overlay} onChange={(e) => setCompare({ cloudOverlay: e.target.checked })} />
          reference cloud <span className="swatch" style={{ background: tintCss(MAP_TINT) }} /> map{' '}
          <span className="swatch" style={{ background: tintCss(REFERENCE_TINT) }} /> reference
        </label>
      )}
      {mode === 'cloud' && name && !(hasReference && overlay) && (
        <select
          aria-label="Colour points by"
          data-testid="color-by"
          value={colorBy}
          onChange={(e) => setState({ cloud: { ...store.getState().cloud, colorBy: e.target.value as 'depth' | 'image' } })}
        >
          <option value="image">colour image</option>
          <option value="depth">depth colormap</option>
        </select>
      )}
    </>
  );
}
