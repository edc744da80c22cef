/**
 * The CA bundle inlined into the `local_agent` cluster for xDS TLS
 * (Consul's `-grpc-ca-file` / `-grpc-ca-path`): a file read whole, or every file of a
 * directory tree in lexical order (symbolic links are never followed, so a
 * link to a directory is an error, as in Consul), concatenated. No PEM
 * validation: contents are taken as they are. Each file is read with a size
 * cap and a time limit, so `/dev/zero` or a FIFO nobody writes to gives an
 * error naming the file instead of growing memory or hanging.
 *
 * @module
 */

import { joinPath } from "../go/path.ts";
import { boundedFs } from "./bounded_read.ts";

/**
 * Which CA file and directory to load for the xDS connection:
 * with TLS, an empty gRPC setting falls back to the HTTP one, independently
 * for the file and the directory.
 */
export function xdsCaSources(
  tls: boolean,
  grpc: { file: string; path: string },
  http: { file: string; path: string },
): { file: string; path: string } {
  return {
    file: tls && grpc.file === "" ? http.file : grpc.file,
    path: tls && grpc.path === "" ? http.path : grpc.path,
  };
}

/** A value, or a promise of it (test doubles may answer synchronously). */
type Awaitable<T> = T | Promise<T>;

/** The file-system calls this module needs (injectable for tests). */
export interface CaFs {
  readTextFile(path: string): Awaitable<string>;
  lstat(path: string): Awaitable<{ isDirectory: boolean; isSymlink: boolean }>;
  readDir(path: string): Awaitable<string[]>;
}

/** The real file system with the default limits (16 MiB, 30 s per file). */
export const denoCaFs: CaFs = boundedFs();

function osReason(err: unknown): string {
  if (err instanceof Deno.errors.NotFound) return "no such file or directory";
  if (err instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (err instanceof Deno.errors.IsADirectory) return "is a directory";
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/,? ?\(os error \d+\)/, "").replace(/: '.*'$/, "");
}

/**
 * Load the CA text: `file` wins over `path`; both empty ⇒ `""`. Rejects
 * with an `Error` with Consul's messages (`Error loading from <path>: <reason>`,
 * `lstat <path>: no such file or directory`,
 * `Error loading from CAPath: no CAs found`).
 */
export async function loadCaBundle(
  file: string,
  path: string,
  fs: CaFs = denoCaFs,
  sep = "/",
): Promise<string> {
  if (file !== "") {
    try {
      return await fs.readTextFile(file);
    } catch (err) {
      throw new Error(`Error loading from ${file}: open ${file}: ${osReason(err)}`);
    }
  }
  if (path === "") return "";
  const parts: string[] = [];
  const walk = async (p: string, top: boolean): Promise<void> => {
    let st: { isDirectory: boolean; isSymlink: boolean };
    try {
      st = await fs.lstat(p);
    } catch (err) {
      throw new Error(`lstat ${p}: ${osReason(err)}`);
    }
    // A trailing separator on the argument makes the OS resolve a symlink.
    const followTop = top && (p.endsWith("/") || p.endsWith(sep));
    if (st.isDirectory || (followTop && st.isSymlink)) {
      let names: string[];
      try {
        names = (await fs.readDir(p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (err) {
        throw new Error(`open ${p}: ${osReason(err)}`);
      }
      for (const name of names) await walk(joinPath([p, name], sep), false);
      return;
    }
    try {
      parts.push(await fs.readTextFile(p));
    } catch (err) {
      throw new Error(`Error loading from ${p}: read ${p}: ${osReason(err)}`);
    }
  };
  await walk(path, true);
  if (parts.length === 0) throw new Error("Error loading from CAPath: no CAs found");
  return parts.join("");
}
