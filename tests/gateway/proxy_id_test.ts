import { assertEquals, assertRejectsMatching } from "../helpers/assert.ts";
import {
  gatewayKindFilter,
  type ProxyIdParams,
  resolveProxyId,
} from "../../src/gateway/proxy_id.ts";
import { type AgentClient, AgentRequestError, type JsonObject } from "../../src/agent/types.ts";
import { CliError } from "../../src/errors.ts";

/** An agent stub answering `services()` from `answer`; records the filters. */
function stubClient(answer: Record<string, JsonObject> | Error) {
  const filters: (string | undefined)[] = [];
  const unused = () => Promise.reject(new Error("not expected in this test"));
  const client: AgentClient = {
    services(filter?: string) {
      filters.push(filter);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    self: unused,
    register: unused,
    tokenSelf: unused,
    service: unused,
    catalogNodeServices: unused,
    proxyDefaults: unused,
    deregister: unused,
    close: () => Promise.resolve(),
  };
  return { client, filters };
}

function sidecar(id: string, dest: string): JsonObject {
  return {
    Kind: "connect-proxy",
    ID: id,
    Service: `${id}-svc`,
    Proxy: { DestinationServiceID: dest },
  };
}

const base: ProxyIdParams = {
  proxyId: "",
  sidecarFor: "",
  kind: "",
  serviceName: "",
  register: false,
};
const NO_ID = "No proxy ID specified. One of -proxy-id, -sidecar-for, or -gateway is required";

Deno.test("gatewayKindFilter uses backquotes", () => {
  assertEquals(gatewayKindFilter("ingress-gateway"), "Kind == `ingress-gateway`");
});

Deno.test("explicit proxy ID skips every lookup", async () => {
  const { client, filters } = stubClient(new Error("must not be called"));
  const r = await resolveProxyId(
    { proxyId: "p1", sidecarFor: "web", kind: "mesh-gateway", serviceName: "gw", register: false },
    client,
  );
  assertEquals(r, { proxyId: "p1", serviceName: "gw", lookedUp: false });
  assertEquals(filters, []);
});

Deno.test("sidecar lookup: one match, case-insensitive, fields read case-insensitively", async () => {
  const table: [Record<string, JsonObject>, string][] = [
    [{ a: sidecar("web-proxy", "web"), b: sidecar("db-proxy", "db") }, "web-proxy"],
    [{ a: sidecar("web-proxy", "WEB") }, "web-proxy"],
    [
      { a: { kind: "connect-proxy", id: "lower", proxy: { destinationserviceid: "Web" } } },
      "lower",
    ],
    // the ID comes from the service object, not the map key
    [{ "map-key": sidecar("real-id", "web") }, "real-id"],
    // non-sidecars are ignored
    [{
      a: { Kind: "", ID: "web", Service: "web" },
      b: { Kind: "mesh-gateway", ID: "gw", Proxy: { DestinationServiceID: "web" } },
      c: { Kind: "connect-proxy", ID: "noproxy" },
      d: sidecar("web-sidecar", "web"),
    }, "web-sidecar"],
  ];
  for (const [services, want] of table) {
    const { client, filters } = stubClient(services);
    const r = await resolveProxyId({ ...base, sidecarFor: "web", kind: "mesh-gateway" }, client);
    assertEquals(r, { proxyId: want, serviceName: "", lookedUp: true });
    assertEquals(filters, [undefined]);
  }
});

Deno.test("sidecar lookup errors", async () => {
  const table: [Record<string, JsonObject> | Error, string][] = [
    [{}, "No sidecar proxy registered for web"],
    [{ a: sidecar("other-proxy", "other") }, "No sidecar proxy registered for web"],
    [
      {
        x: sidecar("web-proxy-2", "web"),
        y: sidecar("web-proxy-1", "Web"),
        z: sidecar("a", "WEB"),
      },
      "More than one sidecar proxy registered for web.\n" +
      "    Start proxy with -proxy-id and one of the following IDs: a, web-proxy-1, web-proxy-2",
    ],
    [
      new AgentRequestError("Unexpected response code: 403 (Permission denied)", 403),
      "Failed looking up sidecar proxy info for web: Unexpected response code: 403 (Permission denied)",
    ],
    [
      { a: { Kind: 7 } },
      "Failed looking up sidecar proxy info for web: json: cannot unmarshal number into Go struct field AgentService.Kind of type string",
    ],
  ];
  for (const [answer, message] of table) {
    const { client } = stubClient(answer);
    await assertRejectsMatching(
      resolveProxyId({ ...base, sidecarFor: "web" }, client),
      (err: unknown) => err instanceof CliError && err.message === message,
      message,
    );
  }
});

Deno.test("gateway lookup: one instance sets ID and service name", async () => {
  const { client, filters } = stubClient({
    "ingress-1": { Kind: "ingress-gateway", ID: "ingress-1", Service: "my-ingress" },
  });
  const r = await resolveProxyId(
    { ...base, kind: "ingress-gateway", serviceName: "ingress-gateway" },
    client,
  );
  assertEquals(r, { proxyId: "ingress-1", serviceName: "my-ingress", lookedUp: true });
  assertEquals(filters, ["Kind == `ingress-gateway`"]);
});

Deno.test("gateway lookup errors", async () => {
  const gw = (id: string) => ({ Kind: "mesh-gateway", ID: id, Service: "mesh-gateway" });
  const table: [Record<string, JsonObject> | Error, string][] = [
    [{}, "No mesh-gateway services registered with this agent"],
    [
      { a: gw("a"), b: gw("b") },
      "Cannot lookup the mesh-gateway's proxy ID because multiple are registered with the agent",
    ],
    [
      new AgentRequestError("Unexpected response code: 400 (bad filter)", 400),
      "Failed looking up mesh-gateway instances: Unexpected response code: 400 (bad filter)",
    ],
    [{ a: { Kind: "mesh-gateway", ID: "", Service: "x" } }, NO_ID],
  ];
  for (const [answer, message] of table) {
    const { client } = stubClient(answer);
    await assertRejectsMatching(
      resolveProxyId({ ...base, kind: "mesh-gateway", serviceName: "mesh-gateway" }, client),
      (err: unknown) => err instanceof CliError && err.message === message,
      message,
    );
  }
});

Deno.test("-register uses the gateway service name without asking the agent", async () => {
  const { client, filters } = stubClient(new Error("must not be called"));
  const r = await resolveProxyId(
    { ...base, kind: "ingress-gateway", serviceName: "my-gateway", register: true },
    client,
  );
  assertEquals(r, { proxyId: "my-gateway", serviceName: "my-gateway", lookedUp: false });
  assertEquals(filters, []);
});

Deno.test("-sidecar-for beats -gateway", async () => {
  const { client, filters } = stubClient({ a: sidecar("web-proxy", "web") });
  const r = await resolveProxyId(
    { ...base, sidecarFor: "web", kind: "ingress-gateway", serviceName: "ig", register: true },
    client,
  );
  assertEquals(r.proxyId, "web-proxy");
  assertEquals(filters, [undefined]);
});

Deno.test("nothing to identify the proxy", async () => {
  const { client } = stubClient({});
  await assertRejectsMatching(
    resolveProxyId(base, client),
    (err: unknown) => err instanceof CliError && err.message === NO_ID,
  );
  // -register without a gateway does not invent an ID either
  await assertRejectsMatching(
    resolveProxyId({ ...base, register: true, serviceName: "x" }, client),
    {
      message: NO_ID,
    },
  );
});
