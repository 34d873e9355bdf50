/**
 * The colour frame of an RGB-D pair: dropped or picked together with its depth
 * map (an 8-bit colour picture beside one depth file is taken as its colour),
 * or opened on its own for the depth on screen. It colours the point cloud, the
 * PLY export and the AR preview's background.
 */
import { colourPairingProblem } from '../core/colour-image';
import { decodeColour } from '../io/decode-colour';
import { isColourPicture } from '../io/sniff-format';
import { imageSize, setState, store } from './store';

/** Splits dropped files into one colour frame and the rest, when they form an RGB-D pair. */
export async function pairColour(files: readonly File[]): Promise<{ colour: File | null; rest: File[] }> {
  if (files.length !== 2) return { colour: null, rest: [...files] };
  const colourish = await Promise.all(files.map(async (f) => isColourPicture(new Uint8Array(await f.slice(0, 32).arrayBuffer()))));
  // Two colour pictures (or two depth maps) are not a pair: they stay a sequence.
  if (colourish[0] === colourish[1]) return { colour: null, rest: [...files] };
  const k = colourish[0] ? 0 : 1;
  return { colour: files[k], rest: [files[1 - k]] };
}

/** Decodes `file` as the colour of the depth on screen; says why when it does not fit. */
export async function openColourFile(file: File): Promise<boolean> {
  try {
    const colour = await decodeColour(new Uint8Array(await file.arrayBuffer()), file.name, file.type);
    const size = imageSize(store.getState());
    const problem = size ? colourPairingProblem(colour, size.width, size.height) : null;
    if (problem) {
      setState({ error: problem });
      return false;
    }
    setState({ colour });
    return true;
  } catch (e) {
    setState({ error: `Could not open the colour image “${file.name}”: ${e instanceof Error ? e.message : String(e)}` });
    return false;
  }
}

/** A colour frame stays only while the depth on screen has its shape. */
export function watchColourFit(): () => void {
  return store.subscribe((s, prev) => {
    if (!s.colour || (s.source === prev.source && s.registration === prev.registration) || !s.source) return;
    const size = imageSize(s)!;
    if (colourPairingProblem(s.colour, size.width, size.height)) setState({ colour: null });
  });
}
