/**
 * Reading an ACL token file (`-token-file`, `CONSUL_HTTP_TOKEN_FILE`) with
 * bounded memory and time. A token is under 1 KiB, so anything past
 * {@linkcode TOKEN_FILE_MAX_BYTES} is refused (`/dev/zero` would otherwise
 * grow without end), and a file that yields nothing for
 * {@linkcode TOKEN_FILE_TIMEOUT_MS} (a FIFO nobody writes to) is given up.
 * Pipes such as `-token-file <(vault read …)` work: they are read to EOF.
 *
 * Opening a FIFO without a writer blocks inside `open()` on a worker
 * thread that cannot be interrupted; the read gives up anyway, and the
 * program's exit (`Deno.exit`) ends that thread.
 *
 * @module
 */

import { secondsText, sizeText } from "../units.ts";
import { readCapped } from "../bytes.ts";

/** Largest token file accepted, in bytes. */
export const TOKEN_FILE_MAX_BYTES = 64 * 1024;

/** How long opening and reading a token file may take, like one agent request. */
export const TOKEN_FILE_TIMEOUT_MS = 30_000;

/** Limits for {@linkcode readTokenFile}. */
export interface TokenFileLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** The file is larger than the cap. */
export class TokenFileTooLarge extends Error {
  constructor(maxBytes: number) {
    super(`the file is larger than ${sizeText(maxBytes)} (an ACL token is under 1 KiB)`);
    this.name = "TokenFileTooLarge";
  }
}

/** Opening or reading the file did not finish in time. */
export class TokenFileTimeout extends Error {
  constructor(timeoutMs: number) {
    super(
      `gave up after ${secondsText(timeoutMs)} waiting for it to be readable ` +
        `(a FIFO or pipe with no writer?)`,
    );
    this.name = "TokenFileTimeout";
  }
}

/**
 * The whole content of the token file at `path` (UTF-8, untrimmed).
 * Rejects with the open/read error, {@linkcode TokenFileTooLarge} (or what
 * `tooLarge` makes, for other small files) or {@linkcode TokenFileTimeout}.
 */
export async function readTokenFile(
  path: string,
  limits: TokenFileLimits = { maxBytes: TOKEN_FILE_MAX_BYTES, timeoutMs: TOKEN_FILE_TIMEOUT_MS },
  tooLarge: (maxBytes: number) => Error = (max) => new TokenFileTooLarge(max),
): Promise<string> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let onAbort = () => {};
  const timedOut = new Promise<never>((_, reject) => {
    onAbort = () => reject(new TokenFileTimeout(limits.timeoutMs));
    signal.addEventListener("abort", onAbort, { once: true });
  });
  const opening = Deno.open(path, { read: true });
  let file: Deno.FsFile | undefined;
  let reading: Promise<string> | undefined;
  try {
    file = await Promise.race([opening, timedOut]);
    reading = readTokenText(file, limits.maxBytes, tooLarge);
    return await Promise.race([reading, timedOut]);
  } finally {
    signal.removeEventListener("abort", onAbort);
    timedOut.catch(() => {});
    reading?.catch(() => {}); // a read left pending fails once the file is closed
    if (file !== undefined) file.close();
    // Still blocked in open(): close the file should a writer ever appear.
    else opening.then((f) => f.close(), () => {});
  }
}

async function readTokenText(
  file: Deno.FsFile,
  maxBytes: number,
  tooLarge: (maxBytes: number) => Error,
): Promise<string> {
  const bytes = await readCapped(file, maxBytes, () => tooLarge(maxBytes));
  return new TextDecoder().decode(bytes);
}
