/**
 * The run edge of a command-line tool: relative paths resolve in the folder the user typed the command
 * in, and any error that escapes the per-file loop becomes one line `NAME: message [code]` and exit 1
 * (usage errors exit 2 before this), never an uncaught exception.
 *
 * Why a process handler: tfjs's WebAssembly backend (emscripten) installs an 'uncaughtException'
 * listener that rethrows, which makes Node exit with code 7 and print a line of minified source. A
 * listener installed first answers before it.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { CodedError } from './staged-outputs';

/**
 * The folder relative paths are meant from: npm runs scripts in the project root and passes the
 * user's folder as INIT_CWD; outside npm it is the working folder.
 */
export function invokingFolder(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const init = env['INIT_CWD'];
  return init && existsSync(init) ? init : cwd;
}

/** One line for an error: its message's first line and a `[code]` (the error's own, or `error`). */
export function edgeLine(name: string, err: unknown): string {
  const e = err as { message?: unknown; code?: unknown } | null;
  const text = typeof e?.message === 'string' ? e.message : String(err);
  const first = (text.split('\n')[0] ?? '').slice(0, 300);
  const code = typeof e?.code === 'string' ? e.code : 'error';
  return first.endsWith(`[${code}]`) ? `${name}: ${first}` : `${name}: ${first} [${code}]`;
}

/**
 * Enter the user's folder and make every escaping error one line and exit 1. Call first thing in an
 * entry point, before tfjs loads.
 */
export function runAtTheEdge(name: string): void {
  process.chdir(invokingFolder());
  const fail = (err: unknown): never => {
    process.stderr.write(`${edgeLine(name, err)}\n`);
    process.exit(1);
  };
  process.prependListener('uncaughtException', fail);
  process.prependListener('unhandledRejection', fail);
}

/**
 * Make the output folder, or fail with one clear line.
 * @throws CodedError `cannot create the output folder DIR: reason` with the system's code (EACCES, EEXIST, ENOTDIR, ...)
 */
export async function makeOutputFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file of that name is in the way' : ((e as Error).message.split(',')[0] ?? code);
    throw new CodedError(`cannot create the output folder ${dir}: ${reason}`, code);
  }
}
