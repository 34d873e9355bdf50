/**
 * Batch evaluation: pick (or drop) the predictions and the references, paired
 * by file name, evaluated off the main thread with the Compare panel's
 * settings; a table of per-pair metrics with the mean, sorted by any column;
 * a click on a row opens that pair; CSV and JSON export.
 */
import { useShallow } from 'zustand/react/shallow';
import { memo, useMemo, useState } from 'react';
import { downloadBytes } from '../io/download';
import { BATCH_COLUMNS, batchCsv, batchJson, batchMean, type BatchColumn } from '../state/batch-export';
import { cancelBatch, chooseBatchFiles, startBatch, useBatchState } from '../state/batch-actions';
import type { BatchRow } from '../state/batch-protocol';
import { openFile } from '../state/load-actions';
import { openReferenceFile } from '../state/compare-load';
import { ACCEPT } from './OpenControls';
import { FileButton } from './FileButton';
import { Panel } from './Panel';

const LABELS: Record<BatchColumn, string> = {
  absRel: 'AbsRel',
  sqRel: 'SqRel',
  rmse: 'RMSE',
  rmseLog: 'RMSE log',
  log10: 'log10',
  silog: 'SILog',
  delta1: 'δ1',
  delta2: 'δ2',
  delta3: 'δ3',
  count: 'pixels',
};

function FilesInput({ side, label }: { side: 'predictions' | 'references'; label: string }) {
  const count = useBatchState((s) => s[side].length);
  return (
    <span
      className="batch-files"
      onDragOver={(e) => {
        e.preventDefault();
        e.stopPropagation();
      }}
      onDrop={(e) => {
        // Kept from the page's drop handler, which would play the files as a sequence.
        e.preventDefault();
        e.stopPropagation();
        chooseBatchFiles(side, [...e.dataTransfer.files]);
      }}
    >
      <FileButton testId={`batch-${side}`} accept={ACCEPT} multiple onFiles={(files) => chooseBatchFiles(side, files)}>
        {label}…
      </FileButton>
      <span className="hint">{count} files</span>
    </span>
  );
}

const value = (r: BatchRow, c: BatchColumn) => (r.ok ? r.metrics[c] : Number.NaN);
const fmt = (v: number, c: BatchColumn) => (Number.isFinite(v) ? (c === 'count' ? String(Math.round(v)) : v.toPrecision(4)) : '—');

/** File names in natural order (frame2 before frame10); one collator, as localeCompare with options builds one per call. */
const names = new Intl.Collator('en', { numeric: true });

/**
 * Rows shown while a batch runs: the latest few. Re-rendering and re-sorting every row for
 * each arriving one made a 654-pair run cost O(N^2) and hundreds of MB of renders
 * (npm run bench -- compare); the whole table, sortable, comes when the run ends.
 */
const ROWS_WHILE_RUNNING = 20;

