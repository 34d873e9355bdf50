/**
 * Pairing predictions with references: for a batch evaluation (state/batch-actions.ts)
 * and for a dataset folder that ships ground truth (io/datasets/ground-truth-pairs.ts,
 * kitti-depth.ts), one rule set for both. Three rules:
 * - by file name without its extension (frame_0001.png with frame_0001.npy), so a
 *   folder of PNG ground truth pairs with a folder of a model's NPY outputs;
 * - by the same relative path in two folders (preds/scene1/0001.npy with
 *   gt/scene1/0001.png), for nested dataset folders: each side's own top folder
 *   (the deepest folder holding all its files) is left out, and the extension;
 * - by a pattern (`{id}_pred.png` with `{id}_gt.png`), where both sides may be
 *   the same folder: a file matching neither pattern is not part of the batch.
 * Files left without a partner are listed, not silently dropped.
 */

export interface NamedFile {
  name: string;
  /** The path below the chosen folder, as a File from a folder input or drop has it ("" otherwise). */
  webkitRelativePath?: string;
}

export type PairingRule =
  | { kind: 'name' }
  | { kind: 'relative-path' }
  | { kind: 'pattern'; prediction: string; reference: string };

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

/** The path shown and matched: the relative path when the file came in a folder, else its name. */
export function filePath(f: NamedFile): string {
  return (f.webkitRelativePath || f.name).replace(/\\/g, '/');
}

/** Paths with the folder they all share left out ("preds/a/1.png", "preds/b/1.png" -> "a/1.png", "b/1.png"). */
function withoutCommonFolder(paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const dirs = paths.map((p) => p.split('/').slice(0, -1));
  let common = 0;
  while (dirs.every((d) => common < d.length && d[common] === dirs[0][common])) common++;
  return paths.map((p) => p.split('/').slice(common).join('/'));
}

function withoutExtension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

/** Why a pattern cannot pair files, or null: it needs exactly one {id}. */
export function patternProblem(pattern: string): string | null {
  const count = pattern.split('{id}').length - 1;
  if (count !== 1) return `The pattern “${pattern}” needs exactly one {id} (it has ${count}), e.g. {id}_pred.png.`;
  return null;
}

/**
 * A pattern as a matcher: the literal parts exactly, {id} any text; a match may
 * sit in any folder, and the key is that folder plus the id, so
 * "scene1/0001_pred.png" and "scene1/0001_gt.png" share "scene1/0001".
 */
function patternKey(pattern: string): (path: string) => string | null {
  const problem = patternProblem(pattern);
  if (problem) throw new Error(problem);
  const [before, after] = pattern.split('{id}').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`^(|.*/)${before}(.+)${after}$`);
  return (path) => {
    const m = re.exec(path);
    return m ? m[1] + m[2] : null;
  };
}

/** 'name' unless every file on both sides came in a folder: then the same relative path pairs them. */
export function defaultRule(predictions: readonly NamedFile[], references: readonly NamedFile[]): PairingRule {
  const all = [...predictions, ...references];
  return all.length > 0 && all.every((f) => f.webkitRelativePath) ? { kind: 'relative-path' } : { kind: 'name' };
}

function keysFor(files: readonly NamedFile[], rule: PairingRule, side: 'prediction' | 'reference'): (string | null)[] {
  const paths = files.map(filePath);
  if (rule.kind === 'name') return files.map((f) => pairKey(f.name));
  if (rule.kind === 'relative-path') return withoutCommonFolder(paths).map(withoutExtension);
  const key = patternKey(rule[side]);
  return paths.map(key);
}

function byKey<F extends NamedFile>(files: readonly F[], keys: (string | null)[], duplicates: string[]): Map<string, F> {
  const map = new Map<string, F>();
  files.forEach((f, i) => {
    const key = keys[i];
    if (key === null) return;
    if (map.has(key)) duplicates.push(filePath(f));
    else map.set(key, f);
  });
  return map;
}

export function pairFiles<F extends NamedFile>(
  predictions: readonly F[],
  references: readonly F[],
  rule: PairingRule = defaultRule(predictions, references),
): Pairing<F> {
  const duplicates: string[] = [];
  const preds = byKey(predictions, keysFor(predictions, rule, 'prediction'), duplicates);
  const refs = byKey(references, keysFor(references, rule, 'reference'), duplicates);
  const pairs = [...preds.keys()]
    .filter((k) => refs.has(k))
    .sort(collator.compare)
    .map((name) => ({ name, prediction: preds.get(name)!, reference: refs.get(name)! }));
  return {
    pairs,
    unpairedPredictions: [...preds.keys()].filter((k) => !refs.has(k)).map((k) => filePath(preds.get(k)!)),
    unpairedReferences: [...refs.keys()].filter((k) => !preds.has(k)).map((k) => filePath(refs.get(k)!)),
    duplicates,
  };
}
