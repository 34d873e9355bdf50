/**
 * What the GPU filter chain needs of one kernel: record it into a command
 * encoder, from one depth buffer (f32 per pixel, metres or 1/m, NaN = no depth)
 * into another, with the parameters of its CPU reference. A stage owns its
 * uniform buffers and any scratch or state buffers, creates them once (again
 * only when the size changes), and never reads anything back to the CPU.
 */
export interface Size {
  width: number;
  height: number;
}

export interface GpuStage<P> {
  /** Size of the output for an input of `size` (only decimation changes it). */
  outputSize(size: Size, params: P): Size;
  /**
   * Writes the stage's uniforms (queue.writeBuffer) and records its passes:
   * reads `input` (size.width x size.height values), writes `output`
   * (outputSize values). `input` and `output` are different buffers; `input` is
   * not modified. Called at most once per stage per submitted encoder.
   */
  encode(encoder: GPUCommandEncoder, input: GPUBuffer, output: GPUBuffer, size: Size, params: P): void;
  destroy(): void;
}

/** A stage that carries state from frame to frame (the temporal filter). */
export interface GpuStatefulStage<P> extends GpuStage<P> {
  /**
   * encode() reads the state from before the current frame and writes the state
   * after it, so re-running the same frame (a parameter changed) gives the same
   * result. advance() makes the last encoded frame's state the one the next
   * frame starts from; call it after submitting a new frame.
   */
  advance(): void;
  /** Forgets every frame: the next one starts with no history. */
  reset(): void;
}