/** Memoised: the panel's progress updates do not re-render the table. */
const BatchTable = memo(function BatchTable() {
  const { rows, pairing, running } = useBatchState(useShallow((s) => ({ rows: s.rows, pairing: s.pairing, running: s.running })));
  const [sort, setSort] = useState<{ column: BatchColumn | 'name'; descending: boolean }>({ column: 'name', descending: false });
  const sorted = useMemo(() => {
    if (running) return rows.slice(-ROWS_WHILE_RUNNING);
    return [...rows].sort((a, b) => {
      const d = sort.column === 'name' ? names.compare(a.name, b.name) : (value(a, sort.column) || 0) - (value(b, sort.column) || 0);
      return sort.descending ? -d : d;
    });
  }, [rows, sort, running]);
  if (rows.length === 0) return null;
  const mean = batchMean(rows);
  const header = (column: BatchColumn | 'name', text: string) => (
    <th key={column} aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" data-testid={`batch-sort-${column}`} onClick={() => setSort({ column, descending: sort.column === column && !sort.descending })}>
        {text}
      </button>
    </th>
  );
  const open = (name: string) => {
    const pair = pairing?.pairs.find((p) => p.name === name);
    if (!pair) return;
    void openFile(pair.prediction);
    void openReferenceFile(pair.reference);
  };
  return (
    <div className="batch-table">
      {running && rows.length > ROWS_WHILE_RUNNING && (
        <p className="hint">
          The latest {ROWS_WHILE_RUNNING} of {rows.length}; all rows, sortable, when the run ends.
        </p>
      )}
      <table data-testid="batch-table">
        <thead>
          <tr>
            {header('name', 'pair')}
            {BATCH_COLUMNS.map((c) => header(c, LABELS[c]))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.name} data-testid="batch-row" data-name={r.name} onClick={() => open(r.name)} title="Open this pair">
              <td>{r.name}</td>
              {r.ok ? BATCH_COLUMNS.map((c) => <td key={c}>{fmt(value(r, c), c)}</td>) : <td colSpan={BATCH_COLUMNS.length}>{r.error}</td>}
            </tr>
          ))}
        </tbody>
        {mean && (
          <tfoot>
            <tr data-testid="batch-mean">
              <td>mean</td>
              {BATCH_COLUMNS.map((c) => (
                <td key={c}>{fmt(mean[c], c)}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
});

export function BatchPanel() {
  const { pairing, running, done, total, cancelled, rows, settings } = useBatchState(useShallow((s) => ({ pairing: s.pairing, running: s.running, done: s.done, total: s.total, cancelled: s.cancelled, rows: s.rows, settings: s.settings })));
  const unpaired = pairing ? [...pairing.unpairedPredictions, ...pairing.unpairedReferences] : [];
  const save = (text: string, name: string, mime: string) => downloadBytes(new TextEncoder().encode(text), name, mime);
  return (
    <Panel label="Batch evaluation" testId="batch">
      <h2>Batch evaluation</h2>
      <div className="group">
        <FilesInput side="predictions" label="Predictions" />
        <FilesInput side="references" label="References" />
      </div>
      {pairing && (
        <p className="hint" data-testid="batch-pairing" data-pairs={pairing.pairs.length} data-unpaired={unpaired.length}>
          {pairing.pairs.length} pairs by file name
          {unpaired.length > 0 ? `; without a partner: ${unpaired.slice(0, 5).join(', ')}${unpaired.length > 5 ? '…' : ''}` : ''}
          {pairing.duplicates.length > 0 ? `; repeated names (first used): ${pairing.duplicates.slice(0, 3).join(', ')}` : ''}
        </p>
      )}
      <div className="group">
        <button type="button" data-testid="batch-run" disabled={!pairing || pairing.pairs.length === 0 || running} onClick={startBatch}>
          Evaluate with the settings above
        </button>
        {running && (
          <button type="button" data-testid="batch-cancel" onClick={cancelBatch}>
            Cancel
          </button>
        )}
      </div>
      {total > 0 && (
        <div data-testid="batch-progress" data-done={done} data-total={total} data-state={running ? 'running' : cancelled ? 'cancelled' : 'done'}>
          <progress max={total} value={done} /> {done} / {total}
          {cancelled ? ' (cancelled)' : ''}
        </div>
      )}
      <BatchTable />
      {rows.length > 0 && settings && !running && (
        <div className="group">
          <button type="button" data-testid="batch-csv" onClick={() => save(batchCsv(rows), 'depthscope-batch.csv', 'text/csv')}>
            Export CSV
          </button>
          <button
            type="button"
            data-testid="batch-json"
            onClick={() => save(batchJson(rows, { method: settings.method, prediction: settings.prediction, crop: settings.crop, cap: settings.cap }), 'depthscope-batch.json', 'application/json')}
          >
            Export JSON
          </button>
        </div>
      )}
    </Panel>
  );
}
