/**
 * The Deno permissions connect-envoy runs with: the ONE list shared by the
 * compiled binary (`scripts/compile.ts` bakes it in with `deno compile`) and
 * by every test that spawns the CLI ({@linkcode cliCommand}), so tests see
 * exactly what the shipped binary sees.
 *
 * This module touches no Deno API at import time, so it is safe to import
 * from anywhere (scripts, tests, the program itself).
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** One permission flag and why the program needs it. */
export interface PermissionGrant {
  /** The flag exactly as passed to `deno run` / `deno compile`. */
  readonly flag: string;
  /** Why it is needed (documented in the README's permissions table). */
  readonly reason: string;
}

/**
 * Every permission the program gets, with its reason. Paths, hosts,
 * programs and variables come from the user (`-ca-file`, `-http-addr`,
 * `-envoy-binary`, `CONSUL_*`), so only `--allow-sys` can be narrowed to a
 * fixed list.
 */
export const PERMISSION_GRANTS: readonly PermissionGrant[] = [
  {
    flag: "--allow-read",
    reason: "CA files and directories (-ca-file, -ca-path, -grpc-ca-*, CONSUL_CACERT), " +
      "client certificates, token files (-token-file, CONSUL_HTTP_TOKEN_FILE), " +
      "the PATH search for envoy, and on Linux/macOS the open-descriptor list before exec",
  },
  {
    flag: "--allow-write",
    reason: "connecting to an agent on a unix socket (CONSUL_HTTP_ADDR=unix:///...): " +
      "Deno requires write access to the socket path; nothing is ever written to disk",
  },
  {
    flag: "--allow-env",
    reason: "CONSUL_* / CONNECT_* variables, and the environment (minus credential " +
      "variables) is handed to Envoy",
  },
  {
    flag: "--allow-net",
    reason: "the Consul agent's HTTP API, at any address the user configures; with -supervise, " +
      "Envoy's admin API, the lifecycle endpoint (-lifecycle-bind) and holding 127.0.0.1:9229 so " +
      "SIGUSR1 cannot open Deno's debugger; doctor's listen-and-close " +
      "on the admin address",
  },
  {
    flag: "--allow-run",
    reason:
      "`envoy --version` for the compatibility check, `envoy --mode validate` (-validate, doctor), " +
      "and Envoy itself with -supervise",
  },
  {
    flag: "--allow-ffi",
    reason: "libc execve/memfd_create on the exec path only (Linux, macOS); " +
      "never loaded with -bootstrap or on Windows",
  },
  {
    flag: "--allow-sys=networkInterfaces",
    reason:
      "go-sockaddr templates such as {{ GetPrivateIP }} in -address/-wan-address/-bind-address",
  },
];

/** The permission flags alone, in a stable order. */
export const PERMISSION_FLAGS: readonly string[] = PERMISSION_GRANTS.map((g) => g.flag);

/**
 * Flags that are not permissions but must be identical for the binary and
 * for tests: never prompt for a missing permission (a compiled binary never
 * prompts; `deno run` would on a terminal), so a missing grant fails loudly.
 */
export const RUNTIME_FLAGS: readonly string[] = ["--no-prompt"];

/** Options for {@linkcode cliCommand}. */
export interface CliCommandOptions {
  /** Working directory of the CLI process (default: inherited). */
  cwd?: string;
  /** Environment of the CLI process. With `clearEnv`, this is all of it. */
  env?: Record<string, string>;
  /** Start from an empty environment (default false). */
  clearEnv?: boolean;
  /** stdin of the child (default `"null"`). */
  stdin?: "piped" | "inherit" | "null";
  /** stdout of the child (default `"piped"`). */
  stdout?: "piped" | "inherit" | "null";
  /** stderr of the child (default `"piped"`). */
  stderr?: "piped" | "inherit" | "null";
  /**
   * Run this compiled binary instead of `deno run main.ts` (its permissions
   * were baked in from the same list). Default: `$CONNECT_ENVOY_BIN` if set.
   */
  binary?: string;
  /** The `deno` executable (default `Deno.execPath()`). */
  denoPath?: string;
  /**
   * Replace {@linkcode PERMISSION_FLAGS} (only for tests that prove the
   * program works with fewer grants, e.g. without `--allow-ffi`).
   */
  permissionFlags?: readonly string[];
}

/** Absolute path of the repository root (the directory holding `deno.json`). */
export function repoRoot(): string {
  return fileURLToPath(new URL("..", import.meta.url)).replace(/[\\/]$/, "");
}

/** The argv that runs `main.ts` with the binary's permissions (without the deno path). */
export function denoRunArgs(
  args: readonly string[],
  root: string = repoRoot(),
  permissionFlags: readonly string[] = PERMISSION_FLAGS,
): string[] {
  return [
    "run",
    ...RUNTIME_FLAGS,
    ...permissionFlags,
    `--config=${join(root, "deno.json")}`,
    join(root, "main.ts"),
    ...args,
  ];
}

/**
 * A `Deno.Command` that runs the CLI exactly like the compiled binary:
 * `deno run --no-prompt <PERMISSION_FLAGS> <repo>/main.ts ...args`, or the
 * compiled binary itself when `opts.binary` / `$CONNECT_ENVOY_BIN` is set.
 */
export function cliCommand(args: string[], opts: CliCommandOptions = {}): Deno.Command {
  const binary = opts.binary ?? Deno.env.get("CONNECT_ENVOY_BIN") ?? "";
  const program = binary !== "" ? binary : opts.denoPath ?? Deno.execPath();
  const argv = binary !== "" ? [...args] : denoRunArgs(args, repoRoot(), opts.permissionFlags);
  return new Deno.Command(program, {
    args: argv,
    cwd: opts.cwd,
    env: opts.env,
    clearEnv: opts.clearEnv ?? false,
    stdin: opts.stdin ?? "null",
    stdout: opts.stdout ?? "piped",
    stderr: opts.stderr ?? "piped",
  });
}

// `deno run src/permissions.ts` prints the flags, for shell scripts:
//   deno run -A ../shared/conformance/run.ts -- deno run $(deno run src/permissions.ts) main.ts
if (import.meta.main) console.log([...RUNTIME_FLAGS, ...PERMISSION_FLAGS].join(" "));
