/** GPU timestamps around a benchmark's compute passes (where the adapter offers timestamp-query). */

/** Gives every compute pass begun on `encoder` timestamp writes: slot 0 at the first pass's start, slot 1 at each pass's end (the last one stays). */
export function timestamped(encoder: GPUCommandEncoder, querySet: GPUQuerySet): GPUCommandEncoder {
  let first = true;
  return new Proxy(encoder, {
    get(target, prop) {
      if (prop === 'beginComputePass') {
        return (desc: GPUComputePassDescriptor = {}) => {
          const timestampWrites: GPUComputePassTimestampWrites = { querySet, endOfPassWriteIndex: 1 };
          if (first) timestampWrites.beginningOfPassWriteIndex = 0;
          first = false;
          return target.beginComputePass({ ...desc, timestampWrites });
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
