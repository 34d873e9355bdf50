/**
 * The table of readable parameters (url-params-schema.ts) as one codec: any
 * valid view written to a link reads back equal, parameter by parameter and
 * all together, and every parameter of the table reads what it writes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUrlView, serializeUrlView } from './url-params';
import { LINK_PARAMS, PARAMS, type LinkParamName } from './url-params-schema';
import { PARAM_VALUES, validView } from './test-support';

const NAMES = Object.keys(LINK_PARAMS) as LinkParamName[];

describe('the table of link parameters', () => {
  it('round-trips any valid view: view → link → the same view, without a problem', () => {
    fc.assert(
      fc.property(validView, (view) => {
        expect(parseUrlView(`?${serializeUrlView(view)}`)).toEqual({ view, problems: [] });
      }),
      { numRuns: 500 },
    );
  });

  it.each(NAMES)('round-trips %s alone, under its own keys only', (name) => {
    const param = LINK_PARAMS[name];
    fc.assert(
      fc.property(PARAM_VALUES[name], (fields) => {
        const query = serializeUrlView(fields);
        expect([...new URLSearchParams(query).keys()]).toEqual(param.keys);
        expect(parseUrlView(query)).toEqual({ view: fields, problems: [] });
      }),
      { numRuns: 100 },
    );
  });

  it('writes a link in table order, whatever order the view lists its fields in', () => {
    fc.assert(
      fc.property(validView, (view) => {
        const reversed = Object.fromEntries(Object.entries(view).reverse());
        expect(serializeUrlView(reversed)).toBe(serializeUrlView(view));
        const keys = [...new URLSearchParams(serializeUrlView(view)).keys()];
        const order = NAMES.flatMap((name) => LINK_PARAMS[name].keys);
        expect(keys).toEqual(order.filter((key) => keys.includes(key)));
      }),
      { numRuns: 100 },
    );
  });

  it('reads each key of a link with exactly one parameter; the one-schema ones are PARAMS', () => {
    const keys = NAMES.flatMap((name) => LINK_PARAMS[name].keys);
    expect(new Set(keys).size).toBe(keys.length);
    // src and ref need the page's address, probe and filters refuse items alone, the intrinsics take four keys.
    const apart = ['src', 'ref', 'probe', 'filters', 'intrinsics'];
    expect(Object.keys(PARAMS)).toEqual(NAMES.filter((name) => !apart.includes(name)));
  });
});
