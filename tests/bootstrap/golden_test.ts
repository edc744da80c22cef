/**
 * End-to-end: the builder's output for conformance cases equals Consul's
 * golden files byte for byte (input derived from each case's own inputs).
 * The cases live beside the clone (`../shared/conformance/cases`). Without
 * them the cases are skipped on a developer's machine, but under CI (`CI`
 * set) their absence is a failure: CI must never pass without them.
 */

import { assertEquals } from "../helpers/assert.ts";
import { renderBootstrap } from "../../src/bootstrap/mod.ts";
import { CASES_DIR, casesAvailable, inputFromCase, loadCase } from "./golden_cases.ts";

const CASES = [
  "defaults",
  "defaults-with-dual-stack",
  "access-log-path",
  "access-logs-enabled",
  "acl-enabled-and-token",
  "admin-bind-flag-with-dual-stack",
  "both-CONSUL_HTTP_ADDR-TLS-and-CONSUL_GRPC_ADDR-PLAIN-is-plain",
  "CONSUL_GRPC_ADDR-with-https-scheme-enables-tls",
  "CONSUL_HTTP_ADDR-with-https-scheme-does-not-affect-grpc-tls",
  "custom-bootstrap",
  "deprecated-grpc-addr-config",
  "envoy-readiness-probe",
  "existing-ca-file-dualstack",
  "existing-ca-path",
  "extra_-multiple",
  "extra_-single",
  "extra_-single-dualstack",
  "grpc-addr-env",
  "grpc-addr-flag-with-dual-stack",
  "grpc-addr-unix",
  "grpc-addr-unix-with-tls",
  "grpc-tls-addr-config",
  "ingress-gateway",
  "ingress-gateway-address-specified",
  "prometheus-metrics",
  "prometheus-metrics-dualstack",
  "prometheus-metrics-tls-ca-file",
  "prometheus-metrics-tls-ca-path",
  "stats-config-override",
  "telemetry-collector",
  "token-arg",
  "token-env",
  "token-file-arg",
  "xds-addr-config",
  "zipkin-tracing-config-dualstack",
];

const available = casesAvailable();
const underCi = (Deno.env.get("CI") ?? "") !== "";

if (!available && underCi) {
  Deno.test("golden: the conformance cases are present (required when CI is set)", () => {
    throw new Error(`conformance cases not found at ${CASES_DIR}: put shared/ beside the clone`);
  });
} else if (!available) {
  console.log(`golden_test: no conformance cases at ${CASES_DIR}; golden cases skipped`);
}

for (const name of CASES) {
  Deno.test({
    name: `golden: ${name}`,
    ignore: !available,
    async fn() {
      const { expected } = loadCase(name);
      const text = await renderBootstrap(inputFromCase(name), { getEnv: () => undefined });
      // `-bootstrap` prints the document plus one newline.
      assertEquals(text + "\n", expected);
    },
  });
}
