/**
 * The CA bundle inlined into the `local_agent` cluster for xDS TLS
 * (Consul's `-grpc-ca-file` / `-grpc-ca-path`): a file read whole, or every file of a
 * directory tree in lexical order (symbolic links are never followed, so a
 * link to a directory is an error, as in Consul), concatenated. No PEM
 * validation: contents are taken as they are.
 *
 * @module
 */

import { joinPath } from "../go/path.ts";
import { readPemFileSync } from "./bounded_read.ts";

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

/** The file-system calls this module needs (injectable for tests). */
export interface CaFs {
  readTextFile(path: string): string;
  lstat(path: string): { isDirectory: boolean; isSymlink: boolean };
  readDir(path: string): string[];
}

/** The real file system; files are read with a size cap. */
export const denoCaFs: CaFs = {
  readTextFile: (p) => readPemFileSync(p),
  lstat: (p) => Deno.lstatSync(p),
  readDir: (p) => [...Deno.readDirSync(p)].map((e) => e.name),
};

function osReason(err: unknown): string {
  if (err instanceof Deno.errors.NotFound) return "no such file or directory";
  if (err instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (err instanceof Deno.errors.IsADirectory) return "is a directory";
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/,? ?\(os error \d+\)/, "").replace(/: '.*'$/, "");
}

/**
 * Load the CA text: `file` wins over `path`; both empty ⇒ `""`. Throws
 * `Error` with Consul's messages (`Error loading from <path>: <reason>`,
 * `lstat <path>: no such file or directory`,
 * `Error loading from CAPath: no CAs found`).
 */
export function loadCaBundle(
  file: string,
  path: string,
  fs: CaFs = denoCaFs,
  sep = "/",
): string {
  if (file !== "") {
    try {
      return fs.readTextFile(file);
    } catch (err) {
      throw new Error(`Error loading from ${file}: open ${file}: ${osReason(err)}`);
    }
  }
  if (path === "") return "";
  const parts: string[] = [];
  const walk = (p: string, top: boolean) => {
    let st: { isDirectory: boolean; isSymlink: boolean };
    try {
      st = fs.lstat(p);
    } catch (err) {
      throw new Error(`lstat ${p}: ${osReason(err)}`);
    }
    // A trailing separator on the argument makes the OS resolve a symlink.
    const followTop = top && (p.endsWith("/") || p.endsWith(sep));
    if (st.isDirectory || (followTop && st.isSymlink)) {
      let names: string[];
      try {
        names = fs.readDir(p).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (err) {
        throw new Error(`open ${p}: ${osReason(err)}`);
      }
      for (const name of names) walk(joinPath([p, name], sep), false);
      return;
    }
    try {
      parts.push(fs.readTextFile(p));
    } catch (err) {
      throw new Error(`Error loading from ${p}: read ${p}: ${osReason(err)}`);
    }
  };
  walk(path, true);
  if (parts.length === 0) throw new Error("Error loading from CAPath: no CAs found");
  return parts.join("");
}
