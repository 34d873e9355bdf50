/**
 * A reader of the YAML subset that camera-calibration tools write (block
 * mappings and lists, flow lists and maps, quoted and plain scalars, comments,
 * tags ignored, first document only), for src/io/intrinsics-file.ts. Not a full
 * YAML library on purpose: the `yaml` package (2.9.1, tried) recurses once per
 * nesting level, so 4 KB of "- - - ..." overflowed the stack, and a second parse
 * in the same process killed Node with a fatal V8 error no catch can stop. This
 * reader is iterative, linear in the input, nests at most MAX_NESTING deep, and
 * throws only YamlSubsetError, whose message completes "The intrinsics file ...".
 */

import { quoteText } from '../core/quoted-text';

export const MAX_NESTING = 16;

export type Fields = Record<string, unknown>;

export class YamlSubsetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlSubsetError';
  }
}

/** Messages are written as "The intrinsics file ..." for the one caller; the caller rethrows them as its own error. */
function fail(message: string): never {
  throw new YamlSubsetError(message);
}

/**
 * A short description of a value for messages. Text from the file is quoted,
 * control characters escaped, and cut so the QUOTED form stays within `max`
 * characters: fuzzing found raw control characters in messages, and 40 control
 * characters that JSON.stringify escaped into 240.
 */
export function describe(v: unknown, max = 40): string {
  if (v === null) return 'empty';
  if (typeof v === 'string') return quoteText(v, max);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'a set of fields';
  return String(v);
}


type Node = Fields | unknown[];

function newFields(): Fields {
  return Object.create(null) as Fields; // a key "__proto__" is then just a key
}

/**
 * One line without its comment, and the flow depth after it (open [ and {)
 * given the depth before it, both outside quoted scalars. Quotes and brackets
 * count only where a scalar may start (line start, after "- ", ": ", or a
 * flow's [ { ,); inside a plain scalar they are ordinary characters, as in YAML.
 */
function scanLine(line: string, depthBefore = 0): { text: string; depth: number } {
  let quote = '';
  let depth = depthBefore;
  let start = true;
  let dashStarts = false; // the previous character was a "-" where a scalar could start
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const prev = line[i - 1];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = '';
    } else if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === ' ' || c === '\t') {
      if (prev === ':' || (prev === '-' && dashStarts)) start = true;
    } else if (c === '#' && (prev === undefined || prev === ' ' || prev === '\t')) {
      return { text: line.slice(0, i), depth };
    } else if ((c === '"' || c === "'") && start) {
      quote = c;
      start = false;
    } else if ((c === '[' || c === '{') && start) depth++;
    else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
      start = false;
    } else if (c === ',' && depth > 0) start = true;
    else {
      dashStarts = c === '-' && start;
      start = false;
    }
  }
  return { text: line, depth };
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function plainScalar(s: string): unknown {
  if (s === '' || s === '~' || /^(null|Null|NULL)$/.test(s)) return null;
  if (/^(true|True|TRUE)$/.test(s)) return true;
  if (/^(false|False|FALSE)$/.test(s)) return false;
  if (NUMBER.test(s)) return Number(s);
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(nan|NaN|NAN)$/.test(s)) return Number.NaN;
  if (s[0] === '&' || s[0] === '*') fail('The intrinsics file uses YAML anchors or aliases (& or *), which camera files never need.');
  return s;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '"': '"', '\\': '\\', '/': '/', ' ': ' ' };

/** The quoted scalar starting at s[i] and the index after it. */
function quotedScalar(s: string, i: number, where: string): { value: string; end: number } {
  const q = s[i];
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (q === '"' && c === '\\') out += ESCAPES[s[++j]] ?? s[j] ?? '';
    else if (c !== q) out += c;
    else if (q === "'" && s[j + 1] === "'") out += s[++j];
    else return { value: out, end: j + 1 };
  }
  fail(`The intrinsics file has an unclosed quote ${where}.`);
}

/** A scalar with an optional tag in front (OpenCV's !!opencv-matrix): the tag is dropped. */
function stripTag(s: string): string {
  return s[0] === '!' ? s.replace(/^!\S*\s*/, '') : s;
}

