/**
 * What a frame decoder is told and what it gives back: shared by the native reader (./frame.ts), the
 * RLE decoder (./rle.ts) and the codecs (./codecs.ts), so none of them imports another for its types.
 */

/** What the decoder needs to know about the frame, from the data set. */
export interface FrameGeometry {
  readonly rows: number;
  readonly columns: number;
  /** 8, 16 or 32 (native only). */
  readonly bitsAllocated: number;
}

/** A decoded frame: stored values (not yet masked to Bits Stored, not sign-extended). */
export type StoredValues = Uint8Array | Uint16Array | Uint32Array;
