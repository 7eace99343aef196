import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { asTfjsCores, backendFromUrl, BACKENDS, checkProbe, defaultWasmThreads, initBackend, parseThreads, PROBE, runProbe, type ProbeFn } from '../../../src/model/backend';

/** The probe network by plain loops: conv 2x2 'valid' + bias, relu, max-pool 2x2/2, Σ w·y, and its input gradient. */
function probeByHand(): { forward: number[]; gradient: number[] } {
  const x = PROBE.input;
  const k = (a: number, b: number, o: number): number => PROBE.kernel[(a * 2 + b) * 2 + o] as number;
  const pre = (i: number, j: number, o: number): number => {
    let s = PROBE.bias[o] as number;
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) s += (x[(i + a) * 5 + j + b] as number) * k(a, b, o);
    return s;
  };
  const forward: number[] = [];
  const gradient = new Array<number>(25).fill(0);
  for (let pi = 0; pi < 2; pi++)
    for (let pj = 0; pj < 2; pj++)
      for (let o = 0; o < 2; o++) {
        let best = [-Infinity, 0, 0];
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++) {
            const v = Math.max(pre(pi * 2 + a, pj * 2 + b, o), 0);
            if (v > (best[0] as number)) best = [v, pi * 2 + a, pj * 2 + b];
          }
        const [v, bi, bj] = best as [number, number, number];
        forward.push(v);
        const dy = PROBE.lossWeights[(pi * 2 + pj) * 2 + o] as number;
        if (pre(bi, bj, o) > 0)
          for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) gradient[(bi + a) * 5 + bj + b] = (gradient[(bi + a) * 5 + bj + b] as number) + dy * k(a, b, o);
      }
  return { forward, gradient };
}

describe('backend probe', () => {
  it('PROBE expectations equal a plain-loop computation', () => {
    const ref = probeByHand();
    expect(ref.forward).toEqual([...PROBE.forward]);
    expect(ref.gradient).toEqual([...PROBE.gradient]);
  });

  it('checkProbe flags one wrong number and accepts small float error', () => {
    expect(checkProbe({ forward: PROBE.forward.map((v) => v * (1 + 1e-4)), gradient: PROBE.gradient })).toBeNull();
    const bad = [...PROBE.gradient];
    bad[17] = 36;
    expect(checkProbe({ forward: PROBE.forward, gradient: bad })).toBe('probe gradient[17] = 36, expected 37');
  });
});

