/**
 * The readable URL parameters as one table: each parameter once, with the
 * query keys it uses, its schema from the text in the link to its fields of
 * the view, the sentence that says what a good value is, and how the view is
 * written back. A parameter that fails its schema is dropped alone; keys not
 * listed here are ignored. The view's type (UrlView), parsing and writing
 * (url-params.ts) all come from this table, and src/state/link-table.ts binds
 * the same names to the store. The table is in the order parameters appear in
 * a written link; a link's problems are listed in the same order.
 */
import * as v from 'valibot';
import { COLORMAP_NAMES, type ColormapName } from '../core/colormap-tables';
import { MAX_SIDE } from '../core/depth-image';
import { DISPLAY_MODES, type ViewMode } from '../core/surface-views';
import { MAX_KEPT_FRAMES } from '../core/kept-ring';
import { commaFields, decimal, flag, formatNumber, metres, oneOf, positive, scaleText, whole, wholeDigits } from './link-values';
import { addressParam, filters, flagText, pinhole, probes, scaleFormat, unlessDefault, valueParam, type LinkParam, type ValueParam } from './link-param-kinds';

export type { LinkParam, ParamRead, ValueParam } from './link-param-kinds';

type Triple = [number, number, number];

const SCALE_HELP = 'use mm, tum, kitti, sun, nyu, m, disparity, relative, or a positive number of metres per unit.';
/** What a link without `recon=` means (state/recon-store.ts's DEFAULT_RECON holds the same three). */
export const RECON_LINK_DEFAULT = { voxelM: 0.01, truncationM: 0.04, poseSource: 'dataset' } as const;

