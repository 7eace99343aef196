/** Under the picker, for the reader's own file: how it was read, and anything that looked wrong in it. */
import type { Lang } from '../i18n/langs';
import { sliceWarningText } from '../i18n/slice-messages';
import type { FileFacts } from './slices';
import type { ExplorerStrings } from './strings';

export function FileFactsNote({ t, lang, facts }: { t: ExplorerStrings; lang: Lang; facts: FileFacts }) {
  const [w0, h0] = facts.size;
  const [ws, hs] = facts.squareSize;
  const w = facts.windowUsed;
  const parts: string[] = [t.readAs[facts.source], t.fileSize(w0, h0, ws !== w0 || hs !== h0 ? `${ws}×${hs}` : null), t.huRange(Math.round(facts.huRange[0]), Math.round(facts.huRange[1]))];
  if (w) parts.push(facts.windowEstimated ? t.windowEstimated(w.level, w.width) : t.windowGiven(w.level, w.width));
  if (facts.frame) parts.push(t.frameOf(facts.frame.index + 1, facts.frame.count));
  return (
    <div
      class="ex-file"
      data-warnings={facts.warnings.map((x) => x.code).join(' ')}
      data-size={facts.size.join('x')}
      data-square-size={facts.squareSize.join('x')}
      data-hu-range={facts.huRange.join(',')}
      data-window={w ? `${w.level},${w.width}${facts.windowEstimated ? ',estimated' : ''}` : ''}
    >
      <p class="ex-file-read">{parts.join(' · ')}</p>
      {facts.warnings.length > 0 && (
        <div class="ex-warnings" role="status">
          <strong>{t.fileWarnings}</strong>
          <ul>
            {facts.warnings.map((x) => (
              <li key={x.code}>{sliceWarningText(lang, x.code, x.params)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
