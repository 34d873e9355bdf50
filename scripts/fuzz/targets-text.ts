/**
 * The text readers: the link parser, the intrinsics sidecar files and the YAML
 * subset under them. Seeds are valid inputs as the app and the tools write
 * them; mutations add the structures that hurt text parsers: long digit runs,
 * deep or repeated brackets, broken quotes, shifted indentation.
 */
import { COLORMAP_NAMES } from '../../src/core/colormap-tables';
import { checkIntrinsics } from '../../src/core/intrinsics';
import { longDigitQuery } from '../../src/io/hostile-files';
import { IntrinsicsFileError, MAX_INTRINSICS_FILE_CHARS, parseIntrinsicsFile } from '../../src/io/intrinsics-file';
import { MAX_NESTING, readYamlSubset, YamlSubsetError } from '../../src/io/yaml-subset';
import { embedDepth } from '../../src/link/embedded-depth';
import { parseLink, serializeLink } from '../../src/link/parse-link';
import type { UrlView } from '../../src/link/url-params';
import { INTRINSICS_SEEDS, LINK_TOKENS, NUMBER_PARAMS, YAML_FLOODS, YAML_SEEDS, YAML_TOKENS } from './corpus-text';
import { longDigits, mutateText, NUMBER_TEXTS } from './mutate';
import type { Rng } from './rng';
import { accepted, invariant, once, refusal, type FuzzTarget, type Verdict } from './target';
import { FULL_MEASURE, FULL_VIEW } from '../../src/link/full-link-fixtures';

function validLinks(): string[] {
  const view: UrlView = FULL_VIEW;
  const state = FULL_MEASURE;
  const embedding = embedDepth({ width: 4, height: 3, data: Uint16Array.from({ length: 12 }, (_, i) => 1000 + i) }, 'tiny.png', () => true);
  const full = serializeLink(view, state, embedding.fits ? embedding.text : null);
  return [
    `?${full.search}#${full.hash}`,
    `?${serializeLink({ src: 'samples/tum-depth.png', scale: 0.0002 }, {}, null).search}`,
    '?src=https://example.com/d.png&scale=mm&colormap=turbo_r&range=0.1,10&probe=1,2;3,4&page=2&display=split&split=320&diff=0.05&edge=0.1&view=cloud&stride=2&pointsize=3&surface=mesh&wire=1&ray=1',
    '?display=difference&diff=0.25&ref=gt.npy&refscale=m',
  ];
}

/** encodeURIComponent, or the raw text where it refuses (a lone surrogate goes into the link as it is). */
function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function linkInput(rng: Rng, corpus: readonly string[]): string {
  const base = rng.pick(corpus);
  const roll = rng.next();
  if (roll < 0.55) return mutateText(rng, base, LINK_TOKENS);
  if (roll < 0.8) {
    // A number parameter with a long digit run, alone or among valid ones (issue 13, class 5).
    const param = rng.pick(NUMBER_PARAMS);
    if (rng.chance(0.3)) return longDigitQuery(param, rng.pick([400, 5000, 40_000]));
    const value = `${rng.pick(['', '-', '0.', '1e', '1,'])}${longDigits(rng)}${rng.pick(['', 'a', ',1', 'e5', '.5'])}`;
    return `${base.split('#')[0]}&${param}=${value}`;
  }
  const pairs = Array.from({ length: rng.between(1, 6) }, () => {
    const key = rng.pick(NUMBER_PARAMS.concat(['src', 'colormap', 'display', 'view', 'state']));
    const value = rng.pick([...NUMBER_TEXTS, ...LINK_TOKENS]);
    return `${key}=${rng.chance(0.5) ? value : percentEncoded(value)}`;
  });
  return `?${pairs.join('&')}`;
}

/** A view let through must hold only values the schema allows (parse-link.test.ts's expectSafe, without vitest). */
function checkView(view: UrlView): void {
  if (view.src !== undefined) invariant(/^https?:$/.test(new URL(view.src, 'http://localhost/').protocol), `src ${view.src.slice(0, 60)}`);
  if (view.colormap !== undefined) invariant(COLORMAP_NAMES.includes(view.colormap), `colormap ${view.colormap}`);
  if (view.range) invariant(view.range.every(Number.isFinite) && view.range[0] < view.range[1], `range ${view.range}`);
  for (const p of view.probes ?? []) invariant(Number.isInteger(p.x) && Number.isInteger(p.y), `probe ${p.x},${p.y}`);
  if (view.intrinsics) invariant(Object.values(view.intrinsics).every(Number.isFinite), 'non-finite intrinsics');
  if (view.pose) invariant([...view.pose.position, ...view.pose.target].every(Number.isFinite), 'non-finite pose');
  for (const n of [view.page, view.split, view.stride, view.pointSize, view.diff, view.edge]) {
    if (n !== undefined) invariant(Number.isFinite(n), `non-finite number ${n}`);
  }
}

