import { describe, expect, it } from 'vitest';
import { batchCsv, batchMean } from './batch-export';
import type { BatchRow } from './batch-protocol';
import { NO_ALIGNMENT, type DepthMetrics } from '../core/depth-metrics';

describe('batch export', () => {
  const metrics = (absRel: number): DepthMetrics => ({ absRel, sqRel: 0, rmse: 0, rmseLog: 0, log10: 0, silog: 0, delta1: 1, delta2: 1, delta3: 1, count: 10 });
  const rows: BatchRow[] = [
    { name: 'a', ok: true, metrics: metrics(0.1), alignment: NO_ALIGNMENT, resampled: false },
    { name: 'b,"odd"', ok: true, metrics: metrics(0.3), alignment: { ...NO_ALIGNMENT, scale: 0.5 }, resampled: false },
    { name: 'c', ok: false, error: 'not a depth file' },
  ];

  it('averages only the evaluated pairs', () => {
    expect(batchMean(rows)!.absRel).toBeCloseTo(0.2, 15);
    expect(batchMean([rows[2]])).toBeNull();
  });

  it('writes RFC 4180 CSV: quoted fields, full precision, the error in its own column, the mean last', () => {
    const lines = batchCsv(rows).split('\r\n');
    expect(lines[0]).toBe('name,absRel,sqRel,rmse,rmseLog,log10,silog,delta1,delta2,delta3,count,scale,shift,error');
    expect(lines[1]).toBe('a,0.1,0,0,0,0,0,1,1,1,10,1,0,');
    expect(lines[2]).toBe('"b,""odd""",0.3,0,0,0,0,0,1,1,1,10,0.5,0,');
    expect(lines[3]).toBe('c,,,,,,,,,,,,,not a depth file');
    expect(lines[4]).toBe(`mean,${(0.1 + 0.3) / 2},0,0,0,0,0,1,1,1,10,,,`);
    expect(lines[5]).toBe('');
  });
});
