/**
 * Why a backend was passed over, as codes, and their English words: written once here for the engine's
 * errors (CLI, logs) and the English page; the Spanish page words the codes itself (strings.ts). No tfjs
 * import, so the page bundle can use it.
 */

/** A GPU backend that would run in software: WebGPU's fallback adapter, or WebGL on a named software renderer. */
export type SoftwareGpu = { readonly api: 'webgpu' } | { readonly api: 'webgl'; readonly renderer: string };

/** Why a candidate was passed over. */
export type AttemptWhy =
  | { readonly code: 'software'; readonly gpu: SoftwareGpu }
  | { readonly code: 'unavailable' }
  | { readonly code: 'init-failed' }
  | { readonly code: 'probe'; readonly detail: string };

/** A software GPU in one English line. */
export const softwareGpuText = (s: SoftwareGpu): string => (s.api === 'webgpu' ? 'WebGPU has only a software (fallback) adapter' : `WebGL renders in software (${s.renderer})`);

/** A reason in one English line. */
export function attemptText(why: AttemptWhy): string {
  switch (why.code) {
    case 'software':
      return `${softwareGpuText(why.gpu)}: slower than wasm, skipped`;
    case 'unavailable':
      return 'not available in this environment';
    case 'init-failed':
      return 'failed to initialise';
    case 'probe':
      return why.detail;
  }
}
