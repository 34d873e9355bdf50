/** Runs one saved input (FUZZ_REPLAY) under the same budgets and reports its outcome. */
import { runCampaign, type CampaignOptions } from './harness';
import { TARGETS } from './targets';
import type { FuzzInput } from './target';

export async function replayInput(target: string, input: FuzzInput, options: CampaignOptions) {
  const known = TARGETS.get(target);
  if (known === undefined) throw new Error(`FUZZ_TARGETS must name one target to replay against; known: ${[...TARGETS.keys()].join(', ')}`);
  // The replay target draws nothing: it returns the saved input.
  const replay = { ...known, name: target, corpus: () => [input], generate: () => input };
  const stats = await runCampaign({ ...options, targets: [target], inputsPerTarget: 1, workers: 1, onTarget: undefined }, new Map([[target, replay]]));
  return stats[0];
}