export const LINK_PARAMS = {
  src: addressParam('src', 'src'),
  scale: valueParam('scale', scaleText, (scale) => ({ scale }), SCALE_HELP, (view) => scaleFormat(view.scale)),
  /** The comparison's reference (ground truth) map and its units (src/state/compare-load.ts). */
  ref: addressParam('ref', 'ref'),
  refscale: valueParam('refscale', scaleText, (refScale) => ({ refScale }), `the reference's units: ${SCALE_HELP}`, (view) => scaleFormat(view.refScale)),
  colormap: valueParam(
    'colormap',
    v.pipe(
      v.string(),
      v.transform((t) => ({ name: t.endsWith('_r') ? t.slice(0, -2) : t, reverse: t.endsWith('_r') })),
      v.check(({ name }) => (COLORMAP_NAMES as readonly string[]).includes(name)),
    ),
    ({ name, reverse }) => ({ colormap: name as ColormapName, reverse }),
    `choose one of ${COLORMAP_NAMES.join(', ')} (add _r to reverse).`,
    (view) => (view.colormap ? `${view.colormap}${view.reverse ? '_r' : ''}` : undefined),
  ),
  range: valueParam(
    'range',
    v.pipe(
      commaFields,
      v.strictTuple([decimal, decimal]),
      v.check(([lo, hi]) => hi > lo),
    ),
    (range): { range: [number, number] } => ({ range }),
    'give two numbers min,max in metres with min < max.',
    (view) => view.range && view.range.map(formatNumber).join(','),
  ),
  log: valueParam('log', flag, (logScale) => ({ logScale }), 'use log=1 or log=0.', (view) => flagText(view.logScale)),
  page: valueParam('page', wholeDigits(4), (page) => ({ page }), 'a page is a whole number from 0.', (view) => (view.page ? String(view.page) : undefined)),
  /** The frame of a recording opened by src (0 = the first), 0-based like the timeline's data-frame. */
  frame: valueParam('frame', wholeDigits(9), (frame) => ({ frame }), 'a frame is a whole number from 0.', (view) => view.frame?.toString()),
  probe: probes,
  filters,
  display: valueParam('display', oneOf(DISPLAY_MODES), (display) => ({ display }), `choose one of ${DISPLAY_MODES.join(', ')}.`, (view) => unlessDefault(view.display, 'filtered')),
  split: valueParam('split', whole(MAX_SIDE), (split) => ({ split }), 'the divider is a whole image column.', (view) => view.split?.toString()),
  diff: valueParam(
    'diff',
    positive(Number.MAX_VALUE),
    (diff) => ({ diff }),
    'the difference scale is a number of metres above 0.',
    (view) => (view.diff === undefined ? undefined : formatNumber(view.diff)),
  ),
  edge: valueParam(
    'edge',
    v.pipe(decimal, v.gtValue(0), v.maxValue(10)),
    (edge) => ({ edge }),
    'the edge threshold is a relative depth jump above 0, e.g. 0.05.',
    (view) => (view.edge === undefined ? undefined : formatNumber(view.edge)),
  ),
  view: valueParam('view', oneOf<ViewMode>(['heatmap', 'cloud', 'ar']), (mode) => ({ mode }), 'choose heatmap, cloud or ar.', (view) => unlessDefault(view.mode, 'heatmap')),
  intrinsics: pinhole,
  ray: valueParam('ray', flag, (rayLength) => ({ rayLength }), 'use ray=1 when the file stores distance to the camera centre.', (view) => flagText(view.rayLength)),
  pose: valueParam(
    'pose',
    v.pipe(
      commaFields,
      v.strictTuple([metres, metres, metres, metres, metres, metres]),
    ),
    (n): { pose: { position: Triple; target: Triple } } => ({ pose: { position: [n[0], n[1], n[2]], target: [n[3], n[4], n[5]] } }),
    'give six numbers in metres, the camera position then its target.',
    (view) => view.pose && [...view.pose.position, ...view.pose.target].map(formatNumber).join(','),
  ),
  stride: valueParam(
    'stride',
    v.pipe(wholeDigits(2), v.minValue(1), v.maxValue(16)),
    (stride) => ({ stride }),
    'the cloud stride is a whole number of pixels from 1 to 16.',
    (view) => (view.stride !== undefined && view.stride !== 1 ? String(view.stride) : undefined),
  ),
  pointsize: valueParam(
    'pointsize',
    v.pipe(decimal, v.minValue(0.5), v.maxValue(32)),
    (pointSize) => ({ pointSize }),
    'the point size is a number of pixels from 0.5 to 32.',
    (view) => (view.pointSize !== undefined && view.pointSize !== 2 ? formatNumber(view.pointSize) : undefined),
  ),
  surface: valueParam('surface', oneOf(['points', 'mesh'] as const), (surface) => ({ surface }), 'choose points or mesh.', (view) => unlessDefault(view.surface, 'points')),
  wire: valueParam('wire', flag, (wireframe) => ({ wireframe }), 'use wire=1 or wire=0.', (view) => flagText(view.wireframe)),
  /** Keep the clouds of the last N frames of a posed recording (core/kept-ring.ts); left out when off. */
  keep: valueParam(
    'keep',
    whole(MAX_KEPT_FRAMES),
    (keep) => ({ keep }),
    `keep is a whole number of frames from 0 (off) to ${MAX_KEPT_FRAMES}.`,
    (view) => (view.keep !== undefined && view.keep > 1 ? String(view.keep) : undefined),
  ),
  /** The reconstruction's voxel size and truncation (metres) and pose source (issue 16); left out at the defaults. */
  recon: valueParam(
    'recon',
    v.pipe(
      commaFields,
      v.strictTuple([positive(1), decimal, oneOf(['dataset', 'track'] as const)]),
      // As tsdfSettingsProblem: the truncation is one to 64 voxels.
      v.check(([voxel, truncation]) => truncation >= voxel && truncation <= 64 * voxel),
    ),
    ([voxelM, truncationM, poseSource]) => ({ recon: { voxelM, truncationM, poseSource } }),
    'give the voxel size and truncation in metres (the truncation 1 to 64 voxels) and the pose source dataset or track, e.g. 0.01,0.04,dataset.',
    (view) => {
      const r = view.recon;
      if (!r || (r.voxelM === RECON_LINK_DEFAULT.voxelM && r.truncationM === RECON_LINK_DEFAULT.truncationM && r.poseSource === RECON_LINK_DEFAULT.poseSource)) return undefined;
      return `${formatNumber(r.voxelM)},${formatNumber(r.truncationM)},${r.poseSource}`;
    },
  ),
};

export type LinkParamName = keyof typeof LINK_PARAMS;

/** The part of the view that parameter `K` sets, e.g. { colormap, reverse } for colormap. */
export type ParamFields<K extends LinkParamName> = (typeof LINK_PARAMS)[K] extends LinkParam<infer F> ? F : never;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The readable part of a link: every parameter's fields, each optional (left out of the link). */
export type UrlView = Partial<UnionToIntersection<ParamFields<LinkParamName>>>;

/** The parameters read by one schema with one sentence, by key (the others are read apart: src, ref, probe, filters, intrinsics). */
export const PARAMS: Record<string, ValueParam<object>> = Object.fromEntries(
  (Object.entries(LINK_PARAMS) as [string, LinkParam<object>][]).filter((entry): entry is [string, ValueParam<object>] => 'schema' in entry[1]),
);
