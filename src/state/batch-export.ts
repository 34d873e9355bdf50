/**
 * The batch table as files: CSV (one row per pair, then the mean over the
 * evaluated pairs) and JSON (the rows, the mean and the settings). Numbers in
 * full double precision, as in the metrics element.
 */
import type { DepthMetrics } from '../core/depth-metrics';
import type { BatchRow, BatchSettings } from './batch-protocol';

export const BATCH_COLUMNS = ['absRel', 'sqRel', 'rmse', 'rmseLog', 'log10', 'silog', 'delta1', 'delta2', 'delta3', 'count'] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];

/** The mean of each metric over the pairs that were evaluated (pixels: the mean count); null when none were. */
export function batchMean(rows: readonly BatchRow[]): Record<BatchColumn, number> | null {
  const ok = rows.filter((r): r is Extract<BatchRow, { ok: true }> => r.ok);
  if (ok.length === 0) return null;
  const mean = {} as Record<BatchColumn, number>;
  for (const c of BATCH_COLUMNS) mean[c] = ok.reduce((sum, r) => sum + r.metrics[c], 0) / ok.length;
  return mean;
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function batchCsv(rows: readonly BatchRow[]): string {
  const header = ['name', ...BATCH_COLUMNS, 'scale', 'shift', 'error'];
  const lines = [header.join(',')];
  for (const r of rows) {
    const values = r.ok
      ? [...BATCH_COLUMNS.map((c) => String(r.metrics[c as keyof DepthMetrics])), String(r.alignment.scale), String(r.alignment.shift), '']
      : [...BATCH_COLUMNS.map(() => ''), '', '', r.error];
    lines.push([r.name, ...values].map(csvField).join(','));
  }
  const mean = batchMean(rows);
  if (mean) lines.push(['mean', ...BATCH_COLUMNS.map((c) => String(mean[c])), '', '', ''].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function batchJson(rows: readonly BatchRow[], settings: Omit<BatchSettings, 'predictionUnits' | 'referenceUnits'>): string {
  return JSON.stringify({ settings, rows, mean: batchMean(rows) }, null, 2);
}
