import { describe, expect, it } from 'vitest';
import { readYamlSubset } from './yaml-subset';

describe('the YAML subset reader', () => {
  it('reads nested blocks, compact lists, flows, quotes, comments and block scalars', () => {
    const text = [
      '# comment',
      'a:',
      '  - b: 1',
      '    c: [2, {d: "x # not a comment", e: \'it\'\'s\'}]',
      '  - - 3',
      '    - -4.5e1',
      'f: |',
      '  some text',
      '  more',
      'g: folded',
      '  plain scalar',
      'h:',
      '  .inf',
      'i: ~',
      '"quoted key": true',
      'j:',
      '...',
      'ignored: 1',
    ].join('\n');
    expect(JSON.parse(JSON.stringify(readYamlSubset(text)))).toEqual({
      a: [{ b: 1, c: [2, { d: 'x # not a comment', e: "it's" }] }, [3, -45]],
      f: 'some text\nmore',
      g: 'folded plain scalar',
      h: null, // Infinity, which JSON writes as null
      i: null,
      'quoted key': true,
      j: null,
    });
  });

  it('keeps "__proto__" an ordinary key', () => {
    const t = readYamlSubset('__proto__: {polluted: 1}\nx: {__proto__: 2}') as Record<string, unknown>;
    expect(Object.hasOwn(t, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
