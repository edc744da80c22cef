/**
 * `-lifecycle-bind host:port`. A bare `:port` (or an empty host) means
 * 127.0.0.1: the endpoint can start a shutdown, so it is only reachable
 * from elsewhere when the user names a wider address such as `0.0.0.0`.
 *
 * @module
 */

import { CliError } from "../errors.ts";

/** A host and a TCP port. */
export interface HostPort {
  host: string;
  port: number;
}

/** Parse the flag's value; throws a one-line CliError naming the flag. */
export function parseLifecycleBind(value: string): HostPort {
  const bad = (why: string) =>
    new CliError(`-lifecycle-bind ${value}: ${why} (expected host:port, such as 127.0.0.1:19100)`);
  const m = /^(?:\[([^\]]*)\]|([^:\[\]]*)):(\d{1,5})$/.exec(value);
  if (m === null) throw bad("not a host:port");
  const host = m[1] ?? m[2] ?? "";
  const port = Number(m[3]);
  if (port > 65535) throw bad("port out of range");
  if (/\s/.test(host)) throw bad("invalid host");
  return { host: host === "" ? "127.0.0.1" : host, port };
}
