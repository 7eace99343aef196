/**
 * The six labels, in the network's output order (RSNA 2019 intracranial haemorrhage challenge). A leaf
 * module: the model (src/model/arch.ts) and the phantom generator (src/phantom/) both import it, so the
 * phantoms need nothing from the engine.
 */
export const LABELS = ['any', 'epidural', 'intraparenchymal', 'intraventricular', 'subarachnoid', 'subdural'] as const;
export type Label = (typeof LABELS)[number];
