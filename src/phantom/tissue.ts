/**
 * Tissue classes of the phantom's anatomy map (one Uint8 per pixel, before bleeds are painted).
 * Tests use them to check where bleeds lie; they are not part of the training shards.
 */
export const Tissue = {
  air: 0,
  table: 1,
  soft: 2, // scalp, fat, muscle, face
  bone: 3,
  sulcalCsf: 4, // convexity subarachnoid space and sulci
  ventricle: 5,
  grey: 6,
  white: 7,
  deepGrey: 8, // basal ganglia, thalami, brainstem, cerebellum
  sinusAir: 9, // paranasal sinuses, mastoid cells
  eye: 10,
  falx: 11,
  calcification: 12,
  cistern: 13, // basal cisterns, Sylvian and interhemispheric fissures
} as const;
export type TissueCode = (typeof Tissue)[keyof typeof Tissue];

/** Bit set of tissue codes, for "paint only within" tests. */
export function tissueSet(...codes: number[]): number {
  let s = 0;
  for (const c of codes) s |= 1 << c;
  return s;
}

/** Brain parenchyma: where an intraparenchymal clot may lie. */
export const PARENCHYMA = tissueSet(Tissue.grey, Tissue.white, Tissue.deepGrey);
/** CSF spaces open to subarachnoid blood. */
export const SUBARACHNOID = tissueSet(Tissue.sulcalCsf, Tissue.cistern);
/** Everything inside the dura: brain, CSF, falx. */
export const INTRACRANIAL = PARENCHYMA | SUBARACHNOID | tissueSet(Tissue.ventricle, Tissue.falx, Tissue.calcification);
/** Every tissue (no restriction). */
export const ANY_TISSUE = 0x7fffffff;
