/**
 * Binary glTF 2.0 (.glb) of one triangle mesh: positions, optional normals and
 * vertex colours, and 32-bit indices, in one buffer, with a plain
 * double-sided material so the colours show as recorded. A small writer rather
 * than three.js's GLTFExporter: the exporter needs a scene graph and, for
 * binary output, FileReader, and the io layer stays free of three.js and the
 * DOM. src/io/encode-glb.test.ts reads every file back with three's GLTFLoader.
 *
 * Layout rules of the spec kept here: every bufferView starts on a 4-byte
 * boundary, vertex attribute elements are multiples of 4 bytes (colours as
 * RGBA8, normalized), POSITION carries min and max, chunks are padded (JSON
 * with spaces, BIN with zeros).
 */
import type { MeshForExport } from '../core/mesh-export';
import { asciiBytes } from './encode-checks';


const FLOAT = 5126;
const UNSIGNED_BYTE = 5121;
const UNSIGNED_INT = 5125;
const ARRAY_BUFFER = 34962;
const ELEMENT_ARRAY_BUFFER = 34963;

const pad4 = (n: number) => (n + 3) & ~3;

export function encodeGlb(mesh: MeshForExport, generator = 'Depthscope'): Uint8Array {
  const n = mesh.positions.length / 3;
  if (!Number.isInteger(n)) throw new RangeError(`encodeGlb: ${mesh.positions.length} position values is not a multiple of 3`);
  if (mesh.normals && mesh.normals.length !== 3 * n) throw new RangeError(`encodeGlb: ${mesh.normals.length} normal values for ${n} vertices`);
  if (mesh.colors && mesh.colors.length !== 3 * n) throw new RangeError(`encodeGlb: ${mesh.colors.length} colour values for ${n} vertices`);
  if (mesh.faces.length % 3 !== 0) throw new RangeError(`encodeGlb: ${mesh.faces.length} indices is not a multiple of 3`);
  for (const i of mesh.faces) if (i >= n) throw new RangeError(`encodeGlb: index ${i} of ${n} vertices`);
  if (!mesh.positions.every(Number.isFinite)) throw new RangeError('encodeGlb: a vertex is not finite');

  const parts: { bytes: Uint8Array; target: number }[] = [];
  const accessors: object[] = [];
  const attributes: Record<string, number> = {};
  const add = (bytes: Uint8Array, target: number, accessor: object) => {
    parts.push({ bytes, target });
    accessors.push({ bufferView: parts.length - 1, ...accessor });
    return accessors.length - 1;
  };
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < mesh.positions.length; i++) {
    min[i % 3] = Math.min(min[i % 3], mesh.positions[i]);
    max[i % 3] = Math.max(max[i % 3], mesh.positions[i]);
  }
  const f32 = (a: Float32Array) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  attributes.POSITION = add(f32(mesh.positions), ARRAY_BUFFER, { componentType: FLOAT, count: n, type: 'VEC3', ...(n ? { min, max } : { min: [0, 0, 0], max: [0, 0, 0] }) });
  if (mesh.normals) attributes.NORMAL = add(f32(mesh.normals), ARRAY_BUFFER, { componentType: FLOAT, count: n, type: 'VEC3' });
  if (mesh.colors) {
    const rgba = new Uint8Array(4 * n).fill(255);
    for (let i = 0; i < n; i++) rgba.set(mesh.colors.subarray(3 * i, 3 * i + 3), 4 * i);
    attributes.COLOR_0 = add(rgba, ARRAY_BUFFER, { componentType: UNSIGNED_BYTE, normalized: true, count: n, type: 'VEC4' });
  }
  const indices = add(new Uint8Array(Uint32Array.from(mesh.faces).buffer), ELEMENT_ARRAY_BUFFER, { componentType: UNSIGNED_INT, count: mesh.faces.length, type: 'SCALAR' });

  let offset = 0;
  const bufferViews = parts.map((p) => {
    const view = { buffer: 0, byteOffset: offset, byteLength: p.bytes.length, target: p.target };
    offset = pad4(offset + p.bytes.length);
    return view;
  });
  const binLength = offset;
  const json = {
    asset: { version: '2.0', generator },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0 }],
    meshes: [{ primitives: [{ attributes, indices, material: 0, mode: 4 }] }],
    materials: [{ pbrMetallicRoughness: { baseColorFactor: [1, 1, 1, 1], metallicFactor: 0, roughnessFactor: 1 }, doubleSided: true }],
    accessors,
    bufferViews,
    buffers: [{ byteLength: binLength }],
  };
  const jsonText = JSON.stringify(json);
  const jsonBytes = asciiBytes(jsonText.padEnd(pad4(jsonText.length), ' '));
  const total = 12 + 8 + jsonBytes.length + 8 + binLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x46546c67, true); // "glTF"
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonBytes.length, true);
  view.setUint32(16, 0x4e4f534a, true); // "JSON"
  out.set(jsonBytes, 20);
  const binAt = 20 + jsonBytes.length;
  view.setUint32(binAt, binLength, true);
  view.setUint32(binAt + 4, 0x004e4942, true); // "BIN\0"
  parts.forEach((p, k) => out.set(p.bytes, binAt + 8 + bufferViews[k].byteOffset));
  return out;
}
