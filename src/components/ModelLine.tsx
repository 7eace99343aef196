/** The explorer's footer: the backend that runs (threads, software GPU, what was passed over and why), the timings of the map on show, and whether the weights are trained. */
import type { ExplorerModel } from './use-explorer';

export function ModelLine({ x }: { readonly x: ExplorerModel }) {
  const { t, info, state, forward, latency } = x;
  if (!info) return null;
  return (
    <p class="ex-model">
      <span class="ex-backend">
        {t.backend}: <strong>{info.backend}</strong>
        {info.threads && (
          <span class="ex-threads" data-threads={info.threads.count}>
            {' '}(
            {[
              `${t.threads(info.threads.count)}${info.threads.reason ? `: ${t.oneThreadWhy[info.threads.reason]}` : info.threads.asked ? `: ${t.threadsLowered(info.threads.asked)}` : ''}`,
              info.threads.ignored !== undefined ? t.threadsIgnored(info.threads.ignored) : '',
            ]
              .filter((s) => s)
              .join('; ')}
            )
          </span>
        )}
        {info.software && <span class="ex-software"> ({t.softwareBackend(t.softwareGpu(info.software))})</span>}
        {info.tried.filter((a) => !a.ok).length > 0 && <> ({t.tried}: {info.tried.filter((a) => !a.ok).map((a) => `${a.name} — ${t.attemptWhy(a.why, a.error ?? '')}`).join('; ')})</>}
      </span>
      {/* Timings on a line of their own, as one text: only the method on show (the grid's tiles carry
          their own), so a method switch rewrites this line and moves nothing. */}
      <span class="ex-timings">
        {[
          forward ? `${t.forward} ${t.latency(forward.r.forwardMs)}` : '',
          !state.grid && latency[state.method] ? `${t.methods[state.method]} ${t.mapTime(latency[state.method])}` : '',
        ]
          .filter((s) => s)
          .join(' · ')}
      </span>
      <span class={info.weights === 'trained' ? 'ex-trained' : 'ex-untrained'}>{info.weights === 'trained' ? t.trained : t.untrained}</span>
    </p>
  );
}
