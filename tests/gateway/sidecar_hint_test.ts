import { assertEquals } from "../helpers/assert.ts";
import { type ServiceSummary, sidecarForOwnIdHint } from "../../src/gateway/sidecar_hint.ts";

const svc = (kind: string, id: string, dest = ""): ServiceSummary => ({
  kind,
  id,
  destinationServiceId: dest,
  hasProxy: kind === "connect-proxy",
});

Deno.test("sidecarForOwnIdHint: the proxy's own ID suggests -proxy-id", () => {
  const services = [
    svc("", "web"),
    svc("connect-proxy", "web-sidecar-proxy", "web"),
    svc("connect-proxy", "orphan-proxy"),
    svc("mesh-gateway", "mgw"),
  ];
  const table: [string, string | undefined][] = [
    [
      "web-sidecar-proxy",
      "-sidecar-for web-sidecar-proxy names a sidecar proxy itself (the sidecar of web), not the " +
      "service it fronts; use -proxy-id web-sidecar-proxy or -sidecar-for web",
    ],
    [
      "orphan-proxy",
      "-sidecar-for orphan-proxy names a sidecar proxy itself, not the service it fronts; " +
      "use -proxy-id orphan-proxy",
    ],
    ["WEB-SIDECAR-PROXY", undefined],
    ["mgw", undefined],
    ["web", undefined],
    ["nope", undefined],
  ];
  for (const [input, want] of table) {
    assertEquals(sidecarForOwnIdHint(input, services), want, input);
  }
});
