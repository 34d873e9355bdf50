/** Open a depth file: a real file input, the bundled samples, and decode options of the open file. */
import { openUrl, reopenWithDecodeSettings } from '../state/load-actions';
import { openFiles } from '../state/sequence-actions';
import { openRecording } from '../state/recording-actions';
import { treeFromPickedFolder } from './folder-files';
import { FileButton } from './FileButton';
import { useAppState } from '../state/store';
import { BUNDLED_SAMPLES } from '../state/samples';
import { Options } from './Options';

export const ACCEPT = '.png,.tif,.tiff,.pgm,.pfm,.npy,.exr,.jpg,.jpeg,.webp,image/*,.json,.yaml,.yml,.bag,.mcap,.zip,.tar,.tgz,.gz';

export function OpenControls() {
  // Primitives, not the frame: a recording playing changes the frame, not these.
  const pageCount = useAppState((s) => s.source?.raw.pageCount ?? 1);
  const pgm16 = useAppState((s) => s.source?.raw.format === 'pgm' && s.source.raw.sampleType === 'uint16');
  const decode = useAppState((s) => s.decode);
  return (
    <div className="group">
      <FileButton testId="file-input" accept={ACCEPT} multiple onFiles={(files) => void openFiles(files)}>
        Open depth file(s)…
      </FileButton>
      <FileButton
        testId="folder-input"
        folder
        title="A dataset folder (TUM, Redwood, 7-Scenes, ScanNet) or a folder of depth files"
        onFiles={(files) => {
          const tree = treeFromPickedFolder(files);
          if (tree) void openRecording(tree);
        }}
      >
        Open folder…
      </FileButton>
      <select
        aria-label="Open a bundled sample"
        value=""
        onChange={(e) => {
          const sample = BUNDLED_SAMPLES.find((x) => x.src === e.target.value);
          if (!sample) return;
          void openUrl(sample.src, sample.scale);
        }}
      >
        <option value="">Samples…</option>
        <Options items={BUNDLED_SAMPLES} value={(x) => x.src} label={(x) => x.label} />
      </select>
      {pageCount > 1 && (
        <label>
          Page
          <select
            aria-label="TIFF page"
            value={decode.page}
            onChange={(e) => void reopenWithDecodeSettings({ page: Number(e.target.value) })}
          >
            {Array.from({ length: pageCount }, (_, i) => (
              <option key={i} value={i}>
                {i + 1} of {pageCount}
              </option>
            ))}
          </select>
        </label>
      )}
      {pgm16 && (
        <label title="The PGM standard is big-endian; some tools (e.g. the NYU toolbox) write little-endian">
          Byte order
          <select
            aria-label="PGM byte order"
            value={decode.pgmByteOrder}
            onChange={(e) => void reopenWithDecodeSettings({ pgmByteOrder: e.target.value as 'big' | 'little' })}
          >
            <option value="big">big-endian (standard)</option>
            <option value="little">little-endian</option>
          </select>
        </label>
      )}
    </div>
  );
}
