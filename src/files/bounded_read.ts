/**
 * Reading a small file named by the user (a CA bundle, a client certificate
 * or key) with a size cap, so that `/dev/zero` or a huge file gives an error
 * instead of growing memory without end, and a time limit, so that a file
 * that yields nothing in time (a FIFO nobody writes to) is given up.
 *
 * @module
 */

import { sizeText } from "../units.ts";
import { readTokenFile, TOKEN_FILE_TIMEOUT_MS } from "./token_file.ts";

/** Largest certificate or key file accepted, in bytes (a full system CA bundle is under 1 MiB). */
export const PEM_FILE_MAX_BYTES = 16 * 1024 * 1024;

/** The file is larger than the cap. */
export class FileTooLarge extends Error {
  constructor(maxBytes: number) {
    super(`the file is larger than ${sizeText(maxBytes)} (certificates and keys are far smaller)`);
    this.name = "FileTooLarge";
  }
}

/**
 * The text of a certificate or key file, at most `maxBytes` long; rejects
 * with the open/read error, {@linkcode FileTooLarge} or a timeout error.
 */
export function readPemFile(
  path: string,
  maxBytes = PEM_FILE_MAX_BYTES,
  timeoutMs = TOKEN_FILE_TIMEOUT_MS,
): Promise<string> {
  return readTokenFile(path, { maxBytes, timeoutMs }, () => new FileTooLarge(maxBytes));
}

/** The file-system calls CA and key loading make. */
export interface BoundedFs {
  readTextFile(path: string): Promise<string>;
  lstat(path: string): Promise<{ isDirectory: boolean; isSymlink: boolean }>;
  readDir(path: string): Promise<string[]>;
}

/**
 * The real file system, each file read with {@linkcode readPemFile}: at most
 * `maxBytes` and within `timeoutMs`.
 */
export function boundedFs(
  timeoutMs = TOKEN_FILE_TIMEOUT_MS,
  maxBytes = PEM_FILE_MAX_BYTES,
): BoundedFs {
  return {
    readTextFile: (p) => readPemFile(p, maxBytes, timeoutMs),
    lstat: (p) => Deno.lstat(p),
    readDir: async (p) => {
      const names: string[] = [];
      for await (const e of Deno.readDir(p)) names.push(e.name);
      return names;
    },
  };
}
