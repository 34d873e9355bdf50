/**
 * What the filter panel does to the chain in the store: add, remove, move,
 * switch on and off, edit parameters, apply a preset.
 */
import { makeStage, PRESETS, STAGE_LABELS, type Stage, type StageKind, type StageParams } from '../core/filter-chain';
import type { StageFault } from '../core/filter-chain';
import { store, type ChainEntry } from './store';

let nextId = 1;

export function entriesOf(stages: readonly Stage[]): ChainEntry[] {
  return stages.map((stage) => ({ id: nextId++, stage }));
}

export function chainStages(entries: readonly ChainEntry[]): Stage[] {
  return entries.map((e) => e.stage);
}

function update(change: (chain: ChainEntry[]) => ChainEntry[]): void {
  store.setState({ chain: change(store.getState().chain) });
}

export function addStage(kind: StageKind): void {
  update((chain) => [...chain, ...entriesOf([makeStage(kind)])]);
}

export function removeStage(id: number): void {
  update((chain) => chain.filter((e) => e.id !== id));
}

/** Moves a stage up (-1) or down (+1); at either end nothing happens. */
export function moveStage(id: number, by: -1 | 1): void {
  update((chain) => {
    const from = chain.findIndex((e) => e.id === id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= chain.length) return chain;
    const next = [...chain];
    [next[from], next[to]] = [next[to], next[from]];
    return next;
  });
}

export function setStageEnabled(id: number, enabled: boolean): void {
  update((chain) => chain.map((e) => (e.id === id ? { ...e, stage: { ...e.stage, enabled } } : e)));
}

export function setStageParam<K extends StageKind>(id: number, key: keyof StageParams[K], value: StageParams[K][keyof StageParams[K]]): void {
  update((chain) =>
    chain.map((e) => (e.id === id ? { ...e, stage: { ...e.stage, params: { ...e.stage.params, [key]: value } } as Stage } : e)),
  );
}

export function applyPreset(presetId: string): void {
  const preset = PRESETS.find((p) => p.id === presetId);
  if (preset) store.setState({ chain: entriesOf(preset.stages()) });
}

/** The preset the chain equals, if any (so the picker can show it). */
export function matchingPreset(entries: readonly ChainEntry[]): string | null {
  const current = JSON.stringify(chainStages(entries));
  return PRESETS.find((p) => JSON.stringify(p.stages()) === current)?.id ?? null;
}

/**
 * A stage failed on the GPU (a validation error, out of memory): it is switched off,
 * so the rest of the chain and the view go on, and the alert names it. The device's
 * own message is kept, cut short, for bug reports.
 */
export function reportStageFault(fault: StageFault): void {
  const stage = STAGE_LABELS[fault.kind];
  const what = fault.error === 'out-of-memory' ? 'ran out of GPU memory' : `failed on the GPU (${fault.error} error)`;
  const detail = fault.message.length > 160 ? `${fault.message.slice(0, 160)}…` : fault.message;
  if (fault.id !== null && store.getState().chain.some((e) => e.id === fault.id)) {
    setStageEnabled(fault.id, false);
    store.setState({ error: `The ${stage} stage ${what} and was switched off; the rest of the chain runs. (${detail})` });
  } else {
    store.setState({ error: `The filter chain's return from disparity to depth ${what}. (${detail})` });
  }
}
