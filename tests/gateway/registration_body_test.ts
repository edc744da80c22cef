import { assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import { buildRegistration, type RegistrationParams } from "../../src/gateway/registration_body.ts";
import { resolveAddressFlags } from "../../src/gateway/address.ts";
import { validateGatewayFlags } from "../../src/gateway/kinds.ts";
import { CliError } from "../../src/errors.ts";
import type { Options } from "../../src/cli/options.ts";
import { makeOptions } from "./options_fixture.ts";

const LOCAL = ["127.0.0.1", "10.0.0.5", "::1"];

/** Registration params the way the pipeline derives them from flags (with -register). */
function paramsFor(
  overrides: Partial<Options>,
  extra: Partial<RegistrationParams> = {},
): RegistrationParams {
  const o = makeOptions({ register: true, ...overrides });
  const gw = validateGatewayFlags(o);
  const addrs = resolveAddressFlags(o, (t) => t);
  return {
    kind: gw.kind,
    proxyId: o.proxyId !== "" ? o.proxyId : gw.serviceName,
    serviceName: gw.serviceName,
    lan: addrs.lan,
    wan: addrs.wan,
    bindAddresses: addrs.bindAddresses,
    exposeServers: o.exposeServers,
    deregisterAfterCritical: o.deregisterAfterCritical,
    dualStack: false,
    localAddresses: LOCAL,
    ...extra,
  };
}

Deno.test("a mesh gateway registration, byte for byte as Consul's Go client sends it", () => {
  const body = buildRegistration(paramsFor({
    gateway: "mesh",
    address: "10.0.0.5:8443",
    wanAddress: "203.0.113.9:443",
    bindAddresses: ["default=0.0.0.0:8443"],
    exposeServers: true,
  }));
  assertEquals(
    body,
    '{"Kind":"mesh-gateway","ID":"mesh-gateway","Name":"mesh-gateway","Port":8443,"Address":"10.0.0.5","TaggedAddresses":{"lan":{"Address":"10.0.0.5","Port":8443},"wan":{"Address":"203.0.113.9","Port":443}},"Meta":{"consul-wan-federation":"1"},"Check":{"Name":"mesh-gateway listening","Interval":"10s","TCP":"10.0.0.5:8443","DeregisterCriticalServiceAfter":"6h"},"Checks":null,"Proxy":{"Config":{"envoy_gateway_bind_addresses":{"default":{"Address":"0.0.0.0","Port":8443}},"envoy_gateway_no_default_bind":true},"MeshGateway":{},"Expose":{}}}\n',
  );
});

Deno.test("without address flags: no Address, TaggedAddresses or Proxy; default check host", () => {
  const table: [boolean, string][] = [[false, "127.0.0.1:8443"], [true, "[::1]:8443"]];
  for (const [dualStack, tcp] of table) {
    const body = buildRegistration(
      paramsFor({ gateway: "mesh", exposeServers: true }, { dualStack }),
    );
    assertEquals(
      body,
      '{"Kind":"mesh-gateway","ID":"mesh-gateway","Name":"mesh-gateway","Port":8443,' +
        `"Meta":{"consul-wan-federation":"1"},"Check":{"Name":"mesh-gateway listening","Interval":"10s","TCP":"${tcp}","DeregisterCriticalServiceAfter":"6h"},"Checks":null}\n`,
    );
  }
});

Deno.test("conformance ingress registrations (Consul's TestEnvoy_GatewayRegistration fields)", () => {
  const a = JSON.parse(buildRegistration(
    paramsFor({ gateway: "ingress", service: "my-gateway", proxyId: "my-gateway-123" }),
  ));
  assertEquals(a, {
    Kind: "ingress-gateway",
    ID: "my-gateway-123",
    Name: "my-gateway",
    Port: 8443,
    Check: {
      Name: "ingress-gateway listening",
      Interval: "10s",
      TCP: "127.0.0.1:8443",
      DeregisterCriticalServiceAfter: "6h",
    },
    Checks: null,
  });
  // a bindable LAN address alone: tagged lan, no Proxy, no error
  const b = JSON.parse(buildRegistration(
    paramsFor({ gateway: "ingress", service: "my-gateway", address: "127.0.0.1:7777" }),
  ));
  assertEquals(b.ID, "my-gateway");
  assertEquals(b.Port, 7777);
  assertEquals(b.Address, "127.0.0.1");
  assertEquals(b.TaggedAddresses, { lan: { Address: "127.0.0.1", Port: 7777 } });
  assertEquals(b.Check.TCP, "127.0.0.1:7777");
  assertEquals("Proxy" in b, false);
});

Deno.test("api-gateway sends a null Check; other kinds name the check after the kind", () => {
  const api = buildRegistration(paramsFor({ gateway: "api" }));
  assertEquals(
    api,
    '{"Kind":"api-gateway","ID":"api-gateway","Name":"api-gateway","Port":8443,"Check":null,"Checks":null}\n',
  );
  for (const gateway of ["mesh", "terminating", "ingress"]) {
    const body = JSON.parse(buildRegistration(paramsFor({ gateway })));
    assertEquals(body.Check.Name, `${gateway}-gateway listening`);
  }
});

Deno.test("IPv6 LAN address: bracketed check target", () => {
  const body = JSON.parse(buildRegistration(
    paramsFor({ gateway: "terminating", address: "[::1]:9443", wanAddress: "[::1]:443" }),
  ));
  assertEquals(body.Address, "::1");
  assertEquals(body.Check.TCP, "[::1]:9443");
  assertEquals(body.Proxy.Config, {
    envoy_gateway_bind_tagged_addresses: true,
    envoy_gateway_no_default_bind: true,
  });
});

Deno.test("bind-tagged-addresses only when both LAN and WAN are local", () => {
  const both = buildRegistration(
    paramsFor({ gateway: "mesh", address: "10.0.0.5:8443", wanAddress: "127.0.0.1:443" }),
  );
  assertEquals(
    both.endsWith(
      ',"Proxy":{"Config":{"envoy_gateway_bind_tagged_addresses":true,"envoy_gateway_no_default_bind":true},"MeshGateway":{},"Expose":{}}}\n',
    ),
    true,
    both,
  );
  // WAN not local (or unset): no Proxy, no error
  for (const wanAddress of ["203.0.113.9:443", undefined]) {
    const body = JSON.parse(
      buildRegistration(paramsFor({ gateway: "mesh", address: "10.0.0.5:8443", wanAddress })),
    );
    assertEquals("Proxy" in body, false, String(wanAddress));
  }
});

Deno.test("bind addresses: sorted names, Port always present, win over tagged addresses", () => {
  const body = buildRegistration(paramsFor({
    gateway: "mesh",
    address: "192.0.2.1:8443", // not local, but -bind-address overrides the check
    bindAddresses: ["wan=203.0.113.9:0", "lan=10.0.0.5", "Z=:1", "é=1.1.1.1:2"],
  }));
  const proxy = body.slice(body.indexOf('"Proxy":'));
  assertEquals(
    proxy,
    '"Proxy":{"Config":{"envoy_gateway_bind_addresses":{"Z":{"Address":"","Port":1},"lan":{"Address":"10.0.0.5","Port":8443},"wan":{"Address":"203.0.113.9","Port":0},"é":{"Address":"1.1.1.1","Port":2}},"envoy_gateway_no_default_bind":true},"MeshGateway":{},"Expose":{}}}\n',
  );
});

Deno.test("LAN address that is not local (and no -bind-address) is an error", () => {
  const table: [string, string][] = [
    ["192.0.2.1:8443", "192.0.2.1"],
    ["localhost:3333", "localhost"],
    ["[2001:db8::1]:1", "2001:db8::1"],
  ];
  for (const [address, shown] of table) {
    assertThrowsMatching(
      () => buildRegistration(paramsFor({ gateway: "mesh", address })),
      (err: unknown) =>
        err instanceof CliError &&
        err.message ===
          `The LAN address "${shown}" will not be bindable. Either set a bindable address or override the bind addresses with -bind-address`,
      address,
    );
  }
});

Deno.test("Port omitted when 0; empty deregister-after-critical omitted; HTML-safe escaping", () => {
  const body = buildRegistration(
    paramsFor({ gateway: "terminating", address: "127.0.0.1:0", deregisterAfterCritical: "" }),
  );
  assertEquals(body.includes('"lan":{"Address":"127.0.0.1","Port":0}'), true, body);
  assertEquals(body.startsWith('{"Kind":"terminating-gateway","ID":"terminating-gateway",'), true);
  assertEquals(body.includes('"Name":"terminating-gateway","Address"'), true, body);
  assertEquals(body.includes('"TCP":"127.0.0.1:0"}'), true, body);
  assertEquals(body.includes("DeregisterCriticalServiceAfter"), false);

  const escaped = buildRegistration(paramsFor({
    gateway: "ingress",
    service: 'a<b>&c\u2028"\n',
    deregisterAfterCritical: "1h<",
  }));
  assertEquals(
    escaped,
    '{"Kind":"ingress-gateway","ID":"a\\u003cb\\u003e\\u0026c\\u2028\\"\\n","Name":"a\\u003cb\\u003e\\u0026c\\u2028\\"\\n","Port":8443,"Check":{"Name":"ingress-gateway listening","Interval":"10s","TCP":"127.0.0.1:8443","DeregisterCriticalServiceAfter":"1h\\u003c"},"Checks":null}\n',
  );
  assertEquals(JSON.parse(escaped).Name, 'a<b>&c\u2028"\n');
});
