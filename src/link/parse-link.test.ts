/**
 * The whole link parser against random and hostile input: it never throws,
 * never lets a value through that the schema refuses, and explains each
 * refusal in one short sentence. Whether hostile text stays text in the page
 * is checked end to end (e2e/link-safety.spec.ts); here, that it stays data.
 * FUZZ_SEED=n replays a run.
 */
import { FULL_MEASURE, FULL_VIEW } from './full-link-fixtures';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { COLORMAP_NAMES } from '../core/colormap-tables';
import { parseLink, serializeLink } from './parse-link';
import { bytesToBase64Url } from './base64url';
import { packBytes } from './packed-bytes';
import { embedDepth } from './embedded-depth';
import type { CompactState } from './compact-state';
import type { UrlView } from './url-params';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const packJson = (text: string) => packBytes(new TextEncoder().encode(text));

const KEYS = ['src', 'scale', 'colormap', 'range', 'log', 'probe', 'page', 'filters', 'display', 'split', 'diff', 'edge', 'view', 'stride', 'pointsize', 'surface', 'wire', 'keep', 'fx', 'fy', 'cx', 'cy', 'ray', 'pose', 'state', 'zzz'];

/** Pieces an attacker or a broken mailer would put in a link. */
const hostile = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '1e999',
    '-1e999',
    '9'.repeat(400),
    'NaN',
    'Infinity',
    '0x10',
    '__proto__',
    '{"v":1,"__proto__":{"polluted":true}}',
    '%00%ff%fe',
    '\u2028\u2029\ud800',
    '!!!not-base64!!!',
    'A',
  ),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.double().map(String),
  fc.bigInt().map(String),
  // Deep JSON, wide JSON and random bytes, packed the way a real state parameter is.
  fc.integer({ min: 1, max: 20000 }).map((n) => packJson(`{"v":1,"pan":${'['.repeat(n)}${']'.repeat(n)}}`)),
  fc.integer({ min: 1, max: 5000 }).map((n) => packJson(JSON.stringify({ v: 1, arObjects: Array(n).fill({ id: 1 }) }))),
  fc.uint8Array({ maxLength: 300 }).map(packBytes),
  fc.uint8Array({ maxLength: 300 }).map(bytesToBase64Url),
  fc.json().map(packJson),
);

const link = fc.tuple(fc.array(fc.tuple(fc.constantFrom(...KEYS), hostile), { maxLength: 8 }), fc.oneof(fc.constant(''), hostile)).map(([pairs, depth]) => ({
  search: `?${new URLSearchParams(pairs)}`,
  hash: depth === '' ? '' : `#${new URLSearchParams({ depth })}`,
}));

/** What the schema promises about a view that was let through. */
function expectSafe(view: UrlView) {
  if (view.src !== undefined) expect(new URL(view.src, 'http://localhost/').protocol).toMatch(/^https?:$/);
  if (view.colormap !== undefined) expect(COLORMAP_NAMES).toContain(view.colormap);
  if (view.range) expect(view.range.every(Number.isFinite) && view.range[0] < view.range[1]).toBe(true);
  for (const p of view.probes ?? []) expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
  if (view.intrinsics) expect(Object.values(view.intrinsics).every(Number.isFinite)).toBe(true);
  if (view.pose) expect([...view.pose.position, ...view.pose.target].every(Number.isFinite)).toBe(true);
}

describe('parseLink under fuzzing', () => {
  it('never throws; lets through only valid values; explains each refusal in one short sentence', () => {
    fc.assert(
      fc.property(link, ({ search, hash }) => {
        const parsed = parseLink(search, hash);
        expectSafe(parsed.view);
        expect(Object.getPrototypeOf(parsed.state)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        for (const p of parsed.problems) {
          expect(typeof p).toBe('string');
          // Hostile text is quoted, cut to 60 characters: a message never carries a payload.
          expect(p.length).toBeLessThan(400);
          expect(p).toMatch(/^(Ignored|The state in this link)/);
        }
      }),
      { numRuns: 400, seed },
    );
  });

  it('refuses deep JSON without parsing it', () => {
    const deep = packJson(`{"v":1,"pan":${'['.repeat(30000)}${']'.repeat(30000)}}`);
    // 60 000 brackets fit both limits (8192 characters, 64 KiB unpacked): the nesting check must catch them.
    expect(deep.length).toBeLessThan(8192);
    expect(parseLink(`?state=${deep}`, '').problems).toEqual(['Ignored state: it nests deeper than 8 levels.']);
  });

  it('refuses a zip bomb in the fragment at the unpacking limit', () => {
    // 40 MiB of zeros in 55 000 characters: within the text limit, over the 16 MiB a map may unpack to.
    const bomb = bytesToBase64Url(zlibSync(new Uint8Array(40 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(65536);
    // Inflation stops at the limit (packed-bytes.ts); a timing check would be flaky on a shared machine.
    expect(parseLink('', `#depth=${bomb}`).problems).toEqual([expect.stringMatching(/^Ignored the depth map in the link: it unpacks to more than \d+ bytes/)]);
  });

  it('reports one sentence per bad parameter and keeps every good one', () => {
    const state = packJson('{"v":1,"arMask":"yes","arBand":0.1}');
    const parsed = parseLink(`?colormap=nope&range=1,2&probe=1,2;x&state=${state}&unknown=1`, '#depth=***');
    expect(parsed.view).toEqual({ range: [1, 2], probes: [{ x: 1, y: 2 }] });
    expect(parsed.state).toEqual({ arBand: 0.1 });
    expect(parsed.embedded).toBeNull();
    expect(parsed.problems.map((p) => p.split(':')[0])).toEqual(['Ignored colormap="nope"', 'Ignored probe "x"', 'Ignored state.arMask', 'Ignored the depth map in the link']);
  });
});

describe('serializeLink and parseLink', () => {
  it('round-trip a full view, the compact state and an embedded map', () => {
    const view: UrlView = { src: undefined, ...FULL_VIEW };
    const state: CompactState = {
      ...FULL_MEASURE,
      arObjects: [{ id: 3, kind: 'cube', name: 'box', position: [0, 0, 2], normal: [0, -1, 0], size: 0.3 }],
    };
    const data = new Uint16Array(12).map((_, i) => 1000 + i);
    const embedding = embedDepth({ width: 4, height: 3, data }, 'tiny.png', () => true);
    if (!embedding.fits) throw new Error(embedding.reason);
    const { search, hash } = serializeLink(view, state, embedding.text);
    const parsed = parseLink(`?${search}`, `#${hash}`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.view).toEqual(JSON.parse(JSON.stringify(view)));
    expect(parsed.state).toEqual(state);
    expect(parsed.embedded?.depth).toMatchObject({ name: 'tiny.png', width: 4, height: 3, data, maxError: null });
  });
});
