import { assertEquals, assertThrows } from "../helpers/assert.ts";
import {
  adminBindAddress,
  chooseXdsAddress,
  discoveredXdsAddress,
  discoverXdsPort,
  parseXdsAddress,
} from "../../src/pipeline/endpoint_addresses.ts";

Deno.test("discoverXdsPort: xDS ports, old agents and their errors", async (t) => {
  const cases: { name: string; self: Record<string, unknown>; want?: unknown; error?: string }[] = [
    {
      name: "TLS port wins",
      self: { xDS: { Ports: { TLS: 8503, Plaintext: 8502 } } },
      want: { scheme: "https://", port: 8503 },
    },
    {
      name: "plaintext when TLS is 0",
      self: { XDS: { Ports: { TLS: 0, Plaintext: 8502 } } },
      want: { scheme: "http://", port: 8502 },
    },
    {
      name: "key matched case-insensitively, numbers truncated",
      self: { xds: { ports: { plaintext: 9999.7 } } },
      want: { scheme: "http://", port: 9999 },
    },
    {
      name: "old agent: DebugConfig.GRPCPort, no scheme",
      self: { DebugConfig: { GRPCPort: 9999 } },
      want: { scheme: "", port: 9999 },
    },
    {
      name: "wrong types in xDS fall through to DebugConfig",
      self: { xDS: { Ports: { TLS: "x" } }, DebugConfig: { GRPCPort: 1 } },
      want: { scheme: "", port: 1 },
    },
    {
      name: "grpc disabled",
      self: { DebugConfig: { GRPCPort: -1 } },
      error: "agent has grpc disabled",
    },
    {
      name: "no debug config",
      self: { Config: {} },
      error: "unexpected agent response: no debug config",
    },
    {
      name: "no grpc port",
      self: { DebugConfig: {} },
      error: "agent does not have grpc port enabled",
    },
    {
      name: "grpc port not a number",
      self: { DebugConfig: { GRPCPort: "8502" } },
      error: "invalid grpc port in agent response",
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      if (c.error !== undefined) {
        assertThrows(() => discoverXdsPort(c.self), Error, c.error);
      } else {
        assertEquals(discoverXdsPort(c.self), c.want);
      }
    });
  }
});

Deno.test("discoveredXdsAddress: localhost, [::1] when dual-stack, 8502 when unknown", () => {
  assertEquals(
    discoveredXdsAddress({ scheme: "http://", port: 8502 }, false),
    "http://localhost:8502",
  );
  assertEquals(
    discoveredXdsAddress({ scheme: "https://", port: 8503 }, true),
    "https://[::1]:8503",
  );
  assertEquals(discoveredXdsAddress({ scheme: "", port: 0 }, false), "localhost:8502");
});

Deno.test("parseXdsAddress: schemes, sockets and errors", async (t) => {
  const cases: { addr: string; ca?: boolean; want?: unknown; error?: string }[] = [
    { addr: "localhost:9999", want: { kind: "tcp", host: "localhost", port: "9999", tls: false } },
    {
      addr: "http://127.0.0.1:8502",
      want: { kind: "tcp", host: "127.0.0.1", port: "8502", tls: false },
    },
    {
      addr: "https://127.0.0.1:8503",
      want: { kind: "tcp", host: "127.0.0.1", port: "8503", tls: true },
    },
    { addr: "[::1]:8502", want: { kind: "tcp", host: "::1", port: "8502", tls: false } },
    {
      addr: "unix:///var/run/consul.sock",
      want: { kind: "socket", path: "/var/run/consul.sock", tls: false },
    },
    {
      addr: "unix:///var/run/consul.sock",
      ca: true,
      want: { kind: "socket", path: "/var/run/consul.sock", tls: true },
    },
    {
      addr: "HTTPS://h:1",
      error: "Invalid Consul HTTP address: address HTTPS://h:1: too many colons in address",
    },
    {
      addr: "localhost",
      error: "Invalid Consul HTTP address: address localhost: missing port in address",
    },
    {
      addr: "http://:8502",
      error: 'invalid xDS address (-grpc-addr or CONSUL_GRPC_ADDR) "http://:8502": missing host',
    },
  ];
  for (const c of cases) {
    await t.step(`${c.addr}${c.ca ? " +ca" : ""}`, () => {
      if (c.error !== undefined) {
        assertThrows(() => parseXdsAddress(c.addr, c.ca ?? false), Error, c.error);
      } else {
        assertEquals(parseXdsAddress(c.addr, c.ca ?? false), c.want);
      }
    });
  }
});

Deno.test("chooseXdsAddress: flag wins; else discovered; 8502 default flagged", async (t) => {
  const self = { xDS: { Ports: { Plaintext: 9999 } } };
  const cases: [
    string,
    Record<string, unknown> | undefined,
    boolean,
    { address: string; defaulted: boolean },
  ][] = [
    ["localhost:1234", self, false, { address: "localhost:1234", defaulted: false }],
    ["", self, false, { address: "http://localhost:9999", defaulted: false }],
    ["", self, true, { address: "http://[::1]:9999", defaulted: false }],
    ["", undefined, false, { address: "localhost:8502", defaulted: true }],
    ["", { DebugConfig: { GRPCPort: 0 } }, true, { address: "[::1]:8502", defaulted: true }],
  ];
  for (const [flag, body, dual, want] of cases) {
    await t.step(
      `${flag || "(discover)"} dual=${dual}`,
      () => assertEquals(chooseXdsAddress(flag, body, dual), want),
    );
  }
  await t.step("discovery errors propagate", () => {
    assertThrows(
      () => chooseXdsAddress("", { DebugConfig: { GRPCPort: -1 } }, false),
      Error,
      "agent has grpc disabled",
    );
  });
});

Deno.test("adminBindAddress: flag, else localhost or [::1] by dual-stack", () => {
  assertEquals(adminBindAddress("0.0.0.0:19001", true), "0.0.0.0:19001");
  assertEquals(adminBindAddress("", false), "localhost:19000");
  assertEquals(adminBindAddress("", true), "[::1]:19000");
});
