/**
 * The AR preview's settings: what a click places (a primitive or a dropped
 * glTF) and how large, the soft band of the occlusion, the mask view, and the
 * list of placed objects.
 */
import { AR_PRIMITIVES, useAppState, type ArSettings } from '../state/store';
import { openGltfFile, removeArObject, setAr } from '../state/ar-actions';
import { NumberField } from './NumberField';
import { FileButton } from './FileButton';
import { Options } from './Options';

export function ArControls() {
  const ar = useAppState((s) => s.ar);
  const placing = ar.placing === 'gltf' ? `gltf:${ar.model ?? ''}` : (ar.placing ?? 'none');
  const choose = (value: string) => {
    const next: Partial<ArSettings> = value === 'none' ? { placing: null } : value.startsWith('gltf:') ? { placing: 'gltf' } : { placing: value as ArSettings['placing'] };
    setAr(next);
  };
  return (
    <>
      <label title="A click on the image stands this object on the surface there">
        Place
        <select data-testid="ar-place" value={placing} onChange={(e) => choose(e.target.value)}>
          <Options items={AR_PRIMITIVES} value={(p) => p} label={(p) => p} />
          {ar.model && <option value={`gltf:${ar.model}`}>{ar.model}</option>}
          <option value="none">nothing (clicks do not place)</option>
        </select>
      </label>
      <FileButton
        testId="ar-gltf-file"
        accept=".glb,.gltf,model/gltf-binary,model/gltf+json"
        title="A glTF model (.glb, or .gltf with embedded buffers), in metres"
        onFiles={([file]) => void openGltfFile(file)}
      >
        glTF…
      </FileButton>
      <NumberField label="size (m)" testId="ar-size" value={ar.size} min={0.01} max={100} onCommit={(v) => setAr({ size: v })} />
      <NumberField label="soft edge (m)" testId="ar-band" value={ar.band} min={0} max={5} onCommit={(v) => setAr({ band: v })} />
      <label title="Green: the virtual object is seen; red: the real surface hides it">
        <input type="checkbox" data-testid="ar-mask" checked={ar.mask} onChange={(e) => setAr({ mask: e.target.checked })} />
        occlusion mask
      </label>
    </>
  );
}

/** The placed objects, over the view's top-left corner (not in the toolbar, which would re-wrap as the list grows and move the view). */
export function ArObjectList() {
  const objects = useAppState((s) => s.ar.objects);
  return (
    <span data-testid="ar-objects" data-count={objects.length} className="view-overlay ar-objects">
      {objects.length === 0 ? 'no objects: click the surface' : `${objects.length} object${objects.length === 1 ? '' : 's'}`}
      {objects.map((o) => (
        <button key={o.id} type="button" data-position={o.position.join(' ')} title={`Remove ${o.name} at ${o.position.map((c) => c.toFixed(2)).join(', ')} m`} onClick={() => removeArObject(o.id)}>
          {o.name} ×
        </button>
      ))}
    </span>
  );
}
