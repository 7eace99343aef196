/** coi-serviceworker's script name at the site's base: Base.astro loads it, the build (src/build/cross-origin-isolation.ts) copies it there. */
export const COI_SCRIPT = 'coi-serviceworker.min.js';
