/** Test helper: the SliceError code a file decodes to, or null when it decodes. */
import { decodeSlice } from '../../../src/ct/decode';
import { SliceError, type DecodeOptions, type SliceErrorCode } from '../../../src/ct/slice';

export async function codeOf(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<SliceErrorCode | null> {
  try {
    await decodeSlice(bytes, opts);
    return null;
  } catch (e) {
    if (e instanceof SliceError) return e.code;
    throw e;
  }
}
