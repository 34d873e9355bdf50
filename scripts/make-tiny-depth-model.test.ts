/**
 * The tiny stand-in for Depth Anything: its ONNX files parse back with the
 * graph transformers.js expects, ONNX Runtime (its CPU build for Node) computes
 * the documented function with them, and the committed files are exactly what
 * the generator writes (so `npm run models` is their source).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import onnxProto from 'onnx-proto';
import ort from 'onnxruntime-node';
import {
  TINY_METRIC_MODEL_DIR,
  TINY_MODEL_DIR,
  TINY_MODEL_OFFSET,
  TINY_MODEL_OPSET,
  TINY_MODEL_SCALE,
  float16Bits,
  tinyDepthModel,
  tinyDepthModelFiles,
} from './make-tiny-depth-model';

const { onnx } = onnxProto;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Dim { dimParam: string }
interface ValueInfo { name: string; type: { tensorType: { elemType: number; shape: { dim: Dim[] } } } }
interface Attribute { name: string; i: number; ints: number[] }
interface Tensor { dataType: number; floatData: number[]; rawData: Uint8Array }
interface Graph { input: ValueInfo[]; output: ValueInfo[]; node: { opType: string; attribute: Attribute[] }[]; initializer: Tensor[] }
interface Model { opsetImport: { domain: string; version: number }[]; graph: Graph }

/** The file parsed back by protobufjs, as plain data with every field present (ONNX's int64s as numbers). */
function parse(bytes: Uint8Array): Model {
  return onnx.ModelProto.toObject(onnx.ModelProto.decode(bytes), { defaults: true, arrays: true, longs: Number }) as Model;
}

function shapeOf(v: ValueInfo): { elemType: number; dims: string[] } {
  const t = v.type.tensorType;
  return { elemType: t.elemType, dims: t.shape.dim.map((d) => d.dimParam) };
}

/** The model's expectation, computed here from first principles on NCHW float32 data. */
function expectedDepth(pixels: Float32Array, [n, c, h, w]: number[]): number[] {
  const out: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h * w; i++) {
      let sum = 0;
      for (let ch = 0; ch < c; ch++) sum += pixels[(b * c + ch) * h * w + i];
      out.push(TINY_MODEL_SCALE * (sum / c) + TINY_MODEL_OFFSET);
    }
  return out;
}

describe('tiny depth model', () => {
  it('has Depth Anything\'s input and output: pixel_values [batch, 3, h, w] -> predicted_depth [batch, h, w], float32', () => {
    for (const precision of ['fp32', 'fp16'] as const) {
      const model = parse(tinyDepthModel(precision));
      expect(model.opsetImport.map((o) => [o.domain, o.version])).toEqual([['', TINY_MODEL_OPSET]]);
      const g = model.graph;
      expect(g.input.map((v) => [v.name, shapeOf(v)])).toEqual([
        ['pixel_values', { elemType: onnx.TensorProto.DataType.FLOAT, dims: ['batch_size', 'num_channels', 'height', 'width'] }],
      ]);
      expect(g.output.map((v) => [v.name, shapeOf(v)])).toEqual([
        ['predicted_depth', { elemType: onnx.TensorProto.DataType.FLOAT, dims: ['batch_size', 'height', 'width'] }],
      ]);
      const ops = g.node.map((n) => n.opType);
      expect(ops).toEqual(precision === 'fp32' ? ['ReduceMean', 'Mul', 'Add'] : ['Cast', 'ReduceMean', 'Mul', 'Add', 'Cast']);
      const mean = g.node.find((n) => n.opType === 'ReduceMean')!;
      expect(mean.attribute.map((a) => [a.name, a.ints, a.i])).toEqual([
        ['axes', [1], 0],
        ['keepdims', [], 0],
      ]);
    }
  });

  it('keeps its constants in the precision of the file', () => {
    const constants = (precision: 'fp32' | 'fp16') =>
      parse(tinyDepthModel(precision)).graph.initializer.map((t) =>
        t.dataType === onnx.TensorProto.DataType.FLOAT ? t.floatData[0] : new DataView(t.rawData.buffer, t.rawData.byteOffset).getUint16(0, true),
      );
    expect(constants('fp32')).toEqual([TINY_MODEL_SCALE, TINY_MODEL_OFFSET]);
    expect(constants('fp16')).toEqual([float16Bits(TINY_MODEL_SCALE), float16Bits(TINY_MODEL_OFFSET)]);
  });

  it('float16Bits gives IEEE half-precision bits and refuses what would need rounding', () => {
    expect([1, 2, 5, -2, 0.5, 65504, 2 ** -14, 0].map(float16Bits)).toEqual([0x3c00, 0x4000, 0x4500, 0xc000, 0x3800, 0x7bff, 0x0400, 0]);
    expect(() => float16Bits(0.1)).toThrow(/not exact/);
    expect(() => float16Bits(1e6)).toThrow(/not exact/);
  });

  it('computes SCALE * channel mean + OFFSET in ONNX Runtime, at any batch and size, in fp32 and fp16', async () => {
    const dims = [2, 3, 5, 7];
    const pixels = Float32Array.from({ length: 2 * 3 * 5 * 7 }, (_, i) => Math.sin(i) * 2);
    const want = expectedDepth(pixels, dims);
    for (const [precision, tolerance] of [
      ['fp32', 1e-6], // float32 rounding of a three-term mean
      ['fp16', 5e-3], // float16 keeps 11 bits: half an ulp at |x| < 8 is 2^-9 ≈ 0.002, twice (mean, then scale and offset)
    ] as const) {
      const session = await ort.InferenceSession.create(tinyDepthModel(precision));
      const out = await session.run({ pixel_values: new ort.Tensor('float32', pixels, dims) });
      const depth = out.predicted_depth;
      expect([precision, depth.type, depth.dims]).toEqual([precision, 'float32', [2, 5, 7]]);
      const got = Array.from(depth.data as Float32Array);
      const worst = Math.max(...got.map((v, i) => Math.abs(v - want[i])));
      expect(worst, precision).toBeLessThanOrEqual(tolerance);
      await session.release();
    }
  });

  it('the committed folders hold exactly what the generator writes, relative and metric', () => {
    for (const [dir, kind] of [[TINY_MODEL_DIR, 'relative'], [TINY_METRIC_MODEL_DIR, 'metric']] as const) {
      for (const [name, bytes] of tinyDepthModelFiles(kind)) {
        expect(new Uint8Array(readFileSync(path.join(root, dir, name))), `${dir}/${name}`).toEqual(bytes);
      }
      const config = JSON.parse(readFileSync(path.join(root, dir, 'config.json'), 'utf8'));
      expect([config.model_type, config.architectures, config.depth_estimation_type]).toEqual(['depth_anything', ['DepthAnythingForDepthEstimation'], kind]);
    }
  });
});
