/** coi-serviceworker's script name at the site's base (see cross-origin-isolation.ts; Base.astro loads it). */
export const COI_SCRIPT = 'coi-serviceworker.min.js';
