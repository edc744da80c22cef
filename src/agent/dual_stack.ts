/**
 * Dual-stack detection from the agent's `/v1/agent/self` answer
 * (its bind address decides whether defaults use `::1`). Pure.
 *
 * @module
 */

import { field, isObject } from "../go/json_fields.ts";
import { parseIp } from "../go/net_ip.ts";

/**
 * Whether the agent is dual-stack: its `Config.BindAddr` is an IPv6 address
 * that is not IPv4-mapped. Throws `Error` with the parse failure text when
 * `BindAddr` is a non-empty string that is not an IP address.
 */
export function isDualStack(self: Record<string, unknown>): boolean {
  const config = field(self, "Config");
  if (!isObject(config)) return false;
  const bind = field(config, "BindAddr");
  if (typeof bind !== "string" || bind === "") return false;
  const ip = parseIp(bind);
  if (ip === undefined) throw new Error(`ParseAddr(${JSON.stringify(bind)}): unable to parse IP`);
  if (ip.family === 4) return false;
  const b = ip.bytes;
  const mapped = b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  return !mapped;
}
