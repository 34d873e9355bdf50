import { describe, expect, it } from 'vitest';
import { describe as describeValue, readYamlSubset, YamlSubsetError } from './yaml-subset';
import { refusalOf } from './test-fixtures';

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

  // Found by scripts/fuzz: raw control characters (a newline, NUL, U+001E, C1) quoted into messages.
  it('quotes text from the file with its control characters escaped, in at most 40 characters', () => {
    const message = (text: string) => refusalOf(() => readYamlSubset(text), YamlSubsetError);
    expect(message('a: ["x"\u001e]')).toBe('The intrinsics file has a misplaced "\\u001e" in the list or map on line 1.');
    expect(message('a: [1]\u0000x]')).toBe('The intrinsics file has "\\u0000x]" after the end in the list or map on line 1.');
    expect(describeValue('\u0085\ud800\n"')).toBe('"\\u0085\\ud800\\n\\""');
    expect(describeValue('\u0006'.repeat(40))).toBe(`"${'\\u0006'.repeat(6)}…"`);
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
  });

  it('keeps "__proto__" an ordinary key', () => {
    const t = readYamlSubset('__proto__: {polluted: 1}\nx: {__proto__: 2}') as Record<string, unknown>;
    expect(Object.hasOwn(t, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
