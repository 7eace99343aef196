/** Why a backend was passed over, in the page's language: the codes are worded, tfjs's own text is kept. */
import { describe, expect, it } from 'vitest';
import { strings } from '../../../src/components/strings';

describe('attemptWhy and softwareGpu', () => {
  it('words every code in English as the engine does, and in Spanish', () => {
    const en = strings('en');
    const es = strings('es');
    const webgl = { code: 'software', gpu: { api: 'webgl', renderer: 'ANGLE (SwiftShader)' } } as const;
    expect(en.attemptWhy(webgl, 'x')).toBe('WebGL renders in software (ANGLE (SwiftShader)): slower than wasm, skipped');
    expect(es.attemptWhy(webgl, 'x')).toBe('WebGL dibuja por software (ANGLE (SwiftShader)): más lento que wasm, descartado');
    expect(en.attemptWhy({ code: 'software', gpu: { api: 'webgpu' } }, 'x')).toBe('WebGPU has only a software (fallback) adapter: slower than wasm, skipped');
    expect(es.attemptWhy({ code: 'unavailable' }, 'x')).toBe('no disponible en este entorno');
    expect(es.attemptWhy({ code: 'init-failed' }, 'x')).toBe('no se pudo iniciar');
    expect(es.attemptWhy({ code: 'probe', detail: 'probe forward[3] = 2, expected 3' }, 'x')).toBe('dio números erróneos en la red de prueba (probe forward[3] = 2, expected 3)');
    // No code: tfjs's own message, as it came.
    expect(es.attemptWhy(undefined, 'WebAssembly.instantiate(): out of memory')).toBe('WebAssembly.instantiate(): out of memory');
    expect(es.softwareGpu({ api: 'webgpu' })).toBe('WebGPU solo tiene un adaptador por software (de reserva)');
  });
});
