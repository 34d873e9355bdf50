/**
 * The readable URL parameters of a view, parsed and written as pure functions.
 * Every value is checked; a bad one is dropped with a message saying why, and
 * the rest of the link still applies. Text from the URL is only ever shown as text.
 *
 *   src=<path or http(s) URL>   scale=mm|tum|kitti|sun|nyu|m|disparity|relative|<metres per unit>
 *   colormap=<name>[_r]         range=<min>,<max> (metres)   log=1
 *   probe=x,y[;x,y...]          page=<TIFF page, 0-based>
 */
import { COLORMAP_NAMES, type ColormapName } from '../core/colormap-tables';
import { parseScale, type UnitPreset } from '../core/units';
import { MAX_SIDE } from '../core/depth-image';

export interface UrlView {
  src?: string;
  scale?: UnitPreset | number;
  colormap?: ColormapName;
  reverse?: boolean;
  range?: [number, number];
  logScale?: boolean;
  probes?: { x: number; y: number }[];
  page?: number;
}

export interface ParsedUrl {
  view: UrlView;
  /** One sentence per rejected parameter. */
  problems: string[];
}

const MAX_PROBES = 64;
const MAX_SRC_LENGTH = 4096;

/** Same-origin paths and http(s) URLs only: a link may load data, never run code. */
export function checkSrc(src: string, base: string): string | null {
  if (src.length === 0 || src.length > MAX_SRC_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(src, base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(short);
}

function parseNumber(text: string): number | null {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

export function parseUrlView(search: string, base = 'http://localhost/'): ParsedUrl {
  const params = new URLSearchParams(search);
  const view: UrlView = {};
  const problems: string[] = [];

  const src = params.get('src');
  if (src !== null) {
    if (checkSrc(src, base)) view.src = src;
    else problems.push(`Ignored src=${quote(src)}: only http(s) URLs and paths on this site can be opened.`);
  }

  const scale = params.get('scale');
  if (scale !== null) {
    const parsed = parseScale(scale);
    if (parsed === null) {
      problems.push(
        `Ignored scale=${quote(scale)}: use mm, tum, kitti, sun, nyu, m, disparity, relative, or a positive number of metres per unit.`,
      );
    } else view.scale = parsed;
  }

  const colormap = params.get('colormap');
  if (colormap !== null) {
    const reversed = colormap.endsWith('_r');
    const name = reversed ? colormap.slice(0, -2) : colormap;
    if ((COLORMAP_NAMES as readonly string[]).includes(name)) {
      view.colormap = name as ColormapName;
      view.reverse = reversed;
    } else {
      problems.push(`Ignored colormap=${quote(colormap)}: choose one of ${COLORMAP_NAMES.join(', ')} (add _r to reverse).`);
    }
  }

  const range = params.get('range');
  if (range !== null) {
    const parts = range.split(',');
    const lo = parts.length === 2 ? parseNumber(parts[0]) : null;
    const hi = parts.length === 2 ? parseNumber(parts[1]) : null;
    if (lo === null || hi === null || !(hi > lo)) {
      problems.push(`Ignored range=${quote(range)}: give two numbers min,max in metres with min < max.`);
    } else view.range = [lo, hi];
  }

  const log = params.get('log');
  if (log !== null) {
    if (log === '1' || log === '0') view.logScale = log === '1';
    else problems.push(`Ignored log=${quote(log)}: use log=1 or log=0.`);
  }

  const probe = params.get('probe');
  if (probe !== null) {
    const probes: { x: number; y: number }[] = [];
    for (const part of probe.split(';').slice(0, MAX_PROBES)) {
      const m = /^\s*(\d{1,5})\s*,\s*(\d{1,5})\s*$/.exec(part);
      if (m && Number(m[1]) < MAX_SIDE && Number(m[2]) < MAX_SIDE) probes.push({ x: Number(m[1]), y: Number(m[2]) });
      else problems.push(`Ignored probe ${quote(part)}: a probe is x,y in whole pixels, several joined by ";".`);
    }
    if (probes.length > 0) view.probes = probes;
  }

  const page = params.get('page');
  if (page !== null) {
    if (/^\d{1,4}$/.test(page)) view.page = Number(page);
    else problems.push(`Ignored page=${quote(page)}: a page is a whole number from 0.`);
  }

  return { view, problems };
}

/** Shortest exact decimal for a metre value (keeps links short and round-trips exactly). */
function formatNumber(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return String(Number(v.toPrecision(9)) === v ? Number(v.toPrecision(9)) : v);
}

export function serializeUrlView(v: UrlView): string {
  const params = new URLSearchParams();
  if (v.src) params.set('src', v.src);
  if (v.scale !== undefined) params.set('scale', typeof v.scale === 'number' ? formatNumber(v.scale) : v.scale);
  if (v.colormap) params.set('colormap', v.reverse ? `${v.colormap}_r` : v.colormap);
  if (v.range) params.set('range', `${formatNumber(v.range[0])},${formatNumber(v.range[1])}`);
  if (v.logScale) params.set('log', '1');
  if (v.page) params.set('page', String(v.page));
  if (v.probes && v.probes.length > 0) params.set('probe', v.probes.map((p) => `${p.x},${p.y}`).join(';'));
  // Commas, semicolons and slashes are safe in a query and keep links readable.
  return params.toString().replace(/%2C/g, ',').replace(/%3B/g, ';').replace(/%2F/g, '/');
}