/** A flow collection ([...] / {...}, possibly over several lines), iteratively. */
function flowValue(s: string, where: string): unknown {
  type Open = { list: unknown[] } | { map: Fields; key: string | null };
  const stack: Open[] = [];
  let i = 0;
  const skip = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n')) i++;
  };
  const bad = (what: string): never => fail(`The intrinsics file has ${what} in the list or map ${where}.`);
  for (;;) {
    skip();
    let value: unknown;
    const c = s[i];
    if (c === '[' || c === '{') {
      if (stack.length >= MAX_NESTING) fail(`The intrinsics file nests lists or maps more than ${MAX_NESTING} deep ${where}.`);
      stack.push(c === '[' ? { list: [] } : { map: newFields(), key: null });
      i++;
      skip();
      if (s[i] !== (c === '[' ? ']' : '}')) continue;
      i++;
      const top = stack.pop() as Open;
      value = 'list' in top ? top.list : top.map;
    } else if (c === '"' || c === "'") {
      const q = quotedScalar(s, i, where);
      value = q.value;
      i = q.end;
    } else if (c === undefined || c === ',' || c === ']' || c === '}') {
      bad(c === undefined ? 'an unexpected end' : `a misplaced ${describe(c)}`);
    } else {
      const start = i;
      while (i < s.length && !',[]{}\n'.includes(s[i]) && !(s[i] === ':' && ' \t\n,]}'.includes(s[i + 1] ?? ' '))) i++;
      value = plainScalar(stripTag(s.slice(start, i).trim()));
    }
    // Attach the value; close every collection that ends right after it.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skip();
        if (i < s.length) bad(`${describe(s.slice(i, i + 20))} after the end`);
        return value;
      }
      if ('list' in top) top.list.push(value);
      else if (top.key === null) {
        if (typeof value === 'object' && value !== null) bad('a list or map used as a key');
        const key = String(value);
        skip();
        if (s[i] !== ':') bad(`no ":" after the key ${describe(key)}`);
        if (Object.hasOwn(top.map, key)) bad(`the key ${describe(key)} twice`);
        i++;
        top.key = key;
        break;
      } else {
        top.map[top.key] = value;
        top.key = null;
      }
      skip();
      const close = 'list' in top ? ']' : '}';
      if (s[i] === ',') {
        i++;
        skip();
        if (s[i] !== close) break; // next item (a trailing comma before the close is allowed)
      }
      if (s[i] !== close) bad(s[i] === undefined ? 'an unclosed bracket' : `a misplaced ${describe(s[i])}`);
      i++;
      stack.pop();
      value = 'list' in top ? top.list : top.map;
    }
  }
}

/** "key: rest" (key plain or quoted) or null when the line is no mapping entry. */
function splitKey(line: string, where: string): { key: string; rest: string } | null {
  let end: number;
  let key: string;
  if (line[0] === '"' || line[0] === "'") {
    const q = quotedScalar(line, 0, where);
    key = q.value;
    end = q.end;
    while (line[end] === ' ') end++;
    if (line[end] !== ':') return null;
  } else {
    if ('[]{},&*!|>%@`?'.includes(line[0])) return null; // YAML indicators cannot start a plain key
    end = line.search(/:(\s|$)/);
    if (end < 0) return null;
    key = line.slice(0, end).trim();
  }
  return { key, rest: line.slice(end + 1).trim() };
}

