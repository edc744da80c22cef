/**
 * The fake agents the bad-input corpus runs against, by name. `demo` is the
 * project's demo fixture plus one proxy per bad `Proxy.Config` value (see
 * {@linkcode configProxies}); every other agent breaks one answer.
 *
 * @module
 */

import type { FakeAgentSpec, JsonObject } from "../../scripts/fake_agent.ts";
import { TOKENS } from "./harness.ts";
import { demoSpec } from "../helpers/demo_agent.ts";

/** A sidecar proxy (for `cfg-target`, so `-sidecar-for web` stays unambiguous) with `config`. */
export function proxyWithConfig(id: string, config: unknown): JsonObject {
  return {
    Kind: "connect-proxy",
    ID: id,
    Service: id,
    Port: 21000,
    Proxy: {
      DestinationServiceName: "cfg-target",
      DestinationServiceID: "cfg-target",
      LocalServicePort: 8080,
      Config: config,
    },
    Datacenter: "dc1",
  };
}

/** Proxy ID → `Proxy.Config` of the proxies added to the `demo` agent. */
export const configProxies: Record<string, unknown> = {};

/** Register a proxy with `config` on the demo agent; returns its ID. */
export function configProxy(id: string, config: unknown): string {
  configProxies[id] = config;
  return id;
}

const SELF = "/v1/agent/self";
const SERVICES = "/v1/agent/services";
const SIDECAR = "/v1/agent/service/web-sidecar-proxy";
const DEFAULTS = "/v1/config/proxy-defaults/global";
const REGISTER = "/v1/agent/service/register";

/** The demo agent with one path answering `status`/`body`. */
function failing(path: string, status: number, body = ""): FakeAgentSpec {
  return { ...demoSpec(), failWith: { [path]: { status, body } } };
}

/** The demo agent with `/v1/agent/self` replaced by `self`. */
function withSelf(self: unknown): FakeAgentSpec {
  return { ...demoSpec(), self: self as JsonObject };
}

/** 17 MiB of JSON: more than the client's 16 MiB cap. */
function hugeBody(): string {
  return `{"Pad": "${"x".repeat(17 * 1024 * 1024)}"}`;
}

function gateway(id: string, kind: string): JsonObject {
  return { Kind: kind, ID: id, Service: kind, Port: 8443, Proxy: {}, Datacenter: "dc1" };
}

