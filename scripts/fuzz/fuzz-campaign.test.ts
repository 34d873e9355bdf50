/**
 * The short fuzz run of `npm test` (issue 13): every target of `npm run fuzz`
 * with a few hundred inputs, under the same per-input time and heap budgets.
 * Fails on any escape, input over a budget or unreadable message.
 * FUZZ_SEED=n replays; the seed is in the test's name.
 */
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUZZ_DEFAULTS } from './defaults';
import { failures, runCampaign, type CampaignOptions } from './harness';
import { DEFAULT_TARGETS } from './targets';
import { HOSTILE_FILES } from '../../src/io/hostile-files';

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const saveDir = path.join(os.tmpdir(), 'depthscope-fuzz-unit');

const options = (over: Partial<CampaignOptions>): CampaignOptions => ({
  targets: [],
  inputsPerTarget: FUZZ_DEFAULTS.shortInputs,
  seed,
  timeBudgetMs: FUZZ_DEFAULTS.timeBudgetMs,
  heapBudgetMb: FUZZ_DEFAULTS.heapBudgetMb,
  workers: 1, // vitest already runs test files side by side
  saveDir,
  ...over,
});

describe('the fuzz harness', () => {
  it('catches a hang, an OOM, an escape, a result over the heap budget and a long message, and goes on', async () => {
    const hang = await runCampaign(options({ targets: ['selftest-hang'], inputsPerTarget: 2, timeBudgetMs: 300 }));
    // A 32 MiB heap fills in well under a second; the long time budget makes sure the OOM, not the clock, stops it.
    const targets = ['selftest-oom', 'selftest-escape', 'selftest-big-buffer', 'selftest-long-message', 'selftest-ok'];
    const stats = await runCampaign(options({ targets, inputsPerTarget: 2, timeBudgetMs: 20_000, heapBudgetMb: 32 }));
    const by = Object.fromEntries([...hang, ...stats].map((s) => [s.target, s]));
    expect(by['selftest-hang']).toMatchObject({ inputs: 2, over_time: 2 });
    expect(by['selftest-oom']).toMatchObject({ inputs: 2, over_heap: 2 });
    expect(by['selftest-escape']).toMatchObject({ inputs: 2, escapes: 2 });
    expect(by['selftest-big-buffer']).toMatchObject({ inputs: 2, over_heap: 2 });
    expect(by['selftest-long-message']).toMatchObject({ inputs: 2, bad_messages: 2 });
    expect(by['selftest-ok']).toMatchObject({ inputs: 2, accepted: 2, escapes: 0, over_time: 0, over_heap: 0 });
    expect(by['selftest-hang'].findings[0].file).toMatch(/selftest-hang-over_time-seed\d+-[01]\.txt$/);
  }, 60_000);
});

describe(`fuzzing every target, ${FUZZ_DEFAULTS.shortInputs} inputs each (seed ${seed})`, () => {
  it.each(DEFAULT_TARGETS.map((t) => t.name))('%s', async (target) => {
    const [stats] = await runCampaign(options({ targets: [target] }));
    const report = JSON.stringify(stats.findings.slice(0, 3), null, 1);
    expect(stats.inputs, report).toBe(FUZZ_DEFAULTS.shortInputs);
    expect(failures(stats), report).toBe(0);
  }, 60_000);
});

describe('the hostile files of issue 13 at full size', () => {
  it('each decodes within the per-input time and heap budgets', async () => {
    const inputs = 2 * HOSTILE_FILES.length; // each file twice, in turn
    const [stats] = await runCampaign(options({ targets: ['hostile-full-size'], inputsPerTarget: inputs }));
    const report = JSON.stringify(stats.findings.slice(0, 3), null, 1);
    expect(stats.inputs, report).toBe(inputs);
    expect(failures(stats), report).toBe(0);
    expect(stats.accepted, report).toBe(inputs);
  }, 120_000);
});
