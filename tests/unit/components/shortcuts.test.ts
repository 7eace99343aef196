import { describe, expect, it } from 'vitest';
import { keyBelongsToTarget, SHORTCUT_HELP, shortcutFor, stepIn, stepOpacity } from '../../../src/components/shortcuts';
import { presentStrings } from '../../../src/i18n/present';

describe('shortcutFor', () => {
  it('maps digits to methods, letters to next and Shift-letters to previous', () => {
    expect(shortcutFor({ key: '1' })).toEqual({ do: 'method-n', n: 0 });
    expect(shortcutFor({ key: '5' })).toEqual({ do: 'method-n', n: 4 });
    expect(shortcutFor({ key: '6' })).toBeNull();
    expect(shortcutFor({ key: 'm' })).toEqual({ do: 'method', by: 1 });
    expect(shortcutFor({ key: 'M' })).toEqual({ do: 'method', by: -1 });
    expect(shortcutFor({ key: 'L' })).toEqual({ do: 'label', by: -1 });
    expect(shortcutFor({ key: 'g' })).toEqual({ do: 'layer', by: 1 });
    expect(shortcutFor({ key: '+' })).toEqual({ do: 'opacity', by: 1 });
    expect(shortcutFor({ key: '-' })).toEqual({ do: 'opacity', by: -1 });
    expect(shortcutFor({ key: 'ArrowLeft' })).toEqual({ do: 'slice', by: -1 });
    expect(shortcutFor({ key: 'n' })).toEqual({ do: 'slice', by: 1 });
    expect(shortcutFor({ key: '?' })).toEqual({ do: 'help' });
    expect(shortcutFor({ key: 'Escape' })).toEqual({ do: 'leave' });
  });
  it('leaves every chord with Ctrl, Alt or Meta to the browser', () => {
    expect(shortcutFor({ key: 'l', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'f', metaKey: true })).toBeNull();
    expect(shortcutFor({ key: '2', altKey: true })).toBeNull();
  });
  it('every key in the help list does what its line says', () => {
    const expected: Record<string, string> = { methodN: 'method-n' };
    for (const line of SHORTCUT_HELP) {
      for (const same of line.keys) {
        for (const k of same) {
          const key = k === 'Esc' ? 'Escape' : k === '→' ? 'ArrowRight' : k === '←' ? 'ArrowLeft' : k.startsWith('Shift+') ? k.slice(6) : k.length === 1 ? k.toLowerCase() : k;
          expect(shortcutFor({ key: k.startsWith('Shift+') ? key.toUpperCase() : key })?.do, `${line.name}: ${k}`).toBe(expected[line.name] ?? line.name);
        }
      }
    }
  });
  it('every line of the help list has words in both languages', () => {
    for (const lang of ['en', 'es'] as const) {
      for (const line of SHORTCUT_HELP) expect(presentStrings(lang).actions[line.name].length).toBeGreaterThan(3);
    }
    expect(presentStrings('es').actions.label).not.toBe(presentStrings('en').actions.label);
  });
});

describe('keyBelongsToTarget', () => {
  it('gives every key to text fields, number fields, selects and editable elements', () => {
    for (const type of ['text', 'number', 'search', undefined]) expect(keyBelongsToTarget({ tagName: 'INPUT', ...(type ? { type } : {}) }, 'm')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'TEXTAREA' }, 'l')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'SELECT' }, 'n')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'DIV', isContentEditable: true }, 'f')).toBe(true);
  });
  it('gives radio buttons, sliders and buttons only their own keys', () => {
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'radio' }, 'ArrowRight')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'radio' }, 'm')).toBe(false);
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'range' }, 'ArrowLeft')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'range' }, '+')).toBe(false);
    expect(keyBelongsToTarget({ tagName: 'BUTTON' }, ' ')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'BUTTON' }, '3')).toBe(false);
    expect(keyBelongsToTarget({ tagName: 'BUTTON' }, 'ArrowLeft')).toBe(false);
    expect(keyBelongsToTarget({ tagName: 'DIV' }, 'ArrowRight')).toBe(false);
    expect(keyBelongsToTarget(null, 'm')).toBe(false);
  });
  it('lets Escape through everywhere but in an open select', () => {
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'text' }, 'Escape')).toBe(false);
    expect(keyBelongsToTarget({ tagName: 'SELECT' }, 'Escape')).toBe(true);
  });
});

describe('steps', () => {
  it('stepIn wraps round and starts from the ends for an unknown item', () => {
    expect(stepIn([1, 2, 3], 3, 1)).toBe(1);
    expect(stepIn([1, 2, 3], 1, -1)).toBe(3);
    expect(stepIn([1, 2, 3], 2, 1)).toBe(3);
    expect(stepIn([1, 2, 3], 9, 1)).toBe(1);
    expect(stepIn([1, 2, 3], 9, -1)).toBe(3);
  });
  it('stepOpacity moves by 0.1 on the slider grid and stays in 0..1', () => {
    expect(stepOpacity(0.6, 1)).toBe(0.7);
    expect(stepOpacity(0.6, -1)).toBe(0.5);
    expect(stepOpacity(0.95, 1)).toBe(1);
    expect(stepOpacity(0.05, -1)).toBe(0);
    expect(stepOpacity(0.35, 1)).toBe(0.45);
  });
});
