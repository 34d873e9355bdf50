/**
 * Pairing predictions with references for a batch evaluation: by file name
 * without its extension (frame_0001.png with frame_0001.npy), so a folder of
 * PNG ground truth pairs with a folder of a model's NPY outputs. Files left
 * without a partner are listed, not silently dropped.
 */

export interface NamedFile {
  name: string;
}

export interface Pairing<F extends NamedFile> {
  /** In name order (numbers in names compared as numbers: frame_2 before frame_10). */
  pairs: { name: string; prediction: F; reference: F }[];
  unpairedPredictions: string[];
  unpairedReferences: string[];
  /** Names that occur twice on one side (the first is used). */
  duplicates: string[];
}

/** A file's pairing key: its base name without the last extension. */
export function pairKey(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

const collator = new Intl.Collator('en', { numeric: true });

function byKey<F extends NamedFile>(files: readonly F[], duplicates: string[]): Map<string, F> {
  const map = new Map<string, F>();
  for (const f of files) {
    const key = pairKey(f.name);
    if (map.has(key)) duplicates.push(f.name);
    else map.set(key, f);
  }
  return map;
}

export function pairFiles<F extends NamedFile>(predictions: readonly F[], references: readonly F[]): Pairing<F> {
  const duplicates: string[] = [];
  const preds = byKey(predictions, duplicates);
  const refs = byKey(references, duplicates);
  const pairs = [...preds.keys()]
    .filter((k) => refs.has(k))
    .sort(collator.compare)
    .map((name) => ({ name, prediction: preds.get(name)!, reference: refs.get(name)! }));
  return {
    pairs,
    unpairedPredictions: [...preds.keys()].filter((k) => !refs.has(k)).map((k) => preds.get(k)!.name),
    unpairedReferences: [...refs.keys()].filter((k) => !preds.has(k)).map((k) => refs.get(k)!.name),
    duplicates,
  };
}
