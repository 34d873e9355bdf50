/**
 * The readable URL parameters of a view, parsed and written as pure functions.
 * Every value is checked; a bad one is dropped with a message saying why, and
 * the rest of the link still applies. Text from the URL is only ever shown as text.
 *
 *   src=<path or http(s) URL>   scale=mm|tum|kitti|sun|nyu|m|disparity|relative|<metres per unit>
 *   colormap=<name>[_r]         range=<min>,<max> (metres)   log=1
 *   probe=x,y[;x,y...]          page=<TIFF page, 0-based>
 *   filters=<chain, see chain-url.ts>
 *   display=filtered|raw|split|difference|normals|edges   split=<divider column>
 *   diff=<± metres of the difference view>   edge=<relative jump of the edges view>
 *   view=heatmap|cloud|ar   stride=<cloud stride, px>   pointsize=<px>   surface=points|mesh   wire=1
 *   fx=, fy=, cx=, cy=<intrinsics, pixels; all four together>   ray=1 (depth is ray length)
 *   pose=px,py,pz,tx,ty,tz (3-D camera position and target, metres, display frame)
 */
import { COLORMAP_NAMES, type ColormapName } from '../core/colormap-tables';
import { parseScale, type UnitPreset } from '../core/units';
import { MAX_SIDE } from '../core/depth-image';
import { DISPLAY_MODES, type DisplayMode } from '../core/surface-views';
import type { Stage } from '../core/filter-chain';
import { parseChain, serializeChain } from './chain-url';
import type { ViewMode } from './store';

export interface UrlView {
  src?: string;
  scale?: UnitPreset | number;
  colormap?: ColormapName;
  reverse?: boolean;
  range?: [number, number];
  logScale?: boolean;
  probes?: { x: number; y: number }[];
  page?: number;
  filters?: Stage[];
  display?: DisplayMode;
  split?: number;
  diff?: number;
  edge?: number;
  mode?: ViewMode;
  stride?: number;
  pointSize?: number;
  surface?: 'points' | 'mesh';
  wireframe?: boolean;
  intrinsics?: { fx: number; fy: number; cx: number; cy: number };
  rayLength?: boolean;
  pose?: { position: [number, number, number]; target: [number, number, number] };
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

  const filters = params.get('filters');
  if (filters !== null) {
    const chain = parseChain(filters);
    view.filters = chain.stages;
    problems.push(...chain.problems);
  }

  const display = params.get('display');
  if (display !== null) {
    if ((DISPLAY_MODES as readonly string[]).includes(display)) view.display = display as DisplayMode;
    else problems.push(`Ignored display=${quote(display)}: choose one of ${DISPLAY_MODES.join(', ')}.`);
  }

  const split = params.get('split');
  if (split !== null) {
    if (/^\d{1,5}$/.test(split) && Number(split) <= MAX_SIDE) view.split = Number(split);
    else problems.push(`Ignored split=${quote(split)}: the divider is a whole image column.`);
  }

  const diff = params.get('diff');
  if (diff !== null) {
    const v = parseNumber(diff);
    if (v !== null && v > 0) view.diff = v;
    else problems.push(`Ignored diff=${quote(diff)}: the difference scale is a number of metres above 0.`);
  }

  const mode = params.get('view');
  if (mode !== null) {
    if (mode === 'heatmap' || mode === 'cloud' || mode === 'ar') view.mode = mode;
    else problems.push(`Ignored view=${quote(mode)}: choose heatmap, cloud or ar.`);
  }

  const stride = params.get('stride');
  if (stride !== null) {
    if (/^\d{1,2}$/.test(stride) && Number(stride) >= 1 && Number(stride) <= 16) view.stride = Number(stride);
    else problems.push(`Ignored stride=${quote(stride)}: the cloud stride is a whole number of pixels from 1 to 16.`);
  }

