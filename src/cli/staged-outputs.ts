/**
 * Outputs of one input, written under temporary names beside their final ones and put in place only
 * once every one of them is complete. A full disk or a crash mid-way leaves no partial output to block
 * the next run, and two runs into one folder cannot mix their files: without `overwrite` each file is
 * put in place by an exclusive hard link, so the run that loses the race removes what it placed and
 * fails with code `exists`.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A failure with a short code for the `[code]` at the end of its line. */
export class CodedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Errors while placing a file that mean "another file is already there". */
const TAKEN = new Set(['EEXIST']);
/** Errors of `link` that mean "no hard links on this disk": fall back to an exclusive copy. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']);

const codeOf = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | undefined)?.code;

/** One input's outputs, staged then committed together. */
export class StagedOutputs {
  private readonly staged: { tmp: string; final: string }[] = [];

  constructor(private readonly overwrite: boolean) {}

  /** Write `data` under a temporary name for `path`; on failure every staged file is removed. */
  async write(path: string, data: string | Uint8Array): Promise<void> {
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
    this.staged.push({ tmp, final: path });
    try {
      await writeFile(tmp, data, { flag: 'wx' });
    } catch (e) {
      await this.abort();
      throw e;
    }
  }

  /** Put every staged file in place; on failure nothing this call placed, and no temporary file, is left. */
  async commit(): Promise<void> {
    const placed: string[] = [];
    let placing = '';
    try {
      for (const { tmp, final } of this.staged) {
        placing = final;
        if (this.overwrite) await rename(tmp, final);
        else await this.placeExclusive(tmp, final);
        placed.push(final);
      }
    } catch (e) {
      if (!this.overwrite) await Promise.all(placed.map((p) => rm(p, { force: true })));
      await this.abort();
      // The final name: a failed link's own `path` is its source, the temporary file.
      if (TAKEN.has(codeOf(e) ?? '')) throw new CodedError(`another run wrote ${placing} meanwhile; nothing of this file was kept`, 'exists');
      throw e;
    }
    await this.abort();
  }

  /** Remove every temporary file (placed ones are gone already). */
  async abort(): Promise<void> {
    await Promise.all(this.staged.map(({ tmp }) => rm(tmp, { force: true })));
    this.staged.length = 0;
  }

  private async placeExclusive(tmp: string, final: string): Promise<void> {
    try {
      await link(tmp, final);
    } catch (e) {
      if (!NO_LINKS.has(codeOf(e) ?? '')) throw e;
      await copyFile(tmp, final, constants.COPYFILE_EXCL);
    }
    await unlink(tmp);
  }
}
