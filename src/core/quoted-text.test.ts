import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quoteText } from './quoted-text';

describe('quoteText', () => {
  it('quotes plain text as it is', () => {
    expect(quoteText('P5')).toBe('"P5"');
  });

  it('escapes C0, DEL, C1 and lone surrogates, and quotes and backslashes', () => {
    expect(quoteText('a\u0000b\nc\u007fd\u0082e"f\\g\ud800')).toBe('"a\\u0000b\\nc\\u007fd\\u0082e\\"f\\\\g\\ud800"');
  });

  it('cuts so that at most `max` characters stand between the quotes, escapes counted as written', () => {
    expect(quoteText('9'.repeat(40_000), 32)).toBe(`"${'9'.repeat(32)}…"`);
    expect(quoteText('\u0000'.repeat(40), 20)).toBe(`"${'\\u0000'.repeat(3)}…"`);
  });

  it('never lets a control character or a lone surrogate through, and stays short', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 60 }), (text, max) => {
        const q = quoteText(text, max);
        expect(q.length).toBeLessThanOrEqual(max + 3);
        expect(/\p{Cc}/u.test(q)).toBe(false);
        expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(q)).toBe(false);
      }),
    );
  });
});
