/** The pure parts of the depth model's loading: its source, the kind of depth it gives, progress in bytes, error messages. */
import { describe, expect, it } from 'vitest';
import { depthKindOf } from './depth-kind';
import { DepthModelError, classifyLoadError, classifyRunError, fromErrorData, toErrorData } from './depth-model-errors';
import { ProgressTally } from './load-progress';
import { DEFAULT_DEPTH_MODEL, ModelSourceError, TINY_DEPTH_MODEL, describeSource, parseModelSource } from './model-source';

describe('model source', () => {
  it('reads hub ids and folders of this site, and refuses anything else', () => {
    expect(parseModelSource(DEFAULT_DEPTH_MODEL)).toEqual({ where: 'hub', id: DEFAULT_DEPTH_MODEL });
    expect(parseModelSource(` ${TINY_DEPTH_MODEL} `)).toEqual({ where: 'site', path: '/models/tiny-depth-anything' });
    expect(describeSource(parseModelSource('/models/x'))).toBe('/models/x/');
    for (const bad of ['//evil.example/m', 'https://x.y/m', '/models/../secret', 'a/../b', 'no-slash', 'a--b/c', '']) {
      expect(() => parseModelSource(bad), bad).toThrow(ModelSourceError);
    }
  });
});

describe('depth kind', () => {
  it('is relative inverse depth unless the config says metric or the model type always is', () => {
    expect(depthKindOf({ model_type: 'depth_anything' })).toBe('relative-inverse');
    expect(depthKindOf({ model_type: 'depth_anything', depth_estimation_type: 'metric' })).toBe('metric');
    expect(depthKindOf({ model_type: 'depth_pro' })).toBe('metric');
    expect(depthKindOf({ model_type: 'zoedepth', depth_estimation_type: 'relative' })).toBe('relative-inverse');
  });
});

describe('load progress', () => {
  it('sums bytes over files, the total growing as files are announced', () => {
    const t = new ProgressTally();
    expect(t.update('config.json', 100, 400)).toEqual({ loadedBytes: 100, totalBytes: 400 });
    expect(t.update('onnx/model.onnx', 1000, 5000)).toEqual({ loadedBytes: 1100, totalBytes: 5400 });
    expect(t.update('config.json', 400, 400)).toEqual({ loadedBytes: 1400, totalBytes: 5400 });
    // No Content-Length (total 0): what arrived counts as the total.
    expect(t.update('preprocessor_config.json', 50, 0)).toEqual({ loadedBytes: 1450, totalBytes: 5450 });
  });
});

describe('depth model errors', () => {
  const site = parseModelSource('/models/m/');
  const hub = parseModelSource(DEFAULT_DEPTH_MODEL);
  it('tells missing files, disabled downloads, offline, server errors and memory apart', () => {
    const missing = classifyLoadError(new Error('Could not locate file: "/models/m/onnx/model.onnx".'), site, false);
    expect([missing.reason, missing.message]).toEqual(['not-found', 'No depth model found at /models/m/ (/models/m/onnx/model.onnx is missing). Check the model setting.']);
    expect(classifyLoadError(new Error('file was not found locally'), hub, false).reason).toBe('remote-disabled');
    expect(classifyLoadError(new TypeError('Failed to fetch'), hub, true).reason).toBe('offline');
    expect(classifyLoadError(new Error('Error (500) occurred while trying to load file'), hub, true).reason).toBe('download');
    expect(classifyLoadError(new Error('failed to allocate a buffer'), hub, true).reason).toBe('out-of-memory');
    expect(classifyLoadError(new Error('something else'), hub, true)).toMatchObject({ reason: 'unexpected', detail: 'something else' });
    expect(classifyRunError(new Error('GPU out of memory')).reason).toBe('out-of-memory');
    expect(classifyRunError(new Error('bad shape')).reason).toBe('inference');
  });

  it('crosses the worker boundary unchanged', () => {
    const e = new DepthModelError('offline', 'msg', 'detail');
    expect(fromErrorData(structuredClone(toErrorData(e)))).toMatchObject({ reason: 'offline', message: 'msg', detail: 'detail', name: 'DepthModelError' });
  });
});
