/**
 * The filter chain in a link, readable: stages joined by ";", each its kind and
 * its parameters in PARAM_SPECS order after ":", "!" before a stage that is off.
 *
 *   filters=threshold:0.1,10;disparity;spatial:0.5,0.02,2,0;!median:5
 *
 * Parameters marked omittable in PARAM_SPECS may be left out at the end of a stage
 * (hole-fill:push-pull,4 is hole-fill:push-pull,4,blend) and are written only when
 * they differ from their default, so links made before they existed read the same.
 *
 * Parsing checks every value against PARAM_SPECS; a bad stage is dropped with
 * a sentence saying why, and the others still apply.
 */
import { DEFAULT_PARAMS, makeStage, PARAM_SPECS, STAGE_KINDS, type ParamSpec, type Stage, type StageKind } from '../core/filter-chain';
import { quoteLinkValue as quote, readLinkDecimal } from './link-number';

export const MAX_STAGES = 16;

function formatValue(v: unknown): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(9))) : String(v);
}

export function serializeChain(stages: readonly Stage[]): string {
  return stages
    .map((s) => {
      const values = s.params as Record<string, unknown>;
      const defaults = DEFAULT_PARAMS[s.kind] as Record<string, unknown>;
      const specs = [...PARAM_SPECS[s.kind]];
      while (specs.length > 0 && specs[specs.length - 1].omittable && values[specs[specs.length - 1].key] === defaults[specs[specs.length - 1].key]) specs.pop();
      const params = specs.map((spec) => formatValue(values[spec.key]));
      return `${s.enabled ? '' : '!'}${s.kind}${params.length > 0 ? `:${params.join(',')}` : ''}`;
    })
    .join(';');
}

/** The value of one parameter, or a sentence saying what is wrong with it. */
export function checkParam(spec: ParamSpec, text: string): { value: number | string } | { problem: string } {
  if (spec.type === 'choice') {
    const choice = spec.choices.find((c) => String(c) === text);
    return choice !== undefined ? { value: choice } : { problem: `${spec.label} must be one of ${spec.choices.join(', ')}` };
  }
  // Length-capped and scanned in one pass: a stage parameter of 40,000 digits is refused at once.
  const v = readLinkDecimal(text);
  const whole = spec.type === 'int';
  const tooLow = spec.type === 'number' && spec.minExclusive ? v <= spec.min : v < spec.min;
  if (!Number.isFinite(v) || tooLow || v > spec.max || (whole && !Number.isInteger(v))) {
    const kind = whole ? 'a whole number' : 'a number';
    const low = spec.type === 'number' && spec.minExclusive ? `above ${spec.min}` : `from ${spec.min}`;
    return { problem: `${spec.label} must be ${kind} ${low} to ${spec.max}` };
  }
  return { value: v };
}

export function parseChain(text: string): { stages: Stage[]; problems: string[] } {
  const stages: Stage[] = [];
  const problems: string[] = [];
  const parts = text.split(';').filter((p) => p.length > 0);
  if (parts.length > MAX_STAGES) problems.push(`Only the first ${MAX_STAGES} filter stages were kept.`);
  for (const part of parts.slice(0, MAX_STAGES)) {
    const m = /^(!?)([a-z-]+)(?::(.*))?$/.exec(part);
    const kind = m?.[2] as StageKind | undefined;
    if (!m || !kind || !STAGE_KINDS.includes(kind)) {
      problems.push(`Ignored filter ${quote(part)}: the stages are ${STAGE_KINDS.join(', ')}.`);
      continue;
    }
    const specs = PARAM_SPECS[kind];
    const values = m[3] === undefined ? [] : m[3].split(',');
    const required = specs.filter((s) => !s.omittable).length;
    if (values.length < required || values.length > specs.length) {
      const count = required === specs.length ? `${specs.length}` : `${required} to ${specs.length}`;
      problems.push(`Ignored filter ${quote(part)}: ${kind} takes ${count} parameter(s) (${specs.map((s) => s.key).join(', ') || 'none'}).`);
      continue;
    }
    const params: Record<string, number | string> = {};
    const wrong: string[] = [];
    specs.slice(0, values.length).forEach((spec, k) => {
      const r = checkParam(spec, values[k]);
      if ('value' in r) params[spec.key] = r.value;
      else wrong.push(r.problem);
    });
    if (kind === 'threshold' && wrong.length === 0 && !((params.maxM as number) > (params.minM as number))) wrong.push('max must be above min');
    if (wrong.length > 0) problems.push(`Ignored filter ${quote(part)}: ${wrong.join('; ')}.`);
    else stages.push(makeStage(kind, params, m[1] !== '!') as Stage);
  }
  return { stages, problems };
}