/** A scalar or flow value starting on line n; a flow or a plain scalar may go on over later lines, up to `last`. */
function value(lines: string[], s: string, n: number, col: number): { v: unknown; last: number } {
  const where = `on line ${n + 1}`;
  let last = n;
  if (s[0] === '[' || s[0] === '{') {
    const parts = [s];
    let depth = scanLine(s).depth;
    while (depth > 0 && last + 1 < lines.length) {
      const next = scanLine(lines[++last], depth);
      parts.push(next.text);
      depth = next.depth;
    }
    return { v: flowValue(parts.join('\n'), where), last };
  }
  if (s[0] === '"' || s[0] === "'") {
    const q = quotedScalar(s, 0, where);
    if (s.slice(q.end).trim() !== '') fail(`The intrinsics file has text after a quoted value ${where}.`);
    return { v: q.value, last };
  }
  // A plain scalar folds in the deeper-indented lines that follow and are not entries of their own.
  let text = s;
  while (last + 1 < lines.length) {
    // quotes and brackets inside a plain scalar are ordinary characters: only the comment is cut
    const raw = lines[last + 1];
    const hash = raw.search(/(^|[ \t])#/);
    const next = hash < 0 ? raw : raw.slice(0, hash);
    const trimmed = next.trim();
    if (next.search(/[^ ]/) <= col || isItemLine(trimmed) || splitKey(trimmed, `on line ${last + 2}`) !== null) break;
    text += ` ${trimmed}`;
    last++;
  }
  return { v: plainScalar(text), last };
}

function isItemLine(line: string): boolean {
  return line === '-' || line.startsWith('- ') || line.startsWith('-\t');
}

/**
 * The first YAML document in `text` as plain values (exported for tests). Block structure follows
 * the indentation, with an explicit stack of open blocks; a "key:" or "-" with
 * nothing after it is pending until the next line shows what its value is.
 */
export function readYamlSubset(text: string): unknown {
  const lines = text.split(/\r\n|\r|\n/);
  const stack: { indent: number; node: Node }[] = [];
  let pending: { indent: number; isKey: boolean; set: (v: unknown) => void } | null = null;
  let root: unknown = null;
  let hasRoot = false;
  let started = false;
  for (let n = 0; n < lines.length; n++) {
    const where = `on line ${n + 1}`;
    const raw = lines[n];
    if (!started && raw.startsWith('%')) continue; // directives, OpenCV's "%YAML:1.0" included
    if (/^(---|\.\.\.)(\s|$)/.test(raw)) {
      if (started) break; // only the first document (rostopic echo ends each message with ---)
      const after = scanLine(raw.slice(3)).text.trim();
      if (after === '' || after[0] === '!') continue;
      fail(`The intrinsics file has content after "---" ${where}, a YAML layout Depthscope does not read.`);
    }
    let line = scanLine(raw).text.trimEnd();
    let col = line.search(/[^ ]/);
    if (col < 0) continue;
    if (line[col] === '\t') fail(`The intrinsics file indents with a tab ${where}; YAML allows spaces only.`);
    if (hasRoot && stack.length === 0) fail(`The intrinsics file is not YAML or JSON made of named fields (line ${n + 1}).`);
    started = true;
    line = line.slice(col);
    for (;;) {
      const isItem = isItemLine(line);
      const entry = isItem ? null : splitKey(line, where);
      if (pending !== null) {
        const p: { indent: number; isKey: boolean; set: (v: unknown) => void } = pending;
        pending = null;
        if (col > p.indent && !isItem && entry === null) {
          // "key:" with its scalar on the next line
          const r = value(lines, line, n, p.indent);
          p.set(r.v);
          n = r.last;
          break;
        }
        if (col > p.indent || (col === p.indent && isItem && p.isKey)) {
          const node: Node = isItem ? [] : newFields();
          p.set(node);
          stack.push({ indent: col, node });
        } else p.set(null);
      }
      // Close deeper blocks, and a list that was a key's value at the key's own indentation ("k:" then "- x").
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        if (top.indent > col || (top.indent === col && !isItem && Array.isArray(top.node) && stack.length > 1)) stack.pop();
        else break;
      }
      if (!hasRoot) {
        hasRoot = true;
        if (!isItem && entry === null) {
          const r = value(lines, line, n, col - 1);
          root = r.v;
          n = r.last;
          break;
        }
        root = isItem ? [] : newFields();
        stack.push({ indent: col, node: root as Node });
      }
      const top = stack[stack.length - 1];
      if (top === undefined || top.indent !== col) fail(`The intrinsics file's indentation ${where} matches no open block.`);
      if (stack.length > MAX_NESTING) fail(`The intrinsics file nests more than ${MAX_NESTING} deep ${where}.`);
      if (isItem) {
        if (!Array.isArray(top.node)) fail(`The intrinsics file has a list item where a key was expected ${where}.`);
        const list = top.node;
        const rest = line.slice(1).trimStart();
        const index = list.push(null) - 1;
        if (rest === '') {
          pending = { indent: col, isKey: false, set: (v) => (list[index] = v) };
          break;
        }
        const restCol = col + (line.length - rest.length);
        const nestedItem = isItemLine(rest);
        if (nestedItem || splitKey(rest, where) !== null) {
          // "- key: value" or "- - x": a block opening on this line, at rest's column.
          const node: Node = nestedItem ? [] : newFields();
          list[index] = node;
          stack.push({ indent: restCol, node });
          line = rest;
          col = restCol;
          continue;
        }
        const r = value(lines, rest, n, col);
        list[index] = r.v;
        n = r.last;
        break;
      }
      if (entry === null) fail(`The intrinsics file has a line that is neither "key: value" nor "- item" ${where}.`);
      if (Array.isArray(top.node)) fail(`The intrinsics file has a key where a list item was expected ${where}.`);
      const map = top.node;
      const key = entry.key;
      if (Object.hasOwn(map, key)) fail(`The intrinsics file has the key ${describe(key)} twice ${where}.`);
      const rest = stripTag(entry.rest);
      map[key] = null;
      if (rest === '') pending = { indent: col, isKey: true, set: (v) => (map[key] = v) };
      else if (/^[|>][-+0-9]*$/.test(rest)) {
        // Block scalar: the blank lines and those indented deeper than the key.
        const parts: string[] = [];
        while (n + 1 < lines.length && (lines[n + 1].trim() === '' || lines[n + 1].search(/[^ ]/) > col)) parts.push(lines[++n].trim());
        map[key] = parts.join('\n');
      } else {
        const r = value(lines, rest, n, col);
        map[key] = r.v;
        n = r.last;
      }
      break;
    }
  }
  if (pending !== null) (pending as { set: (v: unknown) => void }).set(null);
  return root;
}
