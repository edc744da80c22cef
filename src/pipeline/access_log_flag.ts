/**
 * `-admin-access-log-path`: deprecated in favour of proxy-defaults' access
 * logs. Setting it to anything but the platform's null device prints a
 * deprecation warning.
 *
 * @module
 */

import type { Options } from "../cli/options.ts";
import type { Session } from "./session.ts";
import { nullDevice } from "../cli/flags.ts";

/** The admin access log path to write, and whether the user chose one. */
export function adminAccessLogPath(
  options: Options,
  os: string,
): { path: string; custom: boolean } {
  const fallback = nullDevice(os);
  const flag = options.adminAccessLogPath;
  return { path: flag === "" ? fallback : flag, custom: flag !== "" && flag !== fallback };
}

/** Print the deprecation warning when the flag is set; returns whether it is. */
export function warnDeprecatedAccessLogPath(session: Session): boolean {
  const { custom } = adminAccessLogPath(session.options, session.deps.os);
  if (custom) {
    session.deps.io.stderr(
      "-admin-access-log-path is deprecated and will be removed in a future version of Consul. Configure access logging with proxy-defaults.accessLogs.\n",
    );
  }
  return custom;
}
