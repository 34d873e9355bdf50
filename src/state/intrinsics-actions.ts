/** Intrinsics from a sidecar file (picked, or dropped together with depth files). */
import { presetScaleProblem, scalePreset } from '../core/intrinsics';
import { parseIntrinsicsFile } from '../io/intrinsics-file';
import { setState, store } from './store';

/** Files that are intrinsics, not depth: by extension (a depth file is never JSON or YAML). */
export function isIntrinsicsFile(file: File): boolean {
  return /\.(json|ya?ml)$/i.test(file.name);
}

export async function openIntrinsicsFile(file: File): Promise<boolean> {
  try {
    const parsed = parseIntrinsicsFile(await file.text());
    const raw = store.getState().source?.raw;
    // A calibration made at another resolution of the same camera is scaled to this image.
    const fits = !raw || (raw.width === parsed.width && raw.height === parsed.height);
    const scaled = { ...parsed.intrinsics, width: parsed.width, height: parsed.height };
    const problem = fits || !raw ? null : presetScaleProblem(scaled, raw.width, raw.height);
    if (problem) throw new Error(problem);
    const intrinsics = fits || !raw ? parsed.intrinsics : scalePreset(scaled, raw.width, raw.height);
    const warnings = parsed.warnings.length > 0 ? ` Note: ${parsed.warnings.join(' ')}` : '';
    setState({ intrinsics, intrinsicsSource: `${file.name} (${parsed.format})`, error: warnings ? `Intrinsics loaded.${warnings}` : null });
    return true;
  } catch (e) {
    setState({ error: `Could not read intrinsics from “${file.name}”: ${e instanceof Error ? e.message : String(e)}` });
    return false;
  }
}
