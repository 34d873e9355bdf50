import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUrlView, serializeUrlView, type UrlView } from './url-params';
import { PARAMS } from './url-params-schema';

describe('parseUrlView', () => {
  it('reads every parameter of a full link', () => {
    const { view, problems } = parseUrlView('?src=/samples/a.png&scale=tum&colormap=viridis_r&range=0.5,4.25&log=1&probe=320,240;10,10&page=2');
    expect(problems).toEqual([]);
    expect(view).toEqual({
      src: '/samples/a.png',
      scale: 'tum',
      colormap: 'viridis',
      reverse: true,
      range: [0.5, 4.25],
      logScale: true,
      probes: [
        { x: 320, y: 240 },
        { x: 10, y: 10 },
      ],
      page: 2,
    });
  });

  it('takes a number of metres per unit as scale', () => {
    expect(parseUrlView('?scale=0.0002').view.scale).toBe(0.0002);
  });

  it.each([
    ['src=javascript:alert(1)', 'src'],
    ['src=data:text/html,<script>alert(1)</script>', 'src'],
    ['scale=-1', 'scale'],
    ['scale=furlongs', 'scale'],
    ['colormap=<img src=x onerror=alert(1)>', 'colormap'],
    ['range=3,1', 'range'],
    ['range=1,Infinity', 'range'],
    ['range=1e999,2', 'range'],
    ['log=yes', 'log'],
    ['probe=1,2,3', 'probe'],
    ['probe=-1,5', 'probe'],
    ['probe=99999,1', 'probe'],
    ['page=-3', 'page'],
  ])('rejects %s with a message naming %s, and keeps the rest', (bad, key) => {
    const { view, problems } = parseUrlView(`?${bad}&colormap=magma`.replace('&colormap=magma', bad.startsWith('colormap') ? '' : '&colormap=magma'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`Ignored ${key}`);
    expect(view[key as keyof UrlView]).toBeUndefined();
  });

  it.each(Object.keys(PARAMS))('checks %s against its schema: a hostile value is refused alone, quoted as text', (key) => {
    const { view, problems } = parseUrlView(`?${key}=${encodeURIComponent('<script>alert(1)</script>')}&range=1,2`);
    expect(view).toEqual(key === 'range' ? {} : { range: [1, 2] });
    expect(problems).toEqual([`Ignored ${key}="<script>alert(1)</script>": ${PARAMS[key].help}`]);
  });

  it.each(['range=1,2,3', 'pose=1,2,3,4,5,6,7', 'probe=1,2,3', 'fx=1&fy=1&cx=1&cy=0x10', 'stride=1.5', 'split=1e3'])('refuses %s (extra items, hex, fractions where whole numbers go)', (query) => {
    const { view, problems } = parseUrlView(`?${query}`);
    expect(view).toEqual({});
    expect(problems).toHaveLength(1);
  });

  it('ignores keys it does not know, without a message', () => {
    expect(parseUrlView('?utm_source=mail&zzz=<b>x</b>&colormap=gray')).toEqual({ view: { colormap: 'gray', reverse: false }, problems: [] });
  });

  it('keeps good probes when some are bad', () => {
    const { view, problems } = parseUrlView('?probe=1,2;x;3,4');
    expect(view.probes).toEqual([
      { x: 1, y: 2 },
      { x: 3, y: 4 },
    ]);
    expect(problems).toHaveLength(1);
  });

  it('never throws and never echoes more than a short quote of hostile text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.constantFrom('src', 'scale', 'colormap', 'range', 'probe', 'page', 'log', 'zzz'), (value, key) => {
        const { problems } = parseUrlView(`?${key}=${encodeURIComponent(value)}`);
        for (const p of problems) expect(p.length).toBeLessThan(400);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('serializeUrlView', () => {
  it('round-trips through parseUrlView', () => {
    const view: UrlView = {
      src: 'https://example.org/depth maps/a.png?x=1',
      scale: 0.001,
      colormap: 'inferno',
      reverse: true,
      range: [0.1 + 0.2, 7],
      logScale: true,
      probes: [{ x: 1, y: 2 }],
      page: 1,
    };
    expect(parseUrlView(serializeUrlView(view)).view).toEqual(view);
  });

  it('keeps links readable', () => {
    expect(serializeUrlView({ src: '/samples/tum-depth.png', range: [1, 2], probes: [{ x: 3, y: 4 }, { x: 5, y: 6 }] })).toBe(
      'src=/samples/tum-depth.png&range=1,2&probe=3,4;5,6',
    );
  });

  it('round-trips any finite range exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.double({ min: 1e-9, max: 1e6, noNaN: true }), (lo, span) => {
        const hi = lo + span;
        fc.pre(hi > lo);
        expect(parseUrlView(serializeUrlView({ range: [lo, hi] })).view.range).toEqual([lo, hi]);
      }),
    );
  });
});

describe('3-D parameters', () => {
  it('reads the view, cloud, intrinsics and pose parameters and writes them back', () => {
    const query = 'view=cloud&stride=2&pointsize=3&surface=mesh&wire=1&keep=3&fx=517.3&fy=516.5&cx=318.6&cy=255.3&ray=1&pose=0.8,0.6,0.4,0,0,-2.4';
    const { view, problems } = parseUrlView(`?${query}`);
    expect(problems).toEqual([]);
    expect(view).toEqual({
      mode: 'cloud',
      stride: 2,
      pointSize: 3,
      surface: 'mesh',
      wireframe: true,
      keep: 3,
      intrinsics: { fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 },
      rayLength: true,
      pose: { position: [0.8, 0.6, 0.4], target: [0, 0, -2.4] },
    });
    expect(parseUrlView(`?${serializeUrlView(view)}`).view).toEqual(view);
  });

  it.each([
    ['view=vr', 'view='],
    ['stride=0', 'stride='],
    ['surface=voxels', 'surface='],
    ['keep=31', 'keep='],
    ['keep=2.5', 'keep='],
    ['fx=500&fy=500&cx=1', 'intrinsics'],
    ['fx=-1&fy=500&cx=1&cy=1', 'intrinsics'],
    ['pose=1,2,3', 'pose='],
    ['pose=1,2,3,4,5,1e9', 'pose='],
  ])('rejects %s with a reason', (query, word) => {
    const { problems } = parseUrlView(`?${query}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(word);
  });
});
