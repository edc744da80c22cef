import { assertEquals, assertRejects } from "../helpers/assert.ts";
import { fetchRegistration, isMissingRegistration } from "../../src/agent/fetch_registration.ts";
import { type AgentClient, AgentRequestError, type JsonObject } from "../../src/agent/types.ts";
import { CliError } from "../../src/errors.ts";

function client(
  service: () => Promise<JsonObject>,
  catalog: () => Promise<JsonObject> = () => Promise.reject(new Error("unused")),
): AgentClient {
  const no = () => Promise.reject(new Error("unused"));
  return {
    services: no,
    self: no,
    register: no,
    tokenSelf: no,
    service,
    catalogNodeServices: catalog,
    proxyDefaults: no,
    deregister: no,
    close: () => Promise.resolve(),
  };
}

Deno.test("fetchRegistration: agent path, fields case-insensitive", async () => {
  const reg = await fetchRegistration(
    client(() =>
      Promise.resolve({
        service: "web-proxy",
        proxy: { DestinationServiceName: "web" },
        datacenter: "dc2",
      })
    ),
    "web-proxy",
    "",
  );
  assertEquals(reg, {
    service: { service: "web-proxy", proxy: { DestinationServiceName: "web" }, datacenter: "dc2" },
    proxy: { DestinationServiceName: "web" },
    datacenter: "dc2",
  });
});

Deno.test("fetchRegistration: catalog path takes the node's datacenter and the service kind", async () => {
  const answer = {
    Node: { Datacenter: "dc9" },
    Services: [{ Kind: "ingress-gateway", ID: "gw", Proxy: {} }],
  };
  const reg = await fetchRegistration(
    client(() => Promise.reject(new Error("unused")), () => Promise.resolve(answer)),
    "gw",
    "node-1",
  );
  assertEquals(reg.datacenter, "dc9");
  assertEquals(reg.catalogKind, "ingress-gateway");
});

Deno.test("fetchRegistration: Consul's error texts", async (t) => {
  const cases: [string, AgentClient, string, string][] = [
    [
      "agent failure",
      client(() =>
        Promise.reject(
          new AgentRequestError("Unexpected response code: 404 (unknown service ID: p)", 404),
        )
      ),
      "",
      "failed fetch proxy config from local agent: Unexpected response code: 404 (unknown service ID: p)",
    ],
    [
      "not a proxy",
      client(() => Promise.resolve({ Service: "p" })),
      "",
      "service is not a Connect proxy or gateway",
    ],
    [
      "catalog failure",
      client(() => Promise.resolve({}), () => Promise.reject(new AgentRequestError("boom"))),
      "n",
      'failed to fetch proxy config from catalog for node "n": boom',
    ],
    [
      "catalog none",
      client(() => Promise.resolve({}), () => Promise.resolve({ Node: null, Services: null })),
      "n",
      'Proxy service with ID "p" not found',
    ],
    [
      "catalog several",
      client(
        () => Promise.resolve({}),
        () => Promise.resolve({ Services: [{ Proxy: {} }, { Proxy: {} }] }),
      ),
      "n",
      'Expected to find only one proxy service with ID "p", but more were found',
    ],
  ];
  for (const [name, c, node, message] of cases) {
    await t.step(name, async () => {
      const err = await assertRejects(() => fetchRegistration(c, "p", node), CliError);
      assertEquals(err.message, message);
    });
  }
});

Deno.test("isMissingRegistration: only 'not registered (yet)' failures are retryable", () => {
  assertEquals(isMissingRegistration(new Error("No sidecar proxy registered for web")), true);
  assertEquals(
    isMissingRegistration(new Error("No ingress-gateway services registered with this agent")),
    true,
  );
  assertEquals(
    isMissingRegistration(
      new Error(
        "failed fetch proxy config from local agent: Unexpected response code: 404 (unknown service ID: p)",
      ),
    ),
    true,
  );
  assertEquals(isMissingRegistration(new Error('Proxy service with ID "p" not found')), true);
  assertEquals(
    isMissingRegistration(
      new Error("failed fetch proxy config from local agent: Unexpected response code: 500 (x)"),
    ),
    false,
  );
  assertEquals(
    isMissingRegistration(
      new Error("Failed looking up sidecar proxy info for web: connection refused"),
    ),
    false,
  );
});
