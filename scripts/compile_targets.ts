/**
 * Pure decisions of the compile task (`scripts/compile.ts`): the release
 * targets, output names, the `deno compile` argv, when `DENORT_BIN` may be
 * used, how a failure is reported, and the `SHA256SUMS` format. Everything
 * here takes its inputs as arguments so it can be unit-tested.
 *
 * @module
 */

/** One release target of `deno compile`. */
export interface CompileTarget {
  /** Rust target triple given to `deno compile --target`. */
  readonly triple: string;
  /** OS part of the file name (`Deno.build.os` spelling). */
  readonly os: "linux" | "darwin" | "windows";
  /** Architecture part of the file name (`Deno.build.arch` spelling). */
  readonly arch: "x86_64" | "aarch64";
}

/** The five release targets, in build order. */
export const TARGETS: readonly CompileTarget[] = [
  { triple: "x86_64-unknown-linux-gnu", os: "linux", arch: "x86_64" },
  { triple: "aarch64-unknown-linux-gnu", os: "linux", arch: "aarch64" },
  { triple: "x86_64-apple-darwin", os: "darwin", arch: "x86_64" },
  { triple: "aarch64-apple-darwin", os: "darwin", arch: "aarch64" },
  { triple: "x86_64-pc-windows-msvc", os: "windows", arch: "x86_64" },
];

/** The program's name, the stem of every artifact. */
export const PROGRAM = "connect-envoy";

/** The artifact file name: `connect-envoy-<os>-<arch>[.exe]`. */
export function artifactName(t: CompileTarget): string {
  return `${PROGRAM}-${t.os}-${t.arch}${t.os === "windows" ? ".exe" : ""}`;
}

/** The target Deno itself runs on (`Deno.build.target`), if it is a release target. */
export function hostTarget(buildTarget: string): CompileTarget | undefined {
  return TARGETS.find((t) => t.triple === buildTarget);
}

/**
 * Resolve `--target` values (`host` = the running Deno's target; none = all
 * five). Throws an `Error` with one line for an unknown target.
 */
export function selectTargets(requested: readonly string[], buildTarget: string): CompileTarget[] {
  if (requested.length === 0) return [...TARGETS];
  const out: CompileTarget[] = [];
  for (const name of requested) {
    const triple = name === "host" ? buildTarget : name;
    const t = TARGETS.find((x) => x.triple === triple);
    if (t === undefined) {
      throw new Error(
        `unknown compile target ${name}; expected host or one of ${
          TARGETS.map((x) => x.triple).join(", ")
        }`,
      );
    }
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * The environment for one `deno compile` run. Deno embeds `DENORT_BIN`
 * whatever `--target` says, so it is passed only for the host target (a
 * local denort runs on the host); for any other target it is removed and
 * Deno fetches or reuses the matching runtime itself.
 */
export function compileEnv(
  env: Readonly<Record<string, string>>,
  target: CompileTarget,
  buildTarget: string,
): Record<string, string> {
  const out = { ...env };
  if (target.triple !== buildTarget) delete out.DENORT_BIN;
  return out;
}

/** The `deno compile` arguments (after the `deno` executable) for one target. */
export function compileArgs(opts: {
  target: CompileTarget;
  output: string;
  config: string;
  entry: string;
  runtimeFlags: readonly string[];
  permissionFlags: readonly string[];
}): string[] {
  return [
    "compile",
    "--target",
    opts.target.triple,
    "--output",
    opts.output,
    `--config=${opts.config}`,
    ...opts.runtimeFlags,
    ...opts.permissionFlags,
    opts.entry,
  ];
}

/** The one line printed when `deno compile` cannot get its `denort` runtime. */
export function denortUnavailableLine(target: CompileTarget, denortBinSet: boolean): string {
  const hint = denortBinSet
    ? `DENORT_BIN is used for the host target only, so build ${target.triple} where dl.deno.land is reachable`
    : "set DENORT_BIN to a local denort binary of this Deno version (host target only)";
  return `deno compile needs the denort runtime for ${target.triple} from dl.deno.land, ` +
    `which is unreachable here; ${hint}`;
}

// deno prints ANSI colours even when piped unless NO_COLOR is set.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Turn a failed `deno compile`'s stderr into one line: the denort
 * explanation when the runtime could not be fetched, the `DENORT_BIN`
 * problem when that file is unusable, else the first error line.
 */
export function compileFailureLine(
  stderr: string,
  target: CompileTarget,
  denortBinSet: boolean,
): string {
  const text = stderr.replace(ANSI, "");
  if (/Could not find denort at '([^']*)'/.test(text)) {
    const path = text.match(/Could not find denort at '([^']*)'/)![1];
    return `DENORT_BIN=${path} cannot be read; point it at a local denort binary`;
  }
  const fetchFailed = /Setting up base binary/.test(text) ||
    (/denort/.test(text) && /error sending request|dns error|Connect|timed out/i.test(text));
  if (fetchFailed) return denortUnavailableLine(target, denortBinSet);
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const first = lines.find((l) => /\[ERROR\]:/.test(l)) ?? lines.find((l) => /^error\b/i.test(l)) ??
    lines[lines.length - 1] ?? "no output";
  return `deno compile failed for ${target.triple}: ${first.replace(/^error:\s*/i, "")}`;
}

/** Lowercase hex of a SHA-256 digest. */
export function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * `SHA256SUMS` content in the `sha256sum` format (`<hex>  <name>`, sorted
 * by name), so `sha256sum -c SHA256SUMS` verifies the downloads.
 */
export function sha256sums(entries: readonly { name: string; sha256: string }[]): string {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.name}\n`)
    .join("");
}
