import { assert, assertEquals } from "../helpers/assert.ts";
import {
  defaultRouteFromIpCommand,
  defaultRouteInterfaces,
  flagsFromSysfs,
  systemInterfaces,
} from "../../src/gateway/sockaddr/system.ts";
import { expandSockaddrTemplate } from "../../src/gateway/sockaddr/mod.ts";

const ROUTE_HEADER =
  "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

Deno.test("sockaddr system: default route from /proc/net/route", () => {
  const table: [string, string[]][] = [
    ["eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n", ["eth0"]],
    ["eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n", []],
    // default route that is not up (flags without RTF_UP) is ignored
    ["wlan0\t00000000\t010200C0\t0002\t0\t0\t0\t00000000\t0\t0\t0\n", []],
    ["", []],
  ];
  for (const [rows, expected] of table) {
    assertEquals([...defaultRouteInterfaces(ROUTE_HEADER + rows)], expected);
  }
});

Deno.test("sockaddr system: default route from `ip route` output", () => {
  const table: [string, string[]][] = [
    ["default via 192.0.2.1 dev eth0 \n192.0.2.0/24 dev eth0 proto kernel scope link\n", ["eth0"]],
    ["default via 10.0.0.1 dev wlp2s0 proto dhcp metric 600\n", ["wlp2s0"]],
    ["10.0.0.0/8 dev eth1\n", []],
    ["", []],
  ];
  for (const [out, expected] of table) assertEquals([...defaultRouteFromIpCommand(out)], expected);
});

Deno.test("sockaddr system: sysfs flag bits", () => {
  const table: [string, string[]][] = [
    ["0x1003\n", ["up", "broadcast", "multicast"]],
    ["0x9", ["up", "loopback"]],
    ["0x1091", ["up", "pointtopoint", "multicast"]],
    ["0x1002", ["broadcast", "multicast"]],
  ];
  for (const [text, expected] of table) assertEquals([...flagsFromSysfs(text)!], expected);
  assertEquals(flagsFromSysfs("garbage"), undefined);
});

Deno.test("sockaddr system: host interfaces are well-formed and usable", () => {
  const ifaces = systemInterfaces();
  assert(ifaces.length > 0, "expected at least one interface");
  for (const i of ifaces) {
    assert(i.flags.has("up"), `${i.name} should be up`);
    assert(i.prefixLength >= 0 && i.prefixLength <= (i.family === "IPv4" ? 32 : 128));
    if (i.address === "127.0.0.1" || i.address === "::1") assert(i.flags.has("loopback"));
  }
  const all = expandSockaddrTemplate('{{ GetAllInterfaces | join "address" " " }}', ifaces);
  assertEquals(all, ifaces.map((i) => i.address).join(" "));
});
