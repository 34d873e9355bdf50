import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { decodeCompactState, encodeCompactState, MAX_STATE_CHARS, type CompactState } from './compact-state';
import { bytesToBase64Url } from './base64url';
import { packBytes } from './packed-bytes';

const packJson = (text: string) => packBytes(new TextEncoder().encode(text));

const RICH: CompactState = {
  measuring: true,
  measurePoints: [
    { x: 0.1, y: -0.2, z: 2.5, u: 320, v: 240 },
    { x: -0.30000000000000004, y: 0.2, z: 1.75, u: 100, v: 200 },
  ],
  arObjects: [
    { id: 1, kind: 'cube', name: 'box', position: [0, 0.5, 2], normal: [0, -1, 0], size: 0.3 },
    { id: 2, kind: 'gltf', name: '<script>alert(1)</script>.glb', position: [0.2, 0.4, 1.8], normal: [0, -0.6, -0.8], size: 1 },
  ],
  arBand: 0.05,
  arMask: true,
  percentiles: [5, 95],
  validRange: { min: 0.5, max: null },
  disparity: { focalPx: 721.5, baselineM: 0.54 },
  largerIsNearer: false,
  calibration: { space: 'inverse', scale: 0.5, shift: 0.1, points: [{ x: 10, y: 20, value: 0.75, depthM: 2 }] },
  pgmByteOrder: 'little',
  pan: { cx: 100.25, cy: 80, zoom: 3.5 },
  localFile: { name: 'frame “7”.png', width: 400, height: 300 },
};

describe('the compact state parameter', () => {
  it('round-trips every field exactly', () => {
    expect(decodeCompactState(encodeCompactState(RICH))).toEqual({ state: RICH, problems: [] });
  });

  it('is empty when there is nothing to carry', () => {
    expect(encodeCompactState({})).toBe('');
  });

  it('still opens a link written by version 1 (this text must keep decoding as the state grows)', () => {
    const v1 =
      'eNo1jsEOgjAQRP9lz2uzVjnYo3ejd8Oh4MZUoCUtGITw7y4ot93JzJuZ4A1mj9CwTX10_gmmiz1vAt-C810Cc59gAENKrB8wO1IaYQSjVYbQgzlowoWkjzTnCDZeixeX_6B7rBWV83JA2RcMCN42LF8RBnnakFznghc7IQlTC8SH2Nh6lXZ7JFGSGyVD6vDrONsFSIpkg40Xm6ptfMuxZN-5mpcFGZ6yfP4CznFFig';
    expect(decodeCompactState(v1)).toEqual({
      state: {
        measuring: true,
        measurePoints: [{ x: 0.1, y: -0.2, z: 2.5, u: 320, v: 240 }],
        arObjects: [{ id: 1, kind: 'cube', name: 'box', position: [0, 0.5, 2], normal: [0, -1, 0], size: 0.3 }],
        arBand: 0.05,
        arMask: true,
        percentiles: [5, 95],
      },
      problems: [],
    });
  });

  it('applies what it knows from a newer version and says so', () => {
    const { state, problems } = decodeCompactState(packJson('{"v":7,"arMask":true,"hologram":{"x":1}}'));
    expect(state).toEqual({ arMask: true });
    expect(problems).toEqual([expect.stringContaining('version 7, newer than')]);
  });

  it('ignores unknown keys, inside objects too', () => {
    const { state, problems } = decodeCompactState(packJson('{"v":1,"future":1,"pan":{"cx":1,"cy":2,"zoom":3,"tilt":4}}'));
    expect(state).toEqual({ pan: { cx: 1, cy: 2, zoom: 3 } });
    expect(problems).toEqual([]);
  });

  it('rejects bad fields one by one, and bad list items one by one, keeping the rest', () => {
    const json = {
      v: 1,
      arMask: 'yes',
      arBand: 1e308,
      percentiles: [90, 10],
      pan: { cx: 1, cy: 2, zoom: 0 },
      measuring: true,
      arObjects: [
        { id: 1, kind: 'cube', name: 'ok', position: [0, 0, 1], normal: [0, -1, 0], size: 0.2 },
        { id: 2, kind: 'script', name: 'x', position: [0, 0, 1], normal: [0, -1, 0], size: 0.2 },
        { id: 3, kind: 'cone', name: 'x'.repeat(201), position: [0, 0, 1], normal: [0, -1, 0], size: 0.2 },
        { id: 4, kind: 'cone', name: 'n', position: [0, 0, 1], normal: [0, -2, 0], size: 0.2 },
      ],
      measurePoints: [{ x: 0, y: 0, z: 1, u: 1, v: 1 }, { x: 0, y: 0, z: 1, u: 1, v: 1 }, { x: 0, y: 0, z: 1, u: 1, v: 1 }],
    };
    const { state, problems } = decodeCompactState(packJson(JSON.stringify(json)));
    expect(state).toEqual({
      measuring: true,
      arObjects: [json.arObjects[0]],
      measurePoints: json.measurePoints.slice(0, 2),
    });
    expect(problems).toEqual([
      expect.stringMatching(/^Ignored state\.percentiles: it must be two percentiles/),
      expect.stringMatching(/^Ignored state\.pan: /),
      expect.stringMatching(/^Ignored state\.arBand: it must be metres from 0 to 100/),
      expect.stringMatching(/^Ignored state\.arMask: it must be true or false/),
      'Ignored state.measurePoints after its first 2 items.',
      expect.stringMatching(/^Ignored state\.arObjects\[1\]: an AR object is/),
      expect.stringMatching(/^Ignored state\.arObjects\[2\]: /),
      expect.stringMatching(/^Ignored state\.arObjects\[3\]: /),
    ]);
  });

  it.each([
    ['not base64', '<script>alert(1)</script>', /not base64url/],
    ['too long', 'A'.repeat(MAX_STATE_CHARS + 4), /characters long; at most 8192/],
    ['not compressed', bytesToBase64Url(new TextEncoder().encode('{"v":1}')), /not compressed data/],
    ['a zip bomb', bytesToBase64Url(zlibSync(new Uint8Array(1 << 22).fill(32), { level: 9 })), /unpacks to more than 65536 bytes/],
    ['cut short', packJson('{"v":1,"arMask":true}').slice(0, 12), /ends too early|not compressed/],
    ['not UTF-8', packBytes(new Uint8Array([0xff, 0xfe, 0xfd])), /not UTF-8/],
    ['not JSON', packJson('{v:1}'), /is not JSON/],
    ['deep JSON', packJson(`${'['.repeat(5000)}${']'.repeat(5000)}`), /nests deeper than 8 levels/],
    ['an array', packJson('[1,2]'), /not a JSON object/],
    ['without a version', packJson('{"arMask":true}'), /no version "v"/],
    ['with a bad version', packJson('{"v":"1e999"}'), /no version "v"/],
  ])('refuses a state that is %s, with one sentence', (_, text, reason) => {
    const { state, problems } = decodeCompactState(text);
    expect(state).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(reason);
  });
});
