/** Open a depth file: a real file input, the bundled samples, and decode options of the open file. */
import { useId } from 'react';
import { openUrl, reopenWithDecodeSettings } from '../state/load-actions';
import { openFiles } from '../state/sequence-actions';
import { openRecording } from '../state/recording-actions';
import { treeFromPickedFolder } from './folder-files';
import { useAppState } from '../state/store';
import { BUNDLED_SAMPLES } from '../state/samples';

export const ACCEPT = '.png,.tif,.tiff,.pgm,.pfm,.npy,.exr,.jpg,.jpeg,.webp,image/*,.json,.yaml,.yml,.bag,.mcap,.zip,.tar,.tgz,.gz';

/** React does not know webkitdirectory; the browser reads it from the attribute. */
const FOLDER_PICKER = { webkitdirectory: '' } as Record<string, string>;

export function OpenControls() {
  const inputId = useId();
  const folderId = useId();
  const raw = useAppState((s) => s.source?.raw);
  const decode = useAppState((s) => s.decode);
  return (
    <div className="group">
      <label className="button" htmlFor={inputId}>
        Open depth file(s)…
      </label>
      <input
        id={inputId}
        data-testid="file-input"
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        multiple
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void openFiles(files);
        }}
      />
      <label className="button" htmlFor={folderId} title="A dataset folder (TUM, Redwood, 7-Scenes, ScanNet) or a folder of depth files">
        Open folder…
      </label>
      <input
        id={folderId}
        data-testid="folder-input"
        type="file"
        className="visually-hidden"
        {...FOLDER_PICKER}
        onChange={(e) => {
          const tree = treeFromPickedFolder([...(e.target.files ?? [])]);
          e.target.value = '';
          if (tree) void openRecording(tree);
        }}
      />
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
        {BUNDLED_SAMPLES.map((x) => (
          <option key={x.src} value={x.src}>
            {x.label}
          </option>
        ))}
      </select>
      {raw && raw.pageCount > 1 && (
        <label>
          Page
          <select
            aria-label="TIFF page"
            value={decode.page}
            onChange={(e) => void reopenWithDecodeSettings({ page: Number(e.target.value) })}
          >
            {Array.from({ length: raw.pageCount }, (_, i) => (
              <option key={i} value={i}>
                {i + 1} of {raw.pageCount}
              </option>
            ))}
          </select>
        </label>
      )}
      {raw?.format === 'pgm' && raw.sampleType === 'uint16' && (
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
