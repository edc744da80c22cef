/**
 * Envoy's argument vector as Consul builds it: the binary, `--config-path`
 * with the bootstrap path, `--disable-hot-restart` unless the pass-through
 * arguments hold a hot-restart option (`--restart-epoch` and friends, double
 * dash only, alone or with `=value`), then the pass-through arguments.
 *
 * @module
 */

/** Options that mean the user drives hot restart, so it must stay enabled. */
export const HOT_RESTART_OPTIONS: readonly string[] = [
  "--restart-epoch",
  "--hot-restart-version",
  "--drain-time-s",
  "--parent-shutdown-time-s",
];

/** True when `arg` is a hot-restart option, as `--opt` or `--opt=value`. */
export function isHotRestartOption(arg: string): boolean {
  return HOT_RESTART_OPTIONS.some((o) => arg === o || arg.startsWith(o + "="));
}

/**
 * The argument list after `argv[0]`: `--config-path <configPath>`, then
 * `--disable-hot-restart` unless a pass-through argument is a hot-restart
 * option, then the pass-through arguments unchanged.
 */
export function envoyArgs(configPath: string, passthrough: readonly string[]): string[] {
  const args = ["--config-path", configPath];
  if (!passthrough.some(isHotRestartOption)) args.push("--disable-hot-restart");
  return [...args, ...passthrough];
}

/** The full argv Envoy is exec'd with: the binary path, then {@linkcode envoyArgs}. */
export function envoyArgv(
  binary: string,
  configPath: string,
  passthrough: readonly string[],
): string[] {
  return [binary, ...envoyArgs(configPath, passthrough)];
}