describe('initBackend in Node', () => {
  it('default order: webgpu and webgl are not available, wasm passes the probe', async () => {
    const choice = await initBackend();
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.tried).toEqual([
      { name: 'webgpu', ok: false, error: 'not available in this environment', why: { code: 'unavailable' } },
      { name: 'webgl', ok: false, error: 'not available in this environment', why: { code: 'unavailable' } },
      { name: 'wasm', ok: true },
    ]);
  });

  it('cpu passes the probe, and the probe leaves no tensors', async () => {
    expect((await initBackend({ candidates: ['cpu'] })).name).toBe('cpu');
    const before = tf.memory().numTensors;
    await runProbe();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a probe that fails on purpose on wasm falls through to cpu', async () => {
    const probe: ProbeFn = async () => {
      if (tf.getBackend() === 'wasm') throw new Error('deliberate failure');
      return runProbe();
    };
    const choice = await initBackend({ candidates: ['wasm', 'cpu'], probe });
    expect(choice).toEqual({ name: 'cpu', tried: [{ name: 'wasm', ok: false, error: 'deliberate failure' }, { name: 'cpu', ok: true }] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('wrong numbers fall through (wasm fed a changed input), with the first differing value', async () => {
    const changed = PROBE.input.map((v, i) => (i === 6 ? v + 1 : v));
    const probe: ProbeFn = () => runProbe(tf.getBackend() === 'wasm' ? changed : PROBE.input);
    const choice = await initBackend({ candidates: ['wasm', 'cpu'], probe });
    expect(choice.name).toBe('cpu');
    expect(choice.tried[0]?.error).toMatch(/^probe (forward|gradient)\[\d+\] = -?[\d.]+, expected -?[\d.]+$/);
    expect(choice.tried[0]?.why).toEqual({ code: 'probe', detail: choice.tried[0]?.error });
  });

  it('every candidate failing is an error that lists each reason', async () => {
    const probe: ProbeFn = () => Promise.reject(new Error('no'));
    await expect(initBackend({ candidates: ['cpu'], probe })).rejects.toThrow('No tfjs backend works here (cpu: no)');
  });

  it('preferred is tried first, the rest keep their order', async () => {
    const choice = await initBackend({ preferred: 'cpu' });
    expect(choice.name).toBe('cpu');
    expect(choice.tried).toEqual([{ name: 'cpu', ok: true }]);
    const probe: ProbeFn = () => (tf.getBackend() === 'cpu' ? Promise.reject(new Error('x')) : runProbe());
    expect((await initBackend({ preferred: 'cpu', probe })).tried.map((t) => t.name)).toEqual(['cpu', 'webgpu', 'webgl', 'wasm']);
  });

  it('unknown names are rejected with the list of valid ones', async () => {
    await expect(initBackend({ preferred: 'tpu' })).rejects.toThrow('Unknown backend "tpu"; use one of webgpu, webgl, wasm, cpu');
    await expect(initBackend({ candidates: ['cpu', 'gpu'] })).rejects.toThrow('Unknown backend "gpu" in candidates');
  });
});

describe('WebAssembly threads', () => {
  it('wasm says how many threads it runs and why one (Node: tfjs keeps wasm on one thread there)', async () => {
    const choice = await initBackend({ candidates: ['wasm'] });
    expect(choice.name).toBe('wasm');
    expect(choice.threads).toEqual({ count: 1, reason: 'node', note: 'tfjs runs WebAssembly on one thread in Node' });
    expect((await initBackend({ candidates: ['cpu'] })).threads).toBeUndefined();
  });

  it('?threads= takes a whole number from 1 to 64, and says what is wrong otherwise', () => {
    expect(parseThreads('2')).toBe(2);
    expect(parseThreads('64')).toBe(64);
    expect(parseThreads(null)).toBeUndefined();
    expect(parseThreads('')).toBeUndefined();
    for (const bad of ['0', '65', '1.5', 'two', '-1']) expect(() => parseThreads(bad)).toThrow(`?threads=${bad}: use a whole number from 1 to 64`);
  });

  it('the default is half the logical cores, at most 8, but two wherever there are two', () => {
    expect([0, 1, 2, 3, 4, 6, 8, 12, 16, 32].map(defaultWasmThreads)).toEqual([1, 1, 2, 2, 2, 3, 4, 6, 8, 8]);
  });

  it('an asked count beyond half the logical cores shows tfjs twice that many cores, capped at the real cores and 8', () => {
    // tfjs runs min(asked, 8, floor(shown / 2)) threads (backend.cc init_with_threads_count).
    const runs = (asked: number, cores: number): number => Math.min(asked, 8, Math.floor((asTfjsCores(asked, cores) ?? cores) / 2)) || 1;
    expect(asTfjsCores(undefined, 2)).toBeUndefined(); // tfjs's default: half the cores
    expect(asTfjsCores(2, 2)).toBe(4); // a 2-vCPU machine: two threads, not one
    expect(runs(2, 2)).toBe(2);
    expect(asTfjsCores(3, 2)).toBe(4); // never more threads than logical cores
    expect(runs(3, 2)).toBe(2);
    expect(asTfjsCores(1, 2)).toBeUndefined(); // within tfjs's own cap: nothing to lift
    expect(asTfjsCores(4, 16)).toBeUndefined();
    expect(asTfjsCores(12, 16)).toBeUndefined(); // already 8 by tfjs alone, its own limit
    expect(runs(12, 16)).toBe(8);
    expect(asTfjsCores(2, 1)).toBe(2); // one core: one thread (tfjs alone would compute half of 1 as 0)
    expect(runs(2, 1)).toBe(1);
    expect(asTfjsCores(2, 0)).toBe(2); // a browser that reports nothing counts as one core
  });
});

describe('backendFromUrl', () => {
  it('parses ?backend=, ignores other parameters, rejects unknown names', () => {
    for (const b of BACKENDS) expect(backendFromUrl(`?backend=${b}`)).toBe(b);
    expect(backendFromUrl('?lang=es&backend=WASM')).toBe('wasm');
    expect(backendFromUrl('')).toBeUndefined();
    expect(backendFromUrl('?backend=')).toBeUndefined();
    expect(() => backendFromUrl('?backend=metal')).toThrow('Unknown backend "metal" in ?backend=; use one of webgpu, webgl, wasm, cpu');
  });
});
