/**
 * Copies GPU data back to the CPU. For tests, exports and benchmarks only:
 * the per-frame path never reads back.
 */

/** Copies a texture back to the CPU. For tests and exports only, never per frame. */
export async function readTextureRgba8(device: GPUDevice, texture: GPUTexture): Promise<Uint8Array> {
  const { width, height } = texture;
  const bytesPerRow = Math.ceil((width * 4) / 256) * 256;
  const buffer = device.createBuffer({
    label: 'readback',
    size: bytesPerRow * height,
    usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
  });
  const encoder = device.createCommandEncoder({ label: 'readback' });
  encoder.copyTextureToBuffer({ texture }, { buffer, bytesPerRow }, { width, height });
  device.queue.submit([encoder.finish()]);
  await buffer.mapAsync(GPUMapMode.READ);
  const padded = new Uint8Array(buffer.getMappedRange());
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) out.set(padded.subarray(y * bytesPerRow, y * bytesPerRow + width * 4), y * width * 4);
  buffer.unmap();
  buffer.destroy();
  return out;
}

/** Copies a storage buffer of `count` f32 back to the CPU. */
export async function readBufferF32(device: GPUDevice, source: GPUBuffer, count: number): Promise<Float32Array> {
  const staging = device.createBuffer({ label: 'readback-f32', size: count * 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const encoder = device.createCommandEncoder({ label: 'readback-f32' });
  encoder.copyBufferToBuffer(source, 0, staging, 0, count * 4);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  staging.destroy();
  return out;
}

/** A storage buffer holding `data`, for kernel inputs in tests and benchmarks. */
export function uploadF32(device: GPUDevice, data: Float32Array, label: string): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: Math.max(4, data.byteLength),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
  });
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** Reads one f32 of a storage buffer: what a probe of a GPU-only image costs (4 bytes, not the frame). */
export async function readOneF32(device: GPUDevice, source: GPUBuffer, index: number): Promise<number> {
  const staging = device.createBuffer({ label: 'readback-pixel', size: 4, usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ });
  const encoder = device.createCommandEncoder({ label: 'readback-pixel' });
  encoder.copyBufferToBuffer(source, index * 4, staging, 0, 4);
  device.queue.submit([encoder.finish()]);
  try {
    await staging.mapAsync(GPUMapMode.READ);
    return new Float32Array(staging.getMappedRange())[0];
  } finally {
    staging.destroy();
  }
}
