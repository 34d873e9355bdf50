/**
 * Sidecar intrinsics files: each layout as its tool writes it, the errors a
 * user can meet, and fuzzing (random text, YAML/JSON token soup, mutated real
 * files, huge hostile inputs): the only outcomes allowed are a usable result
 * or an IntrinsicsFileError, quickly. FUZZ_SEED=<n> replays a run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkIntrinsics } from '../core/intrinsics';
import { IntrinsicsFileError, MAX_INTRINSICS_FILE_CHARS, parseIntrinsicsFile } from './intrinsics-file';
import { refusalOf } from './test-fixtures';
import { OPEN3D, OPENCV, ROS1_ECHO, ROS2_ECHO, ROS_CALIBRATION, ROSBRIDGE_JSON } from './intrinsics-file-fixtures';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const FR1 = { fx: 517.3, fy: 516.5, cx: 318.6, cy: 255.3 };
const PRIMESENSE = { fx: 525, fy: 525, cx: 319.5, cy: 239.5 };

const SAMPLE = readFileSync(new URL('../../public/samples/synthetic-intrinsics.json', import.meta.url), 'utf8');

const refused = (text: string): string => refusalOf(() => parseIntrinsicsFile(text), IntrinsicsFileError);

describe('layouts', () => {
  it("reads Depthscope's own sample", () => {
    expect(parseIntrinsicsFile(SAMPLE)).toEqual({ format: 'depthscope', width: 640, height: 480, intrinsics: PRIMESENSE, depthScale: 1000, warnings: [] });
  });

  it("reads Open3D's column-major intrinsic_matrix", () => {
    const r = parseIntrinsicsFile(OPEN3D);
    expect(r.format).toBe('open3d');
    expect([r.width, r.height]).toEqual([640, 480]);
    expect(r.intrinsics.fx).toBeCloseTo(FR1.fx, 9);
    expect(r.intrinsics.fy).toBe(FR1.fy);
    expect(r.intrinsics.cx).toBeCloseTo(FR1.cx, 9);
    expect(r.intrinsics.cy).toBeCloseTo(FR1.cy, 9);
    expect(r.warnings).toEqual([]);
  });

  it('reads a hand-written row-major Open3D matrix, with a warning', () => {
    const r = parseIntrinsicsFile('{"width": 640, "height": 480, "intrinsic_matrix": [517.3, 0, 318.6, 0, 516.5, 255.3, 0, 0, 1]}');
    expect(r.intrinsics).toEqual(FR1);
    expect(r.warnings.join(' ')).toMatch(/row by row/);
  });

  it("reads camera_calibration's YAML (multi-line lists), warning about distortion", () => {
    const r = parseIntrinsicsFile(ROS_CALIBRATION);
    expect(r).toMatchObject({ format: 'ros-calibration', width: 640, height: 480, intrinsics: FR1 });
    expect(r.warnings).toEqual(['The file gives lens distortion coefficients; Depthscope back-projects without distortion.']);
  });

  it("reads OpenCV's calibration YAML", () => {
    const r = parseIntrinsicsFile(OPENCV);
    expect(r.format).toBe('opencv');
    expect(r.intrinsics.fx).toBeCloseTo(517.3, 9);
    expect(r.intrinsics.cy).toBeCloseTo(255.3, 9);
    expect(r.warnings).toEqual([]);
  });

  it('reads ROS 1 and ROS 2 CameraInfo messages and rosbridge JSON', () => {
    expect(parseIntrinsicsFile(ROS1_ECHO)).toEqual({ format: 'ros-message', width: 640, height: 480, intrinsics: PRIMESENSE, warnings: [] });
    expect(parseIntrinsicsFile(ROS2_ECHO)).toEqual({
      format: 'ros-message',
      width: 1280,
      height: 720,
      intrinsics: { fx: 640, fy: 640, cx: 639.5, cy: 359.5 },
      warnings: [],
    });
    expect(parseIntrinsicsFile(ROSBRIDGE_JSON).intrinsics).toEqual(PRIMESENSE);
  });

  it('takes the hand-made variants: flat K with image_width, a bare camera_matrix list, a matrix as three rows', () => {
    const flatK = 'image_width: 640\nimage_height: 480\nK: [525, 0, 319.5, 0, 525, 239.5, 0, 0, 1]\n';
    expect(parseIntrinsicsFile(flatK)).toMatchObject({ format: 'ros-message', width: 640, height: 480, intrinsics: PRIMESENSE });
    const bare = 'image_width: 640\nimage_height: 480\ncamera_matrix: [517.3, 0, 318.6, 0, 516.5, 255.3, 0, 0, 1]\n';
    expect(parseIntrinsicsFile(bare)).toMatchObject({ format: 'ros-calibration', intrinsics: FR1 });
    const rows = '{"width": 640, "height": 480, "K": [[517.3, 0, 318.6], [0, 516.5, 255.3], [0, 0, 1]]}';
    expect(parseIntrinsicsFile(rows).intrinsics).toEqual(FR1);
  });

  it('warns when P differs from K, and about binning and a region of interest', () => {
    const rectified = ROS1_ECHO.replace('P: [525.0, 0.0, 319.5,', 'P: [500.0, 0.0, 320.0,');
    expect(parseIntrinsicsFile(rectified).warnings.join(' ')).toMatch(/rectified image .* fx 500, fy 525, cx 320, cy 239.5/);
    const binned = ROS1_ECHO.replace('binning_x: 0', 'binning_x: 2').replace('  x_offset: 0', '  x_offset: 16');
    const w = parseIntrinsicsFile(binned).warnings.join(' ');
    expect(w).toMatch(/bins pixels/);
    expect(w).toMatch(/region of interest/);
  });

  it('takes a BOM, CRLF line ends and YAML flow style', () => {
    expect(parseIntrinsicsFile(`\uFEFF${ROS1_ECHO.replaceAll('\n', '\r\n')}`).intrinsics).toEqual(PRIMESENSE);
    expect(parseIntrinsicsFile('{width: 640, height: 480, fx: 525, fy: 525, cx: 319.5, cy: 239.5}').intrinsics).toEqual(PRIMESENSE);
  });
});

describe('refusals', () => {
  it('treats a "__proto__" key as no field of any layout', () => {
    expect(refused('{"__proto__": {"fx": 1}, "width": 1}')).toMatch(/match no layout/);
  });

  it.each([
    ['', /is empty/],
    [' \n\t\n', /is empty/],
    ['\u0000PNG', /binary/],
    ['hello world', /holds "hello world", not named fields/],
    ['some text\nmore text', /holds "some text more text"/],
    ['[1, 2, 3]', /holds a list of 3/],
    ['width: 640\nheight: 480\n', /match no layout.*Open3D.*ROS camera_info.*CameraInfo/],
    ['{"width": 640, "height": 480, "intrinsic_matrix": [1, 2, 3]}', /intrinsic_matrix must be a list of 9 numbers, not a list of 3/],
    ['{"width": 640, "height": 480, "intrinsic_matrix": [525, 0, 0, 0, 525, 0, 319.5, 239.5, 2]}', /not a camera matrix/],
    ['{"width": 640, "height": 480, "intrinsic_matrix": [525, 3, 0, 0, 525, 0, 319.5, 239.5, 1]}', /not a camera matrix/],
    ['{"width": 640, "height": 480, "intrinsic_matrix": [525, 0, 0, 5, 525, 0, 319.5, 239.5, 1]}', /skew of 5/],
    ['{"width": 640, "height": 480, "intrinsic_matrix": [-525, 0, 0, 0, 525, 0, 319.5, 239.5, 1]}', /must be > 0/],
    ['{"width": 640.5, "height": 480, "fx": 1, "fy": 1, "cx": 0, "cy": 0}', /width must be a whole number from 1 to 16384, not 640.5/],
    ['{"width": 0, "height": 480, "fx": 1, "fy": 1, "cx": 0, "cy": 0}', /width must be a whole number/],
    ['{"height": 480, "fx": 1, "fy": 1, "cx": 0, "cy": 0}', /has no width/],
    ['{"width": 64, "height": 48, "fx": "525", "fy": 1, "cx": 0, "cy": 0}', /fx must be a finite number, not "525"/],
    ['{"width": 64, "height": 48, "fx": 1, "fy": 1, "cx": 0, "cy": 0, "depth_scale": 0}', /depth_scale must be > 0/],
    ['width: 64\nheight: 48\nfx: .nan\nfy: 1\ncx: 0\ncy: 0', /fx must be a finite number, not NaN/],
    ['height: 480\nwidth: 640\nK: [0, 0, 0, 0, 0, 0, 0, 0, 0]', /all zeros: the camera was not calibrated/],
    ['height: 480\nwidth: 640\nK: [525, 0, 319.5, 0, 525, 239.5, 0, 0]', /K must be a list of 9 numbers, not a list of 8/],
    ['image_width: 640\nimage_height: 480\ncamera_matrix:\n  rows: 4\n  cols: 3\n  data: []', /must be 3 x 3, not with rows = 4/],
    ['image_width: 640\nimage_height: 480\ncamera_matrix: 5', /camera_matrix must hold rows, cols and data, not 5/],
    ['{"width": 640,', /starts like JSON but is not valid JSON/],
    ['a: &anchor 1\nb: *anchor', /anchors or aliases/],
    ['a: 1\n\tb: 2', /indents with a tab/],
    ['a: 1\na: 2', /the key "a" twice on line 2/],
    ['a: {b: 1, b: 2}', /the key "b" twice/],
    ['a: [1, 2', /unclosed bracket|unexpected end/],
    ['a: "open', /unclosed quote on line 1/],
    ['a: 1\n  - 2', /neither|matches no open block|list item/],
    ['- 1\nb: 2', /key where a list item was expected|matches no open block/],
    ['a:\n  b: 1\n c: 2', /matches no open block/],
    ['--- text\n', /content after "---"/],
    ['? complex\n: key', /not YAML or JSON made of named fields \(line 2\)/],
  ])('%j', (text, message) => {
    expect(refused(text)).toMatch(message);
  });

  // Found by scripts/fuzz: the list of layouts pushed messages to 350-600 characters, and V8's
  // JSON error quoted the text with its newlines, tabs and lone surrogates.
  it.each([
    ['binary', '\u0000'.repeat(10)],
    ['empty', ''],
    ['a list', '[1, 2, 3]'],
    ['eight long keys', Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`${'k'.repeat(40)}${i}`, 1]))],
    ['keys of control characters and quotes', Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`${'\u0001"\\\u0085'.repeat(10)}${i}`, 1]))],
    ['a string of control characters', JSON.stringify('\u0006'.repeat(40))],
    ['broken JSON with newlines and tabs', '{\n\t\t"width" : 640\n\t\th: 1}'],
    ['broken JSON with a lone surrogate', '{"height": \ud84780, "fx": 1}'],
  ])('keeps the message one readable sentence or two: %s', (_name, input) => {
    const message = refused(typeof input === 'string' ? input : JSON.stringify(input));
    expect(message.length).toBeLessThanOrEqual(300);
    expect(message).not.toMatch(/\p{Cc}|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u);
  });

  it('names at most three fields, then how many more', () => {
    const fields = Object.fromEntries(['header', 'frame_id', 'height', 'width', 'distortion_model'].map((k) => [k, 1]));
    expect(refused(JSON.stringify(fields))).toMatch(/^The intrinsics file's fields \("header", "frame_id", "height" and 2 more\) match no layout/);
  });

  it('refuses more than 256 KiB before reading it', () => {
    expect(refused(' '.repeat(MAX_INTRINSICS_FILE_CHARS + 1))).toMatch(/more than 256 KiB is not an intrinsics file/);
  });

  it('refuses deep nesting without recursing', () => {
    expect(refused('- '.repeat(5000))).toMatch(/nests more than 16 deep/);
    expect(refused(`a: ${'['.repeat(5000)}`)).toMatch(/nests lists or maps more than 16 deep/);
    expect(refused(Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'))).toMatch(/nests more than 16 deep/);
  });
});

/**
 * The only acceptable outcomes: a usable result or an IntrinsicsFileError with
 * a sentence; and quickly. The time limits are loose on purpose (CI machines
 * run the browser tests alongside): the inputs take milliseconds, the largest
 * (256 KiB) well under a second, and what the limits catch is a loop or a
 * quadratic pass, which at that size takes many seconds.
 */
