import { assertEquals } from "../helpers/assert.ts";
import {
  telemetryCluster,
  telemetrySink,
  telemetrySocketPath,
} from "../../src/bootstrap/telemetry.ts";

Deno.test("telemetrySocketPath: sha1 base64url of <namespace|default>_<proxyID>", () => {
  assertEquals(
    telemetrySocketPath("/tmp/consul/telemetry-collector", "", "test-proxy"),
    "/tmp/consul/telemetry-collector/k3bWnyJyKvjUYXrBdOX2nXzSSCQ.sock",
  );
  // same identity spelled with the explicit default namespace
  assertEquals(
    telemetrySocketPath("/tmp/x/", "default", "test-proxy"),
    "/tmp/x/k3bWnyJyKvjUYXrBdOX2nXzSSCQ.sock",
  );
  const other = telemetrySocketPath("d", "ns1", "test-proxy");
  assertEquals(/^d\/[A-Za-z0-9_-]{27}\.sock$/.test(other), true);
  assertEquals(other === "d/k3bWnyJyKvjUYXrBdOX2nXzSSCQ.sock", false);
});

Deno.test("telemetry sink and cluster shapes", () => {
  assertEquals(Object.keys(telemetrySink().typed_config), [
    "@type",
    "transport_api_version",
    "grpc_service",
    "emit_tags_as_labels",
  ]);
  const c = telemetryCluster("/s.sock");
  assertEquals(Object.keys(c), [
    "name",
    "type",
    "typed_extension_protocol_options",
    "loadAssignment",
  ]);
  assertEquals(c.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address, {
    pipe: { path: "/s.sock" },
  });
});