export const LINK_TARGET: FuzzTarget = {
  name: 'parse-link',
  corpus: once(validLinks),
  generate: (rng, corpus) => linkInput(rng, corpus as string[]),
  run(input) {
    const text = input as string;
    const cut = text.indexOf('#');
    const parsed = parseLink(cut < 0 ? text : text.slice(0, cut), cut < 0 ? '' : text.slice(cut));
    checkView(parsed.view);
    invariant(Object.getPrototypeOf(parsed.state) === Object.prototype, 'state with a foreign prototype');
    invariant(({} as Record<string, unknown>).polluted === undefined, 'Object.prototype polluted');
    for (const p of parsed.problems) invariant(typeof p === 'string' && /^(Ignored|The state in this link|Only the first)/.test(p), `problem ${String(p).slice(0, 80)}`);
    return accepted(parsed.problems);
  },
};

function textInput(rng: Rng, seeds: readonly string[]): string {
  const roll = rng.next();
  if (roll < 0.8) return mutateText(rng, rng.pick(seeds), YAML_TOKENS);
  if (roll < 0.92) return Array.from({ length: rng.below(200) }, () => rng.pick(YAML_TOKENS)).join('');
  // Large hostile structure: now and then at or just over the size cap (256 KiB), mostly smaller.
  const size = rng.chance(0.05) ? MAX_INTRINSICS_FILE_CHARS + rng.between(-64, 64) : rng.pick([1000, 30_000, 100_000]);
  const unit = rng.pick(YAML_FLOODS);
  return `${rng.chance(0.5) ? 'a: ' : ''}${unit.repeat(Math.ceil(size / unit.length))}`.slice(0, size);
}

const FORMATS = ['open3d', 'ros-calibration', 'opencv', 'ros-message', 'depthscope'];

/**
 * A reader of text in the YAML family: its own error (`Refused`) is the clean answer to
 * bad input; anything else it throws, or a result `check` rejects, is an escape.
 */
function yamlFamilyTarget(name: string, seeds: () => string[], Refused: abstract new (message: string) => Error, check: (text: string) => Verdict): FuzzTarget {
  return {
    name,
    corpus: once(seeds),
    generate: (rng, corpus) => textInput(rng, corpus as string[]),
    run(input) {
      try {
        return check(input as string);
      } catch (e) {
        if (e instanceof Refused) return refusal(e.message);
        throw e;
      }
    },
  };
}

export const INTRINSICS_TARGET = yamlFamilyTarget('intrinsics-file', () => INTRINSICS_SEEDS, IntrinsicsFileError, (text) => {
  const r = parseIntrinsicsFile(text);
  invariant(FORMATS.includes(r.format), `format ${r.format}`);
  invariant([r.width, r.height].every((n) => Number.isInteger(n) && n >= 1 && n <= 16384), `size ${r.width} x ${r.height}`);
  invariant(checkIntrinsics(r.intrinsics) === null, `intrinsics ${JSON.stringify(r.intrinsics)}`);
  invariant(r.depthScale === undefined || (Number.isFinite(r.depthScale) && r.depthScale > 0), `depth_scale ${r.depthScale}`);
  return accepted(r.warnings, r);
});

/** Depth of a value tree, iteratively (a tree too deep to recurse over is itself the bug to catch). */
function depthOf(tree: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, d] = stack.pop() as [unknown, number];
    max = Math.max(max, d);
    if (typeof node === 'object' && node !== null) for (const child of Object.values(node)) stack.push([child, d + 1]);
  }
  return max;
}

export const YAML_TARGET = yamlFamilyTarget('yaml-subset', () => YAML_SEEDS, YamlSubsetError, (text) => {
  const tree = readYamlSubset(text);
  // Block levels and flow levels are each capped at MAX_NESTING; a flow may sit in a block.
  invariant(depthOf(tree) <= 2 * MAX_NESTING + 1, `a tree ${depthOf(tree)} deep`);
  invariant(({} as Record<string, unknown>).polluted === undefined, 'Object.prototype polluted');
  return accepted([], tree);
});