function outcome(text: string, limitMs = 3000): void {
  const t0 = performance.now();
  try {
    const r = parseIntrinsicsFile(text);
    expect(Number.isInteger(r.width) && r.width >= 1 && r.width <= 16384).toBe(true);
    expect(Number.isInteger(r.height) && r.height >= 1 && r.height <= 16384).toBe(true);
    expect(checkIntrinsics(r.intrinsics)).toBeNull();
  } catch (error) {
    if (!(error instanceof IntrinsicsFileError)) throw error;
    expect(error.message.length).toBeGreaterThan(20);
    expect(error.message.length).toBeLessThan(1200);
  }
  expect(performance.now() - t0).toBeLessThan(limitMs);
}

const TOKENS = [
  ...['-', ' ', '  ', ':', ': ', '[', ']', '{', '}', ',', '\n', '\r\n', '"', "'", '#', '\t', '\\', '|', '>', '?', '!!t ', '&a ', '*a'],
  ...['---', '...', '%YAML:1.0', 'K', 'k', 'width', 'height', 'image_width', 'camera_matrix', 'data', 'rows', 'intrinsic_matrix'],
  ...['fx', 'cx', '640', '0', '1', '-1', '525.0', '1e3', '.nan', '.inf', '~', 'null', 'true', '__proto__', '\u0000', '\uFEFF', 'é'],
];
/** Any UTF-16 code units, lone surrogates and control characters included (much faster to draw than unit: 'binary'). */
const codeUnits = (maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength }).map((units) => String.fromCharCode(...units));
const SAMPLES = [OPEN3D, ROS_CALIBRATION, OPENCV, ROS1_ECHO, ROS2_ECHO, ROSBRIDGE_JSON, SAMPLE];

