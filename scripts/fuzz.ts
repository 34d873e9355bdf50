/**
 * `npm run fuzz`: the long fuzz campaign of issue 13. One JSON line per target
 * (inputs, escapes, over_time, over_heap, bad_messages, max_ms, p99_ms, seed),
 * then a summary; exits 1 on any escape or input over a budget (unreadable
 * messages are counted, saved and reported). Findings are saved under FUZZ_DIR.
 *
 *   FUZZ_SEED=n         replay a run (default: random, printed)
 *   FUZZ_INPUTS=n       inputs per target (default 10,000)
 *   FUZZ_TARGETS=a,b    only these targets (names in scripts/fuzz/targets.ts)
 *   FUZZ_WORKERS=n      worker threads (default 1)
 *   FUZZ_TIME_MS=n      per-input time budget (default 2000)
 *   FUZZ_HEAP_MB=n      per-input heap budget (default 256)
 *   FUZZ_DIR=path       where findings go (default $TMPDIR/depthscope-fuzz)
 *   FUZZ_REPLAY=file    run one saved input against FUZZ_TARGETS (one target) and print its outcome
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failures, runCampaign, type TargetStats } from './fuzz/harness';
import { DEFAULT_TARGETS } from './fuzz/targets';
import { FUZZ_DEFAULTS } from './fuzz/defaults';

const env = process.env;
const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));
const seed = num(env.FUZZ_SEED, Math.floor(Math.random() * 2 ** 31));
const targets = env.FUZZ_TARGETS ? env.FUZZ_TARGETS.split(',') : DEFAULT_TARGETS.map((t) => t.name);

function line(s: TargetStats): string {
  const { findings, ...figures } = s;
  return JSON.stringify({ ...figures, findings: findings.slice(0, 3).map((f) => `${f.kind} #${f.index}: ${f.detail.slice(0, 160)} (${f.file})`) });
}

async function main(): Promise<number> {
  const options = {
    targets,
    inputsPerTarget: num(env.FUZZ_INPUTS, FUZZ_DEFAULTS.longInputs),
    seed,
    timeBudgetMs: num(env.FUZZ_TIME_MS, FUZZ_DEFAULTS.timeBudgetMs),
    heapBudgetMb: num(env.FUZZ_HEAP_MB, FUZZ_DEFAULTS.heapBudgetMb),
    // One worker by default: the budget is wall-clock, and on a shared machine our own threads competing would eat it.
    workers: num(env.FUZZ_WORKERS, 1),
    saveDir: env.FUZZ_DIR ?? path.join(os.tmpdir(), 'depthscope-fuzz'),
    onTarget: (s: TargetStats) => console.log(line(s)),
  };
  if (env.FUZZ_REPLAY) {
    const bytes = readFileSync(env.FUZZ_REPLAY);
    const { replayInput } = await import('./fuzz/replay');
    const input = env.FUZZ_REPLAY.endsWith('.txt') ? bytes.toString('utf8') : new Uint8Array(bytes);
    console.log(JSON.stringify(await replayInput(targets[0], input, options)));
    return 0;
  }
  console.error(`fuzzing ${targets.length} targets x ${options.inputsPerTarget} inputs, seed ${seed} (FUZZ_SEED=${seed} replays)`);
  const t0 = performance.now();
  const all = await runCampaign(options);
  const bad = all.reduce((n, s) => n + failures(s), 0);
  const inputs = all.reduce((n, s) => n + s.inputs, 0);
  const badMessages = all.reduce((n, s) => n + s.bad_messages, 0);
  console.log(JSON.stringify({ summary: true, inputs, failures: bad, bad_messages: badMessages, seconds: Math.round((performance.now() - t0) / 100) / 10, seed, saved: bad + badMessages > 0 ? options.saveDir : undefined }));
  return bad > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
