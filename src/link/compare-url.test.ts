import { describe, expect, it } from 'vitest';
import { parseUrlView, serializeUrlView } from './url-params';

describe('the reference in the link (ref=, refscale=)', () => {
  it('reads a same-site path or an http(s) URL and its units, and writes them back', () => {
    const { view, problems } = parseUrlView('?src=/samples/a.pfm&ref=/samples/tum-depth.png&refscale=tum');
    expect(problems).toEqual([]);
    expect(view).toEqual({ src: '/samples/a.pfm', ref: '/samples/tum-depth.png', refScale: 'tum' });
    expect(serializeUrlView(view)).toBe('src=/samples/a.pfm&ref=/samples/tum-depth.png&refscale=tum');
    expect(parseUrlView('?ref=https://example.org/gt.png&refscale=0.0002').view).toEqual({ ref: 'https://example.org/gt.png', refScale: 0.0002 });
  });

  it('drops a reference that is not http(s), or units it does not know, saying why, and keeps the rest', () => {
    const { view, problems } = parseUrlView('?ref=javascript:alert(1)&refscale=furlongs&colormap=viridis');
    expect(view).toEqual({ colormap: 'viridis', reverse: false });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Ignored ref=.*only http\(s\) URLs/);
    expect(problems[1]).toMatch(/^Ignored refscale=.*reference's units/);
  });
});
