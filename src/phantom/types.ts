/**
 * Parameter types shared by the phantom's sampler, renderer and bleed painter. All lengths are in mm,
 * all densities in HU, angles in radians in the head frame (u to the image right, v posterior/down,
 * theta = atan2(v, u), so anterior midline is theta = -pi/2).
 */

/** A 3-D ellipsoid (or capsule) whose axial cross-section at the slice level is painted. */
export interface Prim {
  readonly shape: 'ellipse' | 'capsule';
  /** Centre (capsule: first end point), mm in the head frame. */
  readonly cx: number;
  readonly cy: number;
  /** Capsule second end point, mm (ignored for ellipses). */
  readonly x2: number;
  readonly y2: number;
  /** Semi-axes, mm (capsule: radius = rx); already scaled to this slice's cross-section. */
  readonly rx: number;
  readonly ry: number;
  /** Rotation of the rx axis from +u, radians. */
  readonly angle: number;
  readonly hu: number;
  readonly tissue: number;
  /** Bit set of tissue codes this primitive may overwrite. */
  readonly within: number;
  /** 'brain' primitives follow the midline-shift warp; 'head' ones (bone, face) do not. */
  readonly frame: 'brain' | 'head';
  /** Amplitude (HU) of a fine texture (marrow, folia); 0 for none. */
  readonly texture: number;
}

/** Tissue densities drawn once per slice (HU). */
export interface Densities {
  readonly grey: number;
  readonly white: number;
  readonly deepGrey: number;
  readonly csf: number;
  readonly cortical: number;
  readonly diploe: number;
  readonly skin: number;
  readonly fat: number;
  readonly muscle: number;
}

/** Everything about one slice's normal anatomy, independent of the output size. */
export interface Anatomy {
  /** Slice level: 0 skull base (orbits) .. 1 vertex. */
  readonly z: number;
  readonly levelName: string;
  /** Head centre offset from the image centre, mm, and in-plane rotation, radians. */
  readonly cx: number;
  readonly cy: number;
  readonly rot: number;
  /** Inner-table radius, skull thickness, scalp thickness per angle bin (ANGLE_BINS entries, mm). */
  readonly rIn: Float64Array;
  readonly skullT: Float64Array;
  readonly scalpT: Float64Array;
  readonly fatT: number;
  /** Cavity semi-axes at this level (mm), used to place structures. */
  readonly a: number;
  readonly b: number;
  readonly hu: Densities;
  readonly sulci: { readonly count: number; readonly width: number; readonly depth: number; readonly wiggle: number; readonly sas: number };
  /** Suture angles (theta) in the skull at this level: an epidural haematoma never crosses one. */
  readonly sutures: readonly number[];
  /** Structures painted after the base pass, in order. */
  readonly prims: Prim[];
  readonly table: { readonly y: number; readonly radius: number; readonly hu: number; readonly halfWidth: number };
  /** Pixel-noise standard deviation at 0.45 mm pixels (HU). */
  readonly noiseSd: number;
  readonly streaks: readonly { readonly angle: number; readonly offset: number; readonly amp: number; readonly width: number }[];
  readonly seed: number;
}

/** Number of angle bins of the radial profiles. */
export const ANGLE_BINS = 720;
/** Field of view, mm (512 pixels of 0.45 mm). */
export const FOV_MM = 230.4;
