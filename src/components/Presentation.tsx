/**
 * Presentation mode (#23 item 1): the main explorer fills the window (present.css: the map at least 80 %
 * of its height, every control in a scrolling column beside it), the page behind is inert and does not
 * scroll, and keyboard shortcuts (shortcuts.ts) change method, label, layer, opacity and slice; a native
 * modal <dialog> lists them ("?"). Escape closes the list, then leaves presentation mode. Outside it the
 * same shortcuts work while the focus is inside the explorer; never while the reader types in a field.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { PresentStrings } from '../i18n/present';
import { keyBelongsToTarget, shortcutFor, SHORTCUT_HELP, type ShortcutAction } from './shortcuts';

export interface Presentation {
  readonly on: boolean;
  readonly toggle: () => void;
  readonly openHelp: () => void;
  readonly help: RefObject<HTMLDialogElement>;
}

/**
 * Presentation mode and the shortcuts for the explorer at `root`.
 * @param enabled false for compact instances: no presentation mode, no shortcuts.
 * @param act runs every shortcut but those of presentation mode itself (present, help, leave).
 */
export function usePresentation(root: RefObject<HTMLElement>, enabled: boolean, act: (a: ShortcutAction) => void): Presentation {
  const [on, setOn] = useState(false);
  const help = useRef<HTMLDialogElement>(null);
  const actRef = useRef(act);
  actRef.current = act;
  const openHelp = (): void => {
    if (help.current && !help.current.open) help.current.showModal();
  };

  // While presenting: everything outside the explorer is inert (no focus, no reading behind the overlay)
  // and the page does not scroll under it.
  useEffect(() => {
    const el = root.current;
    if (!on || !el) return;
    const made: Element[] = [];
    for (let node: Element = el; node.parentElement && node !== document.body; node = node.parentElement) {
      for (const sib of node.parentElement.children) {
        if (sib !== node && !sib.hasAttribute('inert') && sib.tagName !== 'SCRIPT') {
          sib.setAttribute('inert', '');
          made.push(sib);
        }
      }
    }
    document.documentElement.classList.add('ex-presenting');
    // The map first: on a phone (one column) it comes after the slice picker, so scroll down to it.
    const fig = el.querySelector('.ex-figures');
    el.scrollTop = fig ? Math.max(0, fig.getBoundingClientRect().top - el.getBoundingClientRect().top - parseFloat(getComputedStyle(el).paddingTop)) : 0;
    return () => {
      for (const m of made) m.removeAttribute('inert');
      document.documentElement.classList.remove('ex-presenting');
    };
  }, [on]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      // The open list handles its own keys (Escape closes it, natively).
      if (e.defaultPrevented || help.current?.open) return;
      const target = e.target instanceof Element ? e.target : null;
      // Outside presentation mode, only keys pressed inside this explorer are its shortcuts.
      if (!on && !(target && root.current?.contains(target))) return;
      if (keyBelongsToTarget(target as (Element & { type?: string; isContentEditable?: boolean }) | null, e.key)) return;
      const a = shortcutFor(e);
      if (!a || (a.do === 'leave' && !on)) return;
      e.preventDefault();
      if (a.do === 'present') setOn((o) => !o);
      else if (a.do === 'leave') setOn(false);
      else if (a.do === 'help') openHelp();
      else actRef.current(a);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, on]);

  return { on, toggle: () => setOn((o) => !o), openHelp, help };
}

export interface PresentBarProps {
  readonly p: PresentStrings;
  readonly present: Presentation;
  /** The method names in shortcut order (1 to 5). */
  readonly methodNames: readonly string[];
}

/** The presentation toggle, the shortcut list's button, and the list itself as a modal dialog. */
export function PresentBar({ p, present, methodNames }: PresentBarProps) {
  const id = useId();
  return (
    <div class="ex-present-bar">
      <button type="button" class="ex-button ex-present-toggle" aria-keyshortcuts="f" onClick={present.toggle}>
        {present.on ? p.leave : p.enter}
      </button>
      <button type="button" class="ex-button ex-help-button" aria-haspopup="dialog" aria-keyshortcuts="?" onClick={present.openHelp}>
        {p.shortcuts}
      </button>
      <dialog ref={present.help} class="ex-help" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{p.helpTitle}</h2>
        <p>{p.helpWhere}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{p.colKey}</th>
              <th scope="col">{p.colAction}</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUT_HELP.map((s) => (
              <tr key={s.name} data-shortcut={s.name}>
                <td>
                  {s.keys.map((same, i) => (
                    <span key={i}>
                      {i > 0 && ' / '}
                      {same.map((k, j) => (
                        <span key={k}>
                          {j > 0 && ' '}
                          {/^Shift\+./.test(k) ? (
                            <kbd>
                              <kbd>Shift</kbd>+<kbd>{k.slice(6)}</kbd>
                            </kbd>
                          ) : (
                            <kbd>{k}</kbd>
                          )}
                        </span>
                      ))}
                    </span>
                  ))}
                </td>
                <td>{s.name === 'methodN' ? `${p.actions.methodN} ${methodNames.map((m, i) => `${i + 1} ${m}`).join(', ')}` : p.actions[s.name]}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="dialog">
          <button type="submit" class="ex-button">
            {p.close}
          </button>
        </form>
      </dialog>
    </div>
  );
}
