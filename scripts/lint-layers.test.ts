/**
 * The layer rule (eslint.layers.js) catches imports that point the wrong way:
 * linted as if they were files of each layer, these fixtures must fail, and the
 * right-way ones pass.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layers are enforced by lint', () => {
  it.each([
    ['src/core/lint-fixture.ts', "import { store } from '../state/store';\nexport const s = store;\n"],
    ['src/core/filters/lint-fixture.ts', "import { decodeDepth } from '../../io/decode-depth';\nexport const d = decodeDepth;\n"],
    ['src/io/lint-fixture.ts', "import { acquireGpu } from '../gpu/gpu-context';\nexport const a = acquireGpu;\n"],
    ['src/link/lint-fixture.ts', "import { store } from '../state/store';\nexport const s = store;\n"],
    ['src/state/lint-fixture.ts', "import { captureView } from '../render/view-capture';\nexport const c = captureView;\n"],
    ['src/render/lint-fixture.tsx', "import { App } from '../ui/App';\nexport const a = App;\n"],
    ['src/state/lint-fixture.ts', "import { startEngine } from '../engine/start-engine';\nexport const e = startEngine;\n"],
    ['src/state/lint-fixture.ts', "import { acquireGpu } from '../gpu/gpu-context';\nexport const a = acquireGpu;\n"],
    ['src/engine/lint-fixture.ts', "import { captureView } from '../render/view-capture';\nexport const c = captureView;\n"],
    ['src/gpu/lint-fixture.ts', "import { readShared } from '../io/test-fixtures';\nexport const r = readShared;\n"],
  ])('%s: a wrong-way import fails', async (file, code) => {
    const found = await problems(file, code);
    expect(found.some((m) => m.startsWith('no-restricted-imports:'))).toBe(true);
  });

  it('the state layer may not touch the DOM', async () => {
    const found = await problems('src/state/lint-fixture.ts', 'export const w = document.title;\n');
    expect(found.some((m) => m.startsWith('no-restricted-globals:') && m.includes('(src/ui) owns the DOM'))).toBe(true);
  });

  it.each([
    ['src/state/lint-fixture.ts', "import { decodeDepth } from '../io/decode-depth';\nexport const d = decodeDepth;\n"],
    ['src/render/lint-fixture.ts', "import { store } from '../state/store';\nexport const s = store;\n"],
    ['src/render/lint-fixture.ts', "import { gpuSession } from '../engine/gpu-session';\nexport const g = gpuSession;\n"],
    ['src/ui/lint-fixture.ts', "import { captureView } from '../render/view-capture';\nexport const c = captureView;\n"],
    ['src/io/lint-fixture.ts', "import { checkDimensions } from '../core/depth-image';\nexport const c = checkDimensions;\n"],
  ])('%s: a right-way import passes', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
