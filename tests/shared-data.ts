/**
 * The real CT-ICH slices (Hssayeni et al., PhysioNet) in ../shared/data beside this checkout, as laid out
 * for developers and CI. Read in place; never copied into the project. Tests skip where it is absent.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const repo = fileURLToPath(new URL('..', import.meta.url));

export const REAL_DICOM_DIR = process.env['ICH_SHARED_DICOM'] ?? join(repo, '..', 'shared', 'data', 'ctich-dicom', 'hemo_subset');

/** Small failing inputs found by trying the product (../shared/cases/decoding/, README there). */
export const CASES_DIR = process.env['ICH_SHARED_CASES'] ?? join(repo, '..', 'shared', 'cases', 'decoding');
