/** `npm run explain`'s argument parsing, without starting the CLI: every value, and every bad one's message. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HU_OFFSET_16, parseExplainArgs, parseFrameArg, parseHuOffsetArg, parseWindowArg, UsageError, type ExplainArgs } from '../../../src/cli/explain-args';

const parse = (...argv: string[]) => parseExplainArgs(argv) as ExplainArgs;
const usageError = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected a UsageError');
};

describe('--window', () => {
  it('is auto by default, and takes auto, L,W or a preset name', () => {
    expect(parse('a.png').window8bit).toBe('auto');
    expect(parseWindowArg('auto')).toBe('auto');
    expect(parseWindowArg('AUTO')).toBe('auto');
    expect(parseWindowArg('40,80')).toEqual({ level: 40, width: 80 });
    expect(parseWindowArg(' 35 , 90.5 ')).toEqual({ level: 35, width: 90.5 });
    expect(parseWindowArg('-600,1500')).toEqual({ level: -600, width: 1500 });
    expect(parseWindowArg('brain')).toEqual({ level: 40, width: 80 });
    expect(parseWindowArg('subdural')).toEqual({ level: 80, width: 200 });
    expect(parseWindowArg('bone')).toEqual({ level: 600, width: 2800 });
    expect(parse('a.png', '--window', 'brain').window8bit).toEqual({ level: 40, width: 80 });
    expect(parse('a.png', '--window=-600,1500').window8bit).toEqual({ level: -600, width: 1500 });
  });

  it('refuses anything else with one line that names the forms', () => {
    for (const bad of ['', '40', '40,', ',80', '40,0', '40,-80', '40,80,1', 'lung', '4e1,80', 'NaN,80', '40;80']) {
      expect(usageError(() => parseWindowArg(bad))).toBe(`--window wants auto, brain, subdural, bone or L,W with W > 0 (e.g. 40,80), got "${bad}"`);
    }
  });
});

describe('--frame', () => {
  it('is the middle frame (undefined, the decoder default) unless a 0-based index is given', () => {
    expect(parse('a.dcm').frame).toBeUndefined();
    expect(parseFrameArg('middle')).toBeUndefined();
    expect(parseFrameArg('0')).toBe(0);
    expect(parseFrameArg('17')).toBe(17);
    expect(parse('a.dcm', '--frame', '2').frame).toBe(2);
  });

  it('refuses negative, fractional, non-numeric and huge values clearly', () => {
    for (const bad of ['-1', '1.5', 'abc', '', ' ', '1e2', '0x3', '+2', '99999999999999999999']) {
      expect(usageError(() => parseFrameArg(bad))).toBe(`--frame wants a frame index, a whole number from 0 (0 is the first frame), or "middle", got "${bad}"`);
    }
    expect(usageError(() => parse('a.dcm', '--frame=-1'))).toMatch(/^--frame wants a frame index/);
    // Without "=", node's parser sees "-1" as an option: still one clear line.
    expect(usageError(() => parse('a.dcm', '--frame', '-1'))).toMatch(/Option '--frame' argument is ambiguous/);
    expect(usageError(() => parse('a.dcm', '--frame'))).toMatch(/--frame/);
  });
});

describe('--hu-offset', () => {
  it('defaults to -1024 and takes any plain number', () => {
    expect(DEFAULT_HU_OFFSET_16).toBe(-1024);
    expect(parse('a.png').huOffset16).toBe(-1024);
    expect(parse('a.png', '--hu-offset=-1000').huOffset16).toBe(-1000);
    expect(parse('a.png', '--hu-offset', '0').huOffset16).toBe(0);
    expect(parseHuOffsetArg('-32768')).toBe(-32768);
  });

  it('refuses what is not a number', () => {
    for (const bad of ['', 'abc', '-1024HU', 'Infinity']) {
      expect(usageError(() => parseHuOffsetArg(bad))).toBe(`--hu-offset wants a number (HU = stored value + N, e.g. -1024), got "${bad}"`);
    }
  });
});

describe('parseExplainArgs', () => {
  it('keeps the other defaults', () => {
    const a = parse('x.dcm', 'y.png');
    expect(a.files).toEqual(['x.dcm', 'y.png']);
    expect(a.methods).toEqual(['gradient', 'deconvnet', 'gradcam', 'guided-backprop', 'guided-gradcam']);
    expect(a.label).toBe(0);
    expect(a.layer).toBe('layer4');
    expect(a.outDir).toBe('out');
    expect(a.overwrite).toBe(false);
    expect(a.backend).toBe('wasm');
    expect(parse('x.dcm', '--overwrite').overwrite).toBe(true);
    expect(parseExplainArgs(['--help'])).toBe('help');
  });

  it('turns every bad argument into one UsageError line', () => {
    expect(usageError(() => parse())).toBe('no input files');
    expect(usageError(() => parse('a.png', '--method', 'lime'))).toBe('unknown method "lime"');
    expect(usageError(() => parse('a.png', '--method', 'gradcam,gradcam'))).toBe('--method names a method twice: "gradcam,gradcam"');
    expect(usageError(() => parse('a.png', '--label', 'tumour'))).toBe('unknown label "tumour"');
    expect(usageError(() => parse('a.png', '--layer', 'layer5'))).toBe('unknown layer "layer5"');
    expect(usageError(() => parse('a.png', '--backend', 'webgl'))).toBe('--backend must be wasm or cpu in Node, got "webgl"');
    expect(usageError(() => parse('a.png', '--bogus'))).toMatch(/^Unknown option '--bogus'/);
  });
});
