/**
 * The filter chain: a preset picker, then one row per stage (on/off, move up
 * and down, remove) with its parameters and their units, and a picker to add a
 * stage. Every field commits on Enter or blur and refuses out-of-range values.
 */
import { useState } from 'react';
import {
  PARAM_SPECS,
  PRESETS,
  STAGE_KINDS,
  STAGE_LABELS,
  chainDomains,
  type ChainDomain,
  type ParamSpec,
  type ParamUnit,
  type StageKind,
} from '../core/filter-chain';
import { addStage, applyPreset, chainStages, matchingPreset, moveStage, removeStage, setStageEnabled, setStageParam } from '../state/chain-actions';
import { chainSourceOf } from '../state/chain-source';
import { useAppState, type ChainEntry } from '../state/store';
import { NumberField } from './NumberField';
import { Panel } from './Panel';
import { Options } from './Options';

function unitText(unit: ParamUnit, domain: ChainDomain): string {
  if (unit === 'depth') return domain.kind === 'depth' ? 'm' : domain.kind === 'inverse' ? '1/m' : '1/32 px';
  return unit === 'fraction' ? '×' : unit;
}

/**
 * The value in RealSense Viewer's units where ours differ: on integer-unit sources the
 * Viewer's depth deltas are in depth units, ours in metres. (In its disparity, 1/32 px,
 * both are the same.)
 */
function viewerUnits(unit: ParamUnit, domain: ChainDomain, value: number, depthUnitM: number | null): string | null {
  if (unit !== 'depth' || domain.kind !== 'depth' || depthUnitM === null) return null;
  return `= ${Math.round(value / depthUnitM)} depth units in the Viewer`;
}

function ParamField({ entry, spec, domain, depthUnitM }: { entry: ChainEntry; spec: ParamSpec; domain: ChainDomain; depthUnitM: number | null }) {
  const value = (entry.stage.params as Record<string, number | string>)[spec.key];
  const unit = unitText(spec.unit, domain);
  const viewer = typeof value === 'number' ? viewerUnits(spec.unit, domain, value, depthUnitM) : null;
  const label = `${spec.label}${unit ? ` (${unit})` : ''}${viewer ? ` ${viewer}` : ''}`;
  const testId = `param-${spec.key}`;
  const set = (v: number | string) => setStageParam(entry.id, spec.key as never, v as never);
  if (spec.type === 'choice') {
    return (
      <label>
        {label}
        <select data-testid={testId} value={String(value)} onChange={(e) => set(spec.choices.find((c) => String(c) === e.target.value) ?? value)}>
          <Options items={spec.choices} value={(c) => String(c)} label={(c) => String(c)} />
        </select>
      </label>
    );
  }
  const lowest = spec.type === 'number' && spec.minExclusive ? spec.min + Number.EPSILON : spec.min;
  return (
    <NumberField
      label={label}
      testId={testId}
      value={value as number}
      min={lowest}
      max={spec.max}
      onCommit={(v) => set(spec.type === 'int' ? Math.round(v) : v)}
    />
  );
}

interface StageRowProps {
  entry: ChainEntry;
  index: number;
  count: number;
  domain: ChainDomain;
  depthUnitM: number | null;
}

function StageRow({ entry, index, count, domain, depthUnitM }: StageRowProps) {
  const { stage } = entry;
  const name = STAGE_LABELS[stage.kind];
  // Push-pull's levels and fill mean nothing to the other hole fills.
  const specs = PARAM_SPECS[stage.kind].filter((s) => !(stage.kind === 'hole-fill' && (s.key === 'levels' || s.key === 'fill') && stage.params.mode !== 'push-pull'));
  return (
    <li className="stage" data-testid="stage" data-kind={stage.kind} data-enabled={stage.enabled}>
      <div className="stage-head">
        <label>
          <input type="checkbox" checked={stage.enabled} aria-label={`${name} on`} onChange={(e) => setStageEnabled(entry.id, e.target.checked)} />
          <strong>{name}</strong>
        </label>
        {domain.kind !== 'depth' && <span className="hint">{domain.kind === 'stereo' ? 'in disparity (1/32 px, as librealsense)' : 'in disparity'}</span>}
        <span className="stage-buttons">
          <button type="button" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => moveStage(entry.id, -1)}>
            ↑
          </button>
          <button type="button" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => moveStage(entry.id, 1)}>
            ↓
          </button>
          <button type="button" aria-label={`Remove ${name}`} onClick={() => removeStage(entry.id)}>
            ×
          </button>
        </span>
      </div>
      {specs.length > 0 && (
        <div className="stage-params">
          {specs.map((spec) => (
            <ParamField key={spec.key} entry={entry} spec={spec} domain={domain} depthUnitM={depthUnitM} />
          ))}
        </div>
      )}
    </li>
  );
}

export function FilterPanel() {
  const chain = useAppState((s) => s.chain);
  const [kind, setKind] = useState<StageKind>('median');
  // Each a primitive: a selector returning a new object would re-render without end.
  const depthUnitM = useAppState((s) => chainSourceOf(s).depthUnitM);
  const focalPx = useAppState((s) => chainSourceOf(s).focalPx);
  const baselineMm = useAppState((s) => chainSourceOf(s).baselineMm);
  const source = { depthUnitM, focalPx, baselineMm };
  const { domains, back } = chainDomains(chainStages(chain), source);
  const preset = matchingPreset(chain);
  return (
    <Panel label="Filters" testId="filters">
      <label>
        Preset
        <select data-testid="preset" value={preset ?? ''} onChange={(e) => applyPreset(e.target.value)}>
          {preset === null && <option value="">custom</option>}
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id} title={p.description}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {chain.length > 0 && (
        <ol className="stages">
          {chain.map((entry, i) => (
            <StageRow key={entry.id} entry={entry} index={i} count={chain.length} domain={domains[i]} depthUnitM={source.depthUnitM} />
          ))}
        </ol>
      )}
      {back && <p className="hint">The chain ends in disparity; it is switched back to depth at the end.</p>}
      <div className="group">
        <select aria-label="Stage to add" data-testid="add-stage-kind" value={kind} onChange={(e) => setKind(e.target.value as StageKind)}>
          <Options items={STAGE_KINDS} value={(k) => k} label={(k) => STAGE_LABELS[k]} />
        </select>
        <button type="button" data-testid="add-stage" onClick={() => addStage(kind)}>
          Add stage
        </button>
      </div>
    </Panel>
  );
}
