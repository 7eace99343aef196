/** Types for exifr's "mini" bundle (JPEG only), which ships without its own declaration file. */
declare module 'exifr/dist/mini.esm.mjs' {
  /** EXIF Orientation (1..8) of a JPEG, or undefined when it has none. */
  export function orientation(data: Uint8Array | ArrayBuffer): Promise<number | undefined>;
}
