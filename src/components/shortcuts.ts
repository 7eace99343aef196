/**
 * The explorer's keyboard shortcuts (#23 item 1) as plain data: which key does what, which keys a focused
 * control keeps for itself, and the steps they take through a list. Presentation.tsx listens for them;
 * the help overlay lists SHORTCUT_HELP. A lower-case letter steps forward, the same letter with Shift back.
 */

/** What a shortcut does; `by` is +1 (next, more) or -1 (previous, less). */
export type ShortcutAction =
  | { readonly do: 'method-n'; readonly n: number }
  | { readonly do: 'method' | 'label' | 'layer' | 'opacity' | 'slice'; readonly by: 1 | -1 }
  | { readonly do: 'compare' | 'grid' | 'outline' | 'present' | 'help' | 'leave' };

/** The shortcuts by name, one line each in the help overlay. */
export type ShortcutName = 'methodN' | 'method' | 'label' | 'layer' | 'opacity' | 'slice' | 'compare' | 'grid' | 'outline' | 'present' | 'help' | 'leave';

/**
 * The keys of each line of the help overlay, in its order. Outer list: the two halves of the line's
 * "next / previous" (one for a toggle); inner list: keys that do the same. "Shift+M" is a chord.
 */
export const SHORTCUT_HELP: readonly { readonly name: ShortcutName; readonly keys: readonly (readonly string[])[] }[] = [
  { name: 'methodN', keys: [['1', '2', '3', '4', '5']] },
  { name: 'method', keys: [['M'], ['Shift+M']] },
  { name: 'label', keys: [['L'], ['Shift+L']] },
  { name: 'layer', keys: [['G'], ['Shift+G']] },
  { name: 'opacity', keys: [['+'], ['-']] },
  { name: 'slice', keys: [['N', '→'], ['P', '←']] },
  { name: 'compare', keys: [['C']] },
  { name: 'grid', keys: [['A']] },
  { name: 'outline', keys: [['O']] },
  { name: 'present', keys: [['F']] },
  { name: 'help', keys: [['?']] },
  { name: 'leave', keys: [['Esc']] },
];

/** The action of a key press (KeyboardEvent fields), or null: keys with Ctrl, Alt or Meta are the browser's. */
export function shortcutFor(e: { readonly key: string; readonly ctrlKey?: boolean; readonly altKey?: boolean; readonly metaKey?: boolean }): ShortcutAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const k = e.key;
  if (/^[1-5]$/.test(k)) return { do: 'method-n', n: Number(k) - 1 };
  const step: Record<string, ShortcutAction> = {
    m: { do: 'method', by: 1 },
    M: { do: 'method', by: -1 },
    l: { do: 'label', by: 1 },
    L: { do: 'label', by: -1 },
    g: { do: 'layer', by: 1 },
    G: { do: 'layer', by: -1 },
    '+': { do: 'opacity', by: 1 },
    '=': { do: 'opacity', by: 1 },
    '-': { do: 'opacity', by: -1 },
    n: { do: 'slice', by: 1 },
    ArrowRight: { do: 'slice', by: 1 },
    p: { do: 'slice', by: -1 },
    ArrowLeft: { do: 'slice', by: -1 },
    c: { do: 'compare' },
    a: { do: 'grid' },
    o: { do: 'outline' },
    f: { do: 'present' },
    '?': { do: 'help' },
    Escape: { do: 'leave' },
  };
  return step[k] ?? null;
}

/** Keys a focused radio button, check box or range slider uses itself. */
const CONTROL_KEYS = new Set([' ', 'Enter', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
/** Input types that take key presses as navigation or a toggle, not as text. */
const NON_TEXT_INPUTS = new Set(['radio', 'checkbox', 'range', 'button', 'submit', 'reset', 'color', 'file']);

/**
 * Whether a key pressed on `target` belongs to it, not to the shortcuts: every key in a text field, a
 * number field, a select or an editable element; the navigation and toggle keys on a radio button, a check
 * box or a slider; Space and Enter on a button or a link (Escape always reaches the shortcuts).
 */
export function keyBelongsToTarget(target: { readonly tagName?: string; readonly type?: string; readonly isContentEditable?: boolean } | null, key: string): boolean {
  if (!target || !target.tagName) return false;
  const tag = target.tagName.toUpperCase();
  if (key === 'Escape') return tag === 'SELECT';
  if (target.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase()) || CONTROL_KEYS.has(key);
  if (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') return key === ' ' || key === 'Enter';
  return false;
}

/** The item `by` steps from `current` in `list`, wrapping round; from an item not in the list, the first (or last). */
export function stepIn<T>(list: readonly T[], current: T, by: 1 | -1): T {
  const i = list.indexOf(current);
  const n = list.length;
  const j = i < 0 ? (by > 0 ? 0 : n - 1) : (i + by + n) % n;
  return list[j] as T;
}

/** The overlay opacity one step (0.1) up or down, kept in 0..1 and on the 0.05 grid of the slider. */
export function stepOpacity(opacity: number, by: 1 | -1): number {
  return Math.max(0, Math.min(1, Math.round((opacity + 0.1 * by) * 20) / 20));
}