/** Every agent the corpus uses, built lazily (the huge one is big). */
export const AGENTS: Record<string, () => FakeAgentSpec> = {
  demo: () => {
    const spec = demoSpec();
    for (const [id, config] of Object.entries(configProxies)) {
      spec.services![id] = proxyWithConfig(id, config);
    }
    spec.services!["app-only"] = { Kind: "", ID: "app-only", Service: "app-only", Port: 9090 };
    // A service for "lonely" whose only "sidecar" has the wrong Kind.
    spec.services!["lonely"] = { Kind: "", ID: "lonely", Service: "lonely", Port: 1 };
    spec.services!["lonely-sidecar"] = {
      Kind: "mesh-gateway",
      ID: "lonely-sidecar",
      Service: "lonely-sidecar",
      Proxy: { DestinationServiceID: "lonely" },
    };
    spec.services!["mgw-1"] = gateway("mgw-1", "terminating-gateway");
    spec.services!["mgw-2"] = gateway("mgw-2", "terminating-gateway");
    return spec;
  },
  "proxy-is-string": () => {
    const spec = demoSpec();
    spec.services!["proxy-is-string"] = {
      Kind: "connect-proxy",
      ID: "proxy-is-string",
      Service: "proxy-is-string",
      Proxy: "not an object",
    };
    return spec;
  },
  "self-500": () => failing(SELF, 500, "internal failure"),
  "self-401": () => failing(SELF, 401, "ACL support disabled"),
  "self-404": () => failing(SELF, 404, "404 page not found"),
  "self-not-json": () => failing(SELF, 200, "<html>definitely not json</html>"),
  "self-array": () => failing(SELF, 200, "[1, 2, 3]"),
  "self-string": () => failing(SELF, 200, '"just a string"'),
  "self-not-json-multiline": () => failing(SELF, 200, "oops\nsecond line"),
  "self-truncated": () => failing(SELF, 200, '{"Config": {"Datacenter": "dc1"'),
  "self-bad-bindaddr": () => withSelf({ Config: { BindAddr: "not-an-ip" } }),
  "self-config-array": () => withSelf({ Config: [1, 2], xDS: "ports?" }),
  "self-xds-wrong-type": () => withSelf({ xDS: { Ports: { Plaintext: "8502" } } }),
  "self-grpc-disabled": () => withSelf({ DebugConfig: { GRPCPort: -1 } }),
  "self-grpc-string": () => withSelf({ DebugConfig: { GRPCPort: "8502" } }),
  "services-500": () => failing(SERVICES, 500, "rpc error"),
  "services-403": () => failing(SERVICES, 403, "Permission denied"),
  "services-not-json": () => failing(SERVICES, 200, "not json at all"),
  "services-array": () => failing(SERVICES, 200, '[{"ID": "web-sidecar-proxy"}]'),
  "services-wrong-values": () => failing(SERVICES, 200, '{"web-sidecar-proxy": 42}'),
  "services-kind-number": () =>
    failing(
      SERVICES,
      200,
      '{"p": {"Kind": 7, "ID": "p", "Proxy": {"DestinationServiceID": "web"}}}',
    ),
  "sidecar-401": () => failing(SIDECAR, 401, "ACL support disabled"),
  "sidecar-403": () => failing(SIDECAR, 403, "Permission denied: token lacks service:read"),
  "sidecar-404": () => failing(SIDECAR, 404, "unknown service ID: web-sidecar-proxy"),
  "sidecar-500": () => failing(SIDECAR, 500, "rpc error making call: EOF"),
  "sidecar-503-multiline": () => failing(SIDECAR, 503, "line one\nline two\n\nline four"),
  "sidecar-not-json": () => failing(SIDECAR, 200, "Service: web-sidecar-proxy"),
  "sidecar-array": () => failing(SIDECAR, 200, "[]"),
  "sidecar-null": () => failing(SIDECAR, 200, "null"),
  "sidecar-proxy-number": () => failing(SIDECAR, 200, '{"ID": "web-sidecar-proxy", "Proxy": 5}'),
  "sidecar-empty-body": () => failing(SIDECAR, 200, ""),
  "sidecar-huge": () => failing(SIDECAR, 200, hugeBody()),
  "sidecar-echoes-env-token": () => failing(SIDECAR, 403, `ACL not found: token ${TOKENS.env}`),
  "sidecar-echoes-flag-token": () => failing(SIDECAR, 403, `ACL not found: token ${TOKENS.flag}`),
  "sidecar-echoes-file-token": () => failing(SIDECAR, 403, `ACL not found: token ${TOKENS.file}`),
  "sidecar-echoes-envfile-token": () =>
    failing(SIDECAR, 403, `ACL not found: token ${TOKENS.envFile}`),
  "sidecar-echoes-proxy-token": () => failing(SIDECAR, 403, `ACL not found: token ${TOKENS.proxy}`),
  "sidecar-echoes-password": () => failing(SIDECAR, 401, `bad credentials: ${TOKENS.authPassword}`),
  "defaults-not-json": () => failing(DEFAULTS, 200, "{{{"),
  "defaults-bad-enabled": () => ({
    ...demoSpec(),
    proxyDefaults: { Kind: "proxy-defaults", AccessLogs: { Enabled: "maybe" } },
  }),
  "defaults-bad-type": () => ({
    ...demoSpec(),
    proxyDefaults: {
      Kind: "proxy-defaults",
      AccessLogs: { Enabled: true, Type: "carrier-pigeon" },
    },
  }),
  "register-500": () => failing(REGISTER, 500, "Invalid service address"),
  "gateways-none": () => demoSpec(),
  "catalog-500": () => failing("/v1/catalog/node-services/demo-node", 500, "no leader"),
  "catalog-wrong-shape": () =>
    failing("/v1/catalog/node-services/demo-node", 200, '{"Node": 1, "Services": "many"}'),
  "catalog-two": () => {
    const spec = demoSpec();
    const svc = spec.catalog!["demo-node"].Services![0];
    spec.catalog!["demo-node"].Services = [svc, { ...svc }];
    // The fake agent's filter would keep both: they share the ID.
    return spec;
  },
  slow: () => ({ ...demoSpec(), latencyMs: 3000 }),
};