describe('fuzzing', () => {
  it(`never throws anything but IntrinsicsFileError on random text (seed ${seed})`, () => {
    fc.assert(
      fc.property(codeUnits(300), (t) => outcome(t)),
      { seed, numRuns: 2000 },
    );
  });

  it(`never throws anything but IntrinsicsFileError on YAML/JSON token soup (seed ${seed})`, () => {
    const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 300 }).map((t) => t.join(''));
    fc.assert(
      fc.property(soup, (t) => outcome(t)),
      { seed, numRuns: 3000 },
    );
  });

  it(`never throws anything but IntrinsicsFileError on mutated real files (seed ${seed})`, () => {
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.integer({ min: 0, max: 12 }),
      insert: fc.oneof(fc.constantFrom(...TOKENS), codeUnits(4)),
    });
    const mutated = fc.tuple(fc.constantFrom(...SAMPLES), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => {
      let s = text;
      for (const e of edits) {
        const i = Math.floor(e.at * s.length);
        s = s.slice(0, i) + e.insert + s.slice(i + e.remove);
      }
      return s;
    });
    fc.assert(
      fc.property(mutated, (t) => outcome(t)),
      { seed, numRuns: 1500 },
    );
  });

  const CAP = MAX_INTRINSICS_FILE_CHARS;
  const fill = (unit: string) => unit.repeat(Math.floor(CAP / unit.length));
  const hostile: [string, string][] = [
    ['nested dashes', fill('- ')],
    ['open brackets', fill('[')],
    ['open braces', `a: ${fill('{').slice(3)}`],
    ['deeply nested valid JSON lists', `${'['.repeat(CAP / 2)}${']'.repeat(CAP / 2)}`],
    ['deeply nested valid JSON objects', `${'{"a":'.repeat(CAP / 6 - 1)}1${'}'.repeat(CAP / 6 - 1)}`],
    ['an unclosed flow on every line', fill('a: [\n')],
    ['a staircase of keys', Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}a:`).join('\n').slice(0, CAP)],
    ['many keys', Array.from({ length: 90_000 }, (_, i) => `k${i}: ${i}`).join('\n').slice(0, CAP)],
    ['one long line', `a: ${'x'.repeat(CAP - 3)}`],
    ['a long number', `width: ${'9'.repeat(CAP - 10)}x`],
    ['a long flow list', `K: [${fill('0, ').slice(5)}]`],
    ['a long block list', `K:\n${fill('- 1\n').slice(3)}`],
    ['folded continuation lines', `a: b\n${fill('  c\n').slice(5)}`],
    ['a long block scalar', `a: |\n${fill('  x\n').slice(6)}`],
    ['empty documents', fill('---\n')],
    ['quotes', fill('"')],
    ['comments', fill('# x\n')],
    ['compact lists, line after line', fill('- - - - - - - - - - - - - - - x\n')],
    ['many anchors', fill('- &a 1\n')],
  ];
  it.each(hostile)('handles %s at the size cap quickly', (_name, text) => {
    expect(text.length).toBeLessThanOrEqual(CAP);
    outcome(text, 15_000);
  });
});
