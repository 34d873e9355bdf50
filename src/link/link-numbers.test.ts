/**
 * Issue 13, class 5: a number parameter of 40,000 digits and a letter is
 * refused alone, with its usual sentence quoting the value cut short, and the
 * rest of the link still applies. (How long it takes is measured by
 * `npm run bench hostile`, not here.)
 */
import { describe, expect, it } from 'vitest';
import { longDigitQuery } from '../io/hostile-files';
import { isLinkDecimal, MAX_NUMBER_CHARS, quoteLinkValue } from './link-number';
import { parseLink } from './parse-link';
import { parseUrlView } from './url-params';
import { PARAMS } from './url-params-schema';

const LONG = '9'.repeat(40_000) + 'a';
const QUOTED = `"${'9'.repeat(32)}…"`;

/** The readable parameters that hold numbers (scale and refscale: a number or a preset name). */
const NUMBER_PARAMS = ['scale', 'refscale', 'range', 'page', 'split', 'diff', 'stride', 'pointsize', 'pose', 'edge', 'keep'];

describe('long numbers in links', () => {
  it.each(NUMBER_PARAMS)('%s=<40,000 digits>a is refused with its sentence, the value cut short, and the rest applies', (key) => {
    const { view, problems } = parseUrlView(`${longDigitQuery(key)}&colormap=magma`);
    expect(problems).toEqual([`Ignored ${key}=${QUOTED}: ${PARAMS[key].help}`]);
    expect(view).toEqual({ colormap: 'magma', reverse: false });
  });

  it('refuses a long number inside a list (range, pose) the same way', () => {
    const { problems } = parseUrlView(`?range=1,${LONG}`);
    expect(problems).toEqual([`Ignored range="1,${'9'.repeat(30)}…": ${PARAMS.range.help}`]);
  });

  it('refuses a long probe alone and keeps the other probes', () => {
    const { view, problems } = parseUrlView(`?probe=1,2;${LONG}`);
    expect(view.probes).toEqual([{ x: 1, y: 2 }]);
    expect(problems).toEqual([`Ignored probe ${QUOTED}: a probe is x,y in whole pixels, several joined by ";".`]);
    expect(parseUrlView(longDigitQuery('probe')).problems).toEqual([`Ignored probe ${QUOTED}: a probe is x,y in whole pixels, several joined by ";".`]);
  });

  it.each(['fx', 'fy', 'cx', 'cy'])('refuses the intrinsics when %s is long', (key) => {
    const good = { fx: '500', fy: '500', cx: '320', cy: '240', [key]: LONG };
    const { view, problems } = parseUrlView(`?${new URLSearchParams(good)}&colormap=magma`);
    expect(view.intrinsics).toBeUndefined();
    expect(view.colormap).toBe('magma');
    expect(problems).toEqual(['Ignored the intrinsics: give fx, fy, cx and cy together, in pixels, with fx and fy above 0.']);
  });

  it('refuses a long filter stage parameter alone, quoting the stage cut short', () => {
    const { view, problems } = parseUrlView(`?filters=decimate:${LONG};spatial:0.5,0.02,2,0`);
    expect(view.filters?.map((s) => s.kind)).toEqual(['spatial']);
    expect(problems).toEqual([`Ignored filter "decimate:${'9'.repeat(23)}…": factor must be a whole number from 2 to 8.`]);
    expect(parseUrlView(longDigitQuery('filters')).problems).toEqual([expect.stringMatching(/^Ignored filter "9{32}…": the stages are /)]);
  });

  it('answers a whole link of long numbers with one sentence per parameter', () => {
    const query = NUMBER_PARAMS.map((key) => longDigitQuery(key).slice(1)).join('&');
    const { problems } = parseLink(`?${query}`, '');
    expect(problems).toHaveLength(NUMBER_PARAMS.length);
    for (const p of problems) expect(p.length).toBeLessThan(200);
  });
});

describe('isLinkDecimal', () => {
  it.each(['0', '-1', '+2.5', '.5', '5.', '1e3', '1E-3', ' 7 ', '-1.7976931348623157e+308'])('reads %j', (t) => {
    expect(isLinkDecimal(t)).toBe(true);
  });

  it.each(['', '.', '-', 'e3', '1e', '1e+', '0x10', 'Infinity', 'NaN', '1_000', '1..2', '1.2.3', '1 2', '١٢'])('refuses %j', (t) => {
    expect(isLinkDecimal(t)).toBe(false);
  });

  it(`refuses more than ${MAX_NUMBER_CHARS} characters, even of digits`, () => {
    expect(isLinkDecimal('1'.repeat(MAX_NUMBER_CHARS))).toBe(true);
    expect(isLinkDecimal('1'.repeat(MAX_NUMBER_CHARS + 1))).toBe(false);
  });
});

describe('quoteLinkValue', () => {
  it('quotes short text whole and cuts long text to 32 characters and "…"', () => {
    expect(quoteLinkValue('<b>x</b>')).toBe('"<b>x</b>"');
    expect(quoteLinkValue(LONG)).toBe(QUOTED);
  });
});
