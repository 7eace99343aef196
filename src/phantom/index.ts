/** Public API of the procedural head-CT phantom (see README.md in this folder). */
export { generatePhantom, subtypeMask, labelsFromMasks } from './generate';
export type { Phantom, PhantomMeta, PhantomOptions, PhantomSize } from './generate';
export { SUBTYPES, subtypeBit } from './bleeds';
export type { Subtype, Bleed } from './bleeds';
export { Tissue } from './tissue';
export { HU_MIN, HU_MAX } from './finish';
