/**
 * Locating the Envoy binary as Consul does: `-envoy-binary`
 * when given, else a search of `$PATH` for `envoy` like a shell does.
 *
 * Deliberate difference from Consul: the file is checked up front (exists,
 * is a regular file, has an execute bit) so that a bad path fails with one
 * clear line before anything else happens, and a bare name given to
 * `-envoy-binary` (no `/`) is looked up in `$PATH` for both the version
 * check and the exec (Consul used the PATH only for the version check).
 *
 * @module
 */

import { CliError, errorText } from "../errors.ts";
import { joinPath } from "../go/path.ts";

/** What the search needs to know about a path (`undefined` = does not exist). */
export interface BinaryStat {
  isFile: boolean;
  /** Permission bits (`null` where the OS has none). */
  mode: number | null;
}

/** File-system access used by the search; defaults to `Deno.statSync`. */
export type StatFn = (path: string) => BinaryStat | undefined;

/** `Deno.statSync`, mapping "not found" to `undefined` (other errors throw). */
export const denoStat: StatFn = (path) => {
  try {
    const s = Deno.statSync(path);
    return { isFile: s.isFile, mode: s.mode };
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) {
      return undefined;
    }
    throw err;
  }
};

function isExecutable(s: BinaryStat): boolean {
  return s.isFile && (s.mode === null || (s.mode & 0o111) !== 0);
}

const PREFIX = "Couldn't find envoy binary: ";

/** Search the `:`-separated `path` for an executable `name`; throws CliError. */
export function lookPath(name: string, path: string, stat: StatFn = denoStat): string {
  let relativeHit = false;
  for (const entry of path.split(":")) {
    const dir = entry === "" ? "." : entry;
    const candidate = joinPath([dir, name]);
    let s: BinaryStat | undefined;
    try {
      s = stat(candidate);
    } catch {
      continue; // unreadable PATH entry: a shell skips it too
    }
    if (s === undefined || !isExecutable(s)) continue;
    if (!dir.startsWith("/")) {
      relativeHit = true;
      continue;
    }
    return candidate;
  }
  if (relativeHit) {
    throw new CliError(
      `${PREFIX}exec: "${name}": cannot run executable found relative to current directory`,
    );
  }
  throw new CliError(`${PREFIX}exec: "${name}": executable file not found in $PATH`);
}

/**
 * The path of the Envoy binary to run: `given` (the `-envoy-binary` value)
 * when non-empty, else `envoy` from `$PATH`. Throws a CliError naming the
 * flag or `$PATH` when there is no usable executable.
 */
export function findEnvoyBinary(
  given: string,
  env: Record<string, string | undefined>,
  stat: StatFn = denoStat,
): string {
  const path = env.PATH ?? "";
  if (given === "") return lookPath("envoy", path, stat);
  if (!given.includes("/")) return lookPath(given, path, stat);
  let s: BinaryStat | undefined;
  try {
    s = stat(given);
  } catch (err) {
    throw new CliError(`${PREFIX}-envoy-binary ${given}: ${errorText(err)}`);
  }
  if (s === undefined) {
    throw new CliError(`${PREFIX}-envoy-binary ${given}: no such file or directory`);
  }
  if (!s.isFile) throw new CliError(`${PREFIX}-envoy-binary ${given}: not a regular file`);
  if (!isExecutable(s)) {
    throw new CliError(`${PREFIX}-envoy-binary ${given}: permission denied (not executable)`);
  }
  return given;
}
