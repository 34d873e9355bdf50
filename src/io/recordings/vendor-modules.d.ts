// Types for lz4js (runtime) and compressjs's bzip2 (the fixture generator's compressor), which ship none.
declare module 'lz4js' {
  /** Decodes one LZ4 frame into `dst`; returns how many bytes it produced (writes past the end are dropped). */
  export function decompressFrame(src: Uint8Array, dst: Uint8Array): number;
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
  const lz4: { decompressFrame: typeof decompressFrame; compress: typeof compress };
  export default lz4;
}

declare module 'compressjs/lib/Bzip2.js' {
  const Bzip2: {
    compressFile(input: Uint8Array, output?: unknown, blockSizeMultiplier?: number): Uint8Array;
  };
  export default Bzip2;
}
