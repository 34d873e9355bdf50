/**
 * The colour frame of the depth: which one is loaded (or a picker to load it)
 * and, in 3-D, whether the cloud takes its colours or the depth colormap's.
 */
import { openColourFile } from '../state/colour-actions';
import { setState, store, useAppState } from '../state/store';

export function ColourControls() {
  const name = useAppState((s) => s.colour?.name ?? null);
  const mode = useAppState((s) => s.mode);
  const colorBy = useAppState((s) => s.cloud.colorBy);
  return (
    <>
      <label className="file-button" title="The RGB frame taken with this depth map (same viewpoint); it colours the cloud and the AR background">
        {name ? `colour: ${name}` : 'Colour image…'}
        <input
          type="file"
          accept="image/*,.ppm"
          data-testid="colour-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openColourFile(file);
          }}
        />
      </label>
      {mode === 'cloud' && name && (
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
