import { assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import { gatewayKind, validateGatewayFlags } from "../../src/gateway/kinds.ts";
import { CliError } from "../../src/errors.ts";
import { makeOptions } from "./options_fixture.ts";

const BAD_GATEWAY = "Gateway must be one of: api, terminating, mesh, or ingress";

Deno.test("gatewayKind maps the four gateways and rejects anything else", () => {
  const table: [string, string][] = [
    ["api", "api-gateway"],
    ["mesh", "mesh-gateway"],
    ["terminating", "terminating-gateway"],
    ["ingress", "ingress-gateway"],
  ];
  for (const [gateway, kind] of table) assertEquals(gatewayKind(gateway), kind);
  for (const bad of ["Mesh", "mesh-gateway", "egress", "toString", "__proto__", " mesh"]) {
    assertThrowsMatching(() => gatewayKind(bad), { name: "CliError", message: BAD_GATEWAY }, bad);
  }
});

Deno.test("validateGatewayFlags: accepted combinations", () => {
  const table: [Parameters<typeof makeOptions>[0], { kind: string; serviceName: string }][] = [
    [{}, { kind: "", serviceName: "" }],
    [{ service: "web" }, { kind: "", serviceName: "web" }],
    [{ gateway: "ingress" }, { kind: "ingress-gateway", serviceName: "ingress-gateway" }],
    [{ gateway: "api", service: "my-gw" }, { kind: "api-gateway", serviceName: "my-gw" }],
    [{ meshGateway: true }, { kind: "mesh-gateway", serviceName: "mesh-gateway" }],
    [
      { meshGateway: true, exposeServers: true, register: true },
      { kind: "mesh-gateway", serviceName: "mesh-gateway" },
    ],
    [
      { gateway: "mesh", exposeServers: true, register: true },
      { kind: "mesh-gateway", serviceName: "mesh-gateway" },
    ],
    [
      { nodeName: "n1", proxyId: "p1", gateway: "terminating" },
      { kind: "terminating-gateway", serviceName: "terminating-gateway" },
    ],
  ];
  for (const [overrides, want] of table) {
    assertEquals(validateGatewayFlags(makeOptions(overrides)), want, JSON.stringify(overrides));
  }
});

Deno.test("validateGatewayFlags: Consul's messages, in step order", () => {
  const table: [Parameters<typeof makeOptions>[0], string][] = [
    [{ nodeName: "n1" }, "'-node-name' requires '-proxy-id'"],
    // the -node-name check comes before the -mesh-gateway/-gateway conflict
    [{ nodeName: "n1", meshGateway: true, gateway: "mesh" }, "'-node-name' requires '-proxy-id'"],
    [
      { meshGateway: true, gateway: "mesh", register: true },
      "The mesh-gateway flag is deprecated and cannot be used alongside the gateway flag",
    ],
    [
      { meshGateway: true, gateway: "bogus" },
      "The mesh-gateway flag is deprecated and cannot be used alongside the gateway flag",
    ],
    [{ exposeServers: true }, "'-expose-servers' can only be used for mesh gateways"],
    [
      { exposeServers: true, gateway: "ingress", register: true },
      "'-expose-servers' can only be used for mesh gateways",
    ],
    // the gateway-kind check runs after the -expose-servers checks
    [
      { exposeServers: true, gateway: "bogus" },
      "'-expose-servers' can only be used for mesh gateways",
    ],
    [{ exposeServers: true, gateway: "mesh" }, "'-expose-servers' requires '-register'"],
    [{ exposeServers: true, meshGateway: true }, "'-expose-servers' requires '-register'"],
    [{ gateway: "bogus" }, BAD_GATEWAY],
    [{ gateway: "bogus", service: "x", register: true }, BAD_GATEWAY],
  ];
  for (const [overrides, message] of table) {
    assertThrowsMatching(
      () => validateGatewayFlags(makeOptions(overrides)),
      (err: unknown) => err instanceof CliError && err.message === message,
      JSON.stringify(overrides),
    );
  }
});
