/**
 * What the user does in the AR preview: place the chosen object on a picked
 * surface point, remove objects, and bring in glTF models (kept in this tab;
 * a link names them only).
 */
import type { Vec3 } from '../core/surface-placement';
import { setState, store, type ArSettings } from './store';

/** Reads a glTF into the renderer's model cache (three.js's loader, in src/render). */
export type ModelLoader = (name: string, bytes: ArrayBuffer) => Promise<unknown>;
let modelLoader: ModelLoader | null = null;

/** The render layer's loader, handed over by the page at start-up (main.tsx): state never imports three.js. */
export function provideModelLoader(load: ModelLoader): void {
  modelLoader = load;
}

export function setAr(patch: Partial<ArSettings>): void {
  setState({ ar: { ...store.getState().ar, ...patch } });
}

export function placeArObject(position: Vec3, normal: Vec3): void {
  const { ar } = store.getState();
  if (!ar.placing) return;
  const id = ar.objects.reduce((m, o) => Math.max(m, o.id), 0) + 1;
  const name = ar.placing === 'gltf' ? (ar.model ?? 'model') : ar.placing;
  const round = (v: Vec3, digits: number) => v.map((c) => Number(c.toFixed(digits))) as Vec3;
  setAr({ objects: [...ar.objects, { id, kind: ar.placing, name, position: round(position, 5), normal: round(normal, 5), size: ar.size }] });
}

export function removeArObject(id: number): void {
  setAr({ objects: store.getState().ar.objects.filter((o) => o.id !== id) });
}

export function isGltfFile(file: File): boolean {
  return /\.(glb|gltf)$/i.test(file.name);
}

/** Loads a glTF (binary .glb, or .gltf with embedded buffers) and makes it the next object placed. */
export async function openGltfFile(file: File): Promise<boolean> {
  try {
    if (!modelLoader) throw new Error('3-D models cannot be read on this page');
    await modelLoader(file.name, await file.arrayBuffer());
    setAr({ placing: 'gltf', model: file.name });
    return true;
  } catch (e) {
    setState({ error: `Could not load the 3-D model “${file.name}”: ${e instanceof Error ? e.message : String(e)}` });
    return false;
  }
}
