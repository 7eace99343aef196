/** Types of the codec packages, which ship none: the emscripten factories of @cornerstonejs and the JPEG Lossless decoder. */

/** What every @cornerstonejs decoder exposes (their README "API"). */
interface EmscriptenImageDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

type EmscriptenFactory = (opts?: { locateFile?: (file: string, dir: string) => string; print?: (s: string) => void; printErr?: (s: string) => void }) => Promise<Record<string, new () => EmscriptenImageDecoder>>;

declare module '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs' {
  const factory: EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-charls/decodewasmjs' {
  const factory: EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjpeg/decodewasmjs' {
  const factory: EmscriptenFactory;
  export default factory;
}
declare module '@cornerstonejs/codec-openjph/wasmjs' {
  const factory: EmscriptenFactory;
  export default factory;
}
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    /** Decode one JPEG Lossless (ITU T.81 process 14) image; returns its samples, 1 or 2 bytes each. */
    decode(buffer: ArrayBufferLike, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array | Int16Array;
  }
}
