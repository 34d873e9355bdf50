/**
 * The layers of src/, enforced: an import that points the wrong way fails `npm run lint`.
 *
 *   ui        React panels, the page (address bar, drop, keys)
 *   render    three.js views as classes and their thin React holders
 *   engine    the GPU device and its recovery, the passes beside the views
 *   state     zustand stores of plain data and the actions on them (no DOM, no GPU)
 *   io, gpu, live, link   decoders, GPU passes, camera and model, the URL codec
 *   core      pure TypeScript: depth images, units, maths, CPU references
 *
 * Each layer imports only the layers below it; io, gpu, live and link import only
 * core, and state does not import gpu (GPU objects belong to the engine and views). main.tsx (the composition root) may import anything. Tests and test
 * helpers may reach across layers for fixtures (a core test decodes a real PNG),
 * but app code never imports them.
 */

const LAYERS = ['core', 'io', 'gpu', 'live', 'link', 'state', 'engine', 'render', 'ui'];

/** What each layer may import of ours (besides itself). */
const ALLOWED = {
  core: [],
  io: ['core'],
  gpu: ['core'],
  live: ['core'],
  link: ['core'],
  state: ['core', 'io', 'live', 'link'],
  engine: ['core', 'io', 'gpu', 'live', 'link', 'state'],
  render: ['core', 'io', 'gpu', 'live', 'link', 'state', 'engine'],
  ui: ['core', 'io', 'gpu', 'live', 'link', 'state', 'engine', 'render'],
};

const TEST_FILES = ['src/**/*.test.ts', 'src/**/test-support.ts', 'src/**/test-fixtures.ts', 'src/**/*-fixtures.ts', 'src/io/hostile-files.ts'];

/** Browser globals the state layer must not touch: the page (src/ui) owns them. */
const DOM_GLOBALS = ['document', 'window', 'location', 'history', 'localStorage', 'sessionStorage'];

function forbidden(layer) {
  return LAYERS.filter((other) => other !== layer && !ALLOWED[layer].includes(other));
}

export const layerRules = LAYERS.map((layer) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  ignores: TEST_FILES,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...(forbidden(layer).length === 0
            ? []
            : [
                {
                  group: forbidden(layer).flatMap((other) => [`**/${other}/*`, `**/${other}`]),
                  message: `src/${layer} may import only ${ALLOWED[layer].length ? ALLOWED[layer].join(', ') : 'nothing of ours'} (see eslint.layers.js).`,
                },
              ]),
          {
            group: ['**/hostile-files', '**/test-fixtures', '**/*-fixtures', '**/test-support'],
            message: 'App code never imports test helpers.',
          },
        ],
      },
    ],
    ...(layer === 'state'
      ? {
          'no-restricted-globals': [
            'error',
            ...DOM_GLOBALS.map((name) => ({ name, message: 'src/state holds plain data: the page (src/ui) owns the DOM.' })),
          ],
        }
      : {}),
  },
}));
