/**
 * The error for launching Envoy on an OS without exec support (Windows and
 * everything but Linux/macOS): Consul's two lines, which still say "linux and
 * macOS" and point to `-bootstrap`, printed after the binary search and the
 * version check.
 *
 * @module
 */

import { CliError } from "../errors.ts";

/** The two lines printed when this OS cannot exec Envoy (exit 1). */
export const UNSUPPORTED_OS_MESSAGE: string =
  "Directly running Envoy is only supported on linux and macOS since envoy itself doesn't " +
  "build on other platforms currently.\n" +
  "Use the -bootstrap option to generate the JSON to use when running envoy on a supported " +
  "OS or via a container or VM.";

/** A CliError (exit 1) carrying {@linkcode UNSUPPORTED_OS_MESSAGE}. */
export function unsupportedOsError(): CliError {
  return new CliError(UNSUPPORTED_OS_MESSAGE);
}
