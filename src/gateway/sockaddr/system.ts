/**
 * Thin adapter from the host's network interfaces to the {@linkcode IfAddr}
 * model. Needs `--allow-sys=networkInterfaces`. The default-route interface
 * comes from `/proc/net/route` when readable (Deno only allows that with
 * `--allow-all`), otherwise — like go-sockaddr on Linux — from `ip route`
 * (needs `--allow-run`); real interface flags come from
 * `/sys/class/net/<if>/flags` when readable. Failures just mean "unknown".
 *
 * @module
 */

import type { IfAddr, IfFlag } from "./ifaddr.ts";

/** Linux `IFF_*` bits we map onto {@linkcode IfFlag}s. */
const IFF_BITS: [number, IfFlag][] = [
  [0x1, "up"],
  [0x2, "broadcast"],
  [0x8, "loopback"],
  [0x10, "pointtopoint"],
  [0x1000, "multicast"],
];

function readText(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** Names of interfaces holding a default route in `/proc/net/route` text. */
export function defaultRouteInterfaces(routeTable: string): Set<string> {
  const names = new Set<string>();
  for (const line of routeTable.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const [iface, destination, , flags, , , , mask] = f;
    const up = (parseInt(flags, 16) & 0x1) !== 0;
    if (up && destination === "00000000" && mask === "00000000") names.add(iface);
  }
  return names;
}

/** Interface named by the `default … dev <if>` line of `ip route` output. */
export function defaultRouteFromIpCommand(output: string): Set<string> {
  const names = new Set<string>();
  for (const line of output.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== "default") continue;
    const dev = f.indexOf("dev");
    if (dev > 0 && f[dev + 1]) names.add(f[dev + 1]);
  }
  return names;
}

function runIpRoute(): string | undefined {
  for (const cmd of ["ip", "/sbin/ip", "/usr/sbin/ip"]) {
    try {
      const out = new Deno.Command(cmd, { args: ["route"], stdin: "null", stderr: "null" })
        .outputSync();
      if (out.success) return new TextDecoder().decode(out.stdout);
    } catch {
      // not found or not permitted: try the next location.
    }
  }
  return undefined;
}

function defaultInterfaces(): Set<string> {
  if (Deno.build.os !== "linux") return new Set();
  const routes = readText("/proc/net/route");
  if (routes !== undefined) return defaultRouteInterfaces(routes);
  const ipOut = runIpRoute();
  return ipOut === undefined ? new Set() : defaultRouteFromIpCommand(ipOut);
}

/** Flags from a `/sys/class/net/<if>/flags` value such as `0x1003`. */
export function flagsFromSysfs(text: string): Set<IfFlag> | undefined {
  const v = parseInt(text.trim(), 16);
  if (Number.isNaN(v)) return undefined;
  return new Set(IFF_BITS.filter(([bit]) => (v & bit) !== 0).map(([, f]) => f));
}

function isLoopbackAddress(family: string, address: string): boolean {
  return family === "IPv4" ? address.startsWith("127.") : address === "::1";
}

function prefixFromCidr(cidr: string | null | undefined, family: string): number {
  const m = /\/(\d+)$/.exec(cidr ?? "");
  if (m) return Number(m[1]);
  return family === "IPv4" ? 32 : 128;
}

/**
 * Every address of every interface of this host. Listed interfaces count as
 * `up`; loopback comes from the address (127/8, ::1) or the name `lo`; on
 * Linux the real flags come from sysfs when readable.
 */
export function systemInterfaces(): IfAddr[] {
  const defaults = defaultInterfaces();
  const sysFlags = new Map<string, Set<IfFlag> | undefined>();
  const out: IfAddr[] = [];
  for (const ni of Deno.networkInterfaces()) {
    if (ni.family !== "IPv4" && ni.family !== "IPv6") continue;
    if (!sysFlags.has(ni.name)) {
      const text = /^[\w.:@-]+$/.test(ni.name)
        ? readText(`/sys/class/net/${ni.name}/flags`)
        : undefined;
      sysFlags.set(ni.name, text === undefined ? undefined : flagsFromSysfs(text));
    }
    const flags = new Set<IfFlag>(sysFlags.get(ni.name) ?? []);
    flags.add("up");
    if (ni.name === "lo" || isLoopbackAddress(ni.family, ni.address)) flags.add("loopback");
    out.push({
      name: ni.name,
      address: ni.address.replace(/%.*$/, ""),
      family: ni.family,
      prefixLength: prefixFromCidr(ni.cidr, ni.family),
      flags,
      isDefault: defaults.has(ni.name),
    });
  }
  return out;
}