  const surface = params.get('surface');
  if (surface !== null) {
    if (surface === 'points' || surface === 'mesh') view.surface = surface;
    else problems.push(`Ignored surface=${quote(surface)}: choose points or mesh.`);
  }

  const wire = params.get('wire');
  if (wire !== null) {
    if (wire === '1' || wire === '0') view.wireframe = wire === '1';
    else problems.push(`Ignored wire=${quote(wire)}: use wire=1 or wire=0.`);
  }

  const pointSize = params.get('pointsize');
  if (pointSize !== null) {
    const v = parseNumber(pointSize);
    if (v !== null && v >= 0.5 && v <= 32) view.pointSize = v;
    else problems.push(`Ignored pointsize=${quote(pointSize)}: the point size is a number of pixels from 0.5 to 32.`);
  }

  const intrKeys = ['fx', 'fy', 'cx', 'cy'] as const;
  const given = intrKeys.filter((k) => params.get(k) !== null);
  if (given.length > 0) {
    const values = intrKeys.map((k) => parseNumber(params.get(k) ?? ''));
    const [fx, fy, cx, cy] = values;
    if (given.length === 4 && values.every((v) => v !== null) && fx! > 0 && fy! > 0) view.intrinsics = { fx: fx!, fy: fy!, cx: cx!, cy: cy! };
    else problems.push('Ignored the intrinsics: give fx, fy, cx and cy together, in pixels, with fx and fy above 0.');
  }

  const pose = params.get('pose');
  if (pose !== null) {
    const v = pose.split(',').map(parseNumber);
    if (v.length === 6 && v.every((c) => c !== null && Math.abs(c) < 1e6)) {
      const n = v as number[];
      view.pose = { position: [n[0], n[1], n[2]], target: [n[3], n[4], n[5]] };
    } else problems.push(`Ignored pose=${quote(pose)}: give six numbers in metres, the camera position then its target.`);
  }

  const ray = params.get('ray');
  if (ray !== null) {
    if (ray === '1' || ray === '0') view.rayLength = ray === '1';
    else problems.push(`Ignored ray=${quote(ray)}: use ray=1 when the file stores distance to the camera centre.`);
  }

  const edge = params.get('edge');
  if (edge !== null) {
    const v = parseNumber(edge);
    if (v !== null && v > 0 && v <= 10) view.edge = v;
    else problems.push(`Ignored edge=${quote(edge)}: the edge threshold is a relative depth jump above 0, e.g. 0.05.`);
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
  if (v.filters && v.filters.length > 0) params.set('filters', serializeChain(v.filters));
  if (v.display && v.display !== 'filtered') params.set('display', v.display);
  if (v.split !== undefined) params.set('split', String(v.split));
  if (v.diff !== undefined) params.set('diff', formatNumber(v.diff));
  if (v.edge !== undefined) params.set('edge', formatNumber(v.edge));
  if (v.mode && v.mode !== 'heatmap') params.set('view', v.mode);
  if (v.intrinsics) for (const k of ['fx', 'fy', 'cx', 'cy'] as const) params.set(k, formatNumber(v.intrinsics[k]));
  if (v.rayLength) params.set('ray', '1');
  if (v.pose) params.set('pose', [...v.pose.position, ...v.pose.target].map(formatNumber).join(','));
  if (v.stride !== undefined && v.stride !== 1) params.set('stride', String(v.stride));
  if (v.pointSize !== undefined && v.pointSize !== 2) params.set('pointsize', formatNumber(v.pointSize));
  if (v.surface && v.surface !== 'points') params.set('surface', v.surface);
  if (v.wireframe) params.set('wire', '1');
  // Commas, semicolons, slashes, colons and "!" are safe in a query and keep links readable.
  return params
    .toString()
    .replace(/%2C/g, ',')
    .replace(/%3B/g, ';')
    .replace(/%2F/g, '/')
    .replace(/%3A/g, ':')
    .replace(/%21/g, '!');
}
