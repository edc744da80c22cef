import { assertEquals } from "../helpers/assert.ts";
import { initialIdentity, refineIdentity } from "../../src/pipeline/identity.ts";

const base = { namespace: "", partition: "" };

Deno.test("initialIdentity: sidecar-for, gateway service, else proxy ID", async (t) => {
  const cases = [
    {
      name: "sidecar-for",
      p: { ...base, proxyId: "web-proxy", sidecarFor: "web", gatewayKind: "", gatewayService: "" },
      want: ["web", "web"],
    },
    {
      name: "gateway",
      p: {
        ...base,
        proxyId: "gw-1",
        sidecarFor: "",
        gatewayKind: "mesh-gateway",
        gatewayService: "mesh-gateway",
      },
      want: ["mesh-gateway", "mesh-gateway"],
    },
    {
      name: "proxy id only",
      p: { ...base, proxyId: "test-proxy", sidecarFor: "", gatewayKind: "", gatewayService: "" },
      want: ["test-proxy", ""],
    },
  ];
  for (const c of cases) {
    await t.step(c.name, () => {
      const id = initialIdentity(c.p);
      assertEquals([id.proxyCluster, id.proxySourceService], c.want);
    });
  }
});

Deno.test("refineIdentity: destination name wins, else Service; tenancy from the registration", () => {
  const init = initialIdentity({
    ...base,
    namespace: "ns-flag",
    proxyId: "p",
    sidecarFor: "",
    gatewayKind: "",
    gatewayService: "",
  });
  const sidecar = refineIdentity(init, { Service: "p", Namespace: "team" }, {
    DestinationServiceName: "db",
  }, "dc2");
  assertEquals(sidecar, {
    proxyCluster: "db",
    proxySourceService: "db",
    namespace: "team",
    partition: "",
    datacenter: "dc2",
  });
  const gateway = refineIdentity(init, { Service: "ingress" }, {}, "");
  assertEquals(gateway, {
    proxyCluster: "p",
    proxySourceService: "ingress",
    namespace: "ns-flag",
    partition: "",
    datacenter: "",
  });
});
