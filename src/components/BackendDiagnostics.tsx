/**
 * Diagnostics island: runs a tiny network of the same operations as the ResNet34 on every browser
 * backend and shows whether each one works and agrees with the cpu backend. The compute module loads
 * only when the reader presses the button (or `?run=1` is in the URL, for tests).
 */
import { useEffect, useState } from 'preact/hooks';
import type { BackendCheck } from '../diagnostics/backend-check';

const BACKENDS = ['webgpu', 'webgl', 'wasm'] as const;

type State =
  | { phase: 'idle' }
  | { phase: 'running'; step: string }
  | { phase: 'done'; results: BackendCheck[]; kernels: readonly string[] }
  | { phase: 'error'; message: string };

async function run(onProgress: (step: string) => void): Promise<State> {
  const [{ checkBackends }, { WASM_URLS }] = await Promise.all([import('../diagnostics/backend-check'), import('../model/wasm-urls')]);
  const { results, kernels } = await checkBackends(BACKENDS, { wasmPaths: WASM_URLS, onProgress });
  return { phase: 'done', results, kernels };
}

export default function BackendDiagnostics() {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const start = (): void => {
    const progress = (step: string): void => setState({ phase: 'running', step });
    progress('loading');
    run(progress).then(setState, (e: unknown) => setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) }));
  };
  useEffect(() => {
    if (new URLSearchParams(location.search).get('run') === '1') start();
  }, []);

  return (
    <section class="diagnostics" data-state={state.phase} aria-busy={state.phase === 'running'}>
      <button type="button" onClick={start} disabled={state.phase === 'running'}>
        {state.phase === 'running' ? `Checking ${state.step}…` : 'Check this browser’s backends'}
      </button>
      <div aria-live="polite">
        {state.phase === 'error' && <p role="alert">The check itself failed: {state.message}</p>}
        {state.phase === 'done' && (
          <>
            <table>
              <caption>Each backend against the cpu backend (largest relative difference over the logits and all five maps)</caption>
              <thead>
                <tr>
                  <th scope="col">Backend</th>
                  <th scope="col">Works</th>
                  <th scope="col">Largest difference</th>
                  <th scope="col">Time</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {state.results.map((r) => {
                  const worst = Math.max(0, ...Object.values(r.relativeDiff));
                  return (
                    <tr key={r.backend} data-backend={r.backend} data-ok={String(r.ok)} data-max-diff={String(worst)} data-missing={r.missingKernels.join(',')}>
                      <th scope="row">{r.backend}</th>
                      <td>{r.ok ? 'yes' : 'no'}</td>
                      <td>{Object.keys(r.relativeDiff).length ? worst.toExponential(1) : '—'}</td>
                      <td>{(r.ms / 1000).toFixed(1)} s</td>
                      <td>{r.error ?? ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p>Kernels the network uses: {state.kernels.join(', ')}.</p>
          </>
        )}
      </div>
    </section>
  );
}
