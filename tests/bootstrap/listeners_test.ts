import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import {
  appendTargetCluster,
  generatedListeners,
  type ListenerInputs,
  prometheusSecrets,
} from "../../src/bootstrap/listeners.ts";
import { adminTargetCluster } from "../../src/bootstrap/clusters.ts";
import type { Listener } from "../../src/bootstrap/types.ts";

const BASE: ListenerInputs = {
  prometheusBindAddr: "",
  statsBindAddr: "",
  readyBindAddress: "",
  adminBindAddress: "127.0.0.1",
  adminBindPort: "19000",
  prometheusBackendPort: "",
  prometheusScrapePath: "/metrics",
  prometheusCaFile: "",
  prometheusCaPath: "",
  prometheusCertFile: "",
  prometheusKeyFile: "",
};

const names = (xs: unknown[]) => xs.map((x) => (x as { name: string }).name);

function routeOf(l: Listener) {
  const hcm = l.filter_chains[0].filters[0].typedConfig;
  return { statPrefix: hcm.stat_prefix, routes: hcm.route_config.virtual_hosts[0].routes };
}

Deno.test("generatedListeners: nothing configured", () => {
  assertEquals(generatedListeners([], BASE), { clusters: [], listeners: [], secrets: [] });
});

Deno.test("generatedListeners: each listener alone", () => {
  const table: [Partial<ListenerInputs>, string, string, unknown, string, string][] = [
    [
      { prometheusBindAddr: "0.0.0.0:9000", prometheusScrapePath: "/scrape" },
      "envoy_prometheus_metrics_listener",
      "envoy_prometheus_metrics",
      { path: "/scrape" },
      "/stats/prometheus",
      "self_admin",
    ],
    [
      { prometheusBindAddr: "0.0.0.0:9000", prometheusBackendPort: "20100" },
      "envoy_prometheus_metrics_listener",
      "envoy_prometheus_metrics",
      { path: "/metrics" },
      "/stats/prometheus",
      "prometheus_backend",
    ],
    [
      { statsBindAddr: "0.0.0.0:9001" },
      "envoy_metrics_listener",
      "envoy_metrics",
      { prefix: "/stats" },
      "/stats",
      "self_admin",
    ],
    [
      { readyBindAddress: "127.0.0.1:21000" },
      "envoy_ready_listener",
      "envoy_ready",
      { path: "/ready" },
      "/ready",
      "self_admin",
    ],
  ];
  for (const [over, name, statPrefix, match, rewrite, target] of table) {
    const out = generatedListeners([], { ...BASE, ...over });
    assertEquals(out.listeners.length, 1);
    const l = out.listeners[0];
    assertEquals(l.name, name);
    assertEquals(routeOf(l), {
      statPrefix,
      routes: [
        { match, route: { cluster: target, prefix_rewrite: rewrite } },
        { match: { prefix: "/" }, direct_response: { status: 404 } },
      ],
    });
    assertEquals(l.filter_chains[0].transportSocket, undefined);
    const port = target === "prometheus_backend" ? 20100 : 19000;
    assertEquals(out.clusters, [adminTargetCluster(target, "127.0.0.1", port)]);
    assertEquals(out.secrets, []);
  }
});

Deno.test("generatedListeners: listener address is host/port of the bind address, unresolved", () => {
  const out = generatedListeners([], { ...BASE, statsBindAddr: "[::]:9102" });
  assertEquals(out.listeners[0].address, { socket_address: { address: "::", port_value: 9102 } });
  const host = generatedListeners([], { ...BASE, statsBindAddr: "localhost:9102" });
  assertEquals(host.listeners[0].address, {
    socket_address: { address: "localhost", port_value: 9102 },
  });
});

Deno.test("generatedListeners: all three; self_admin append quirk", () => {
  const all = {
    prometheusBindAddr: "0.0.0.0:9000",
    statsBindAddr: "0.0.0.0:9001",
    readyBindAddress: "127.0.0.1:8443",
  };
  // prometheus -> self_admin; stats and ready add nothing more.
  assertEquals(names(generatedListeners([], { ...BASE, ...all }).clusters), ["self_admin"]);
  // with backend: prometheus_backend, then self_admin once.
  assertEquals(
    names(generatedListeners([], { ...BASE, ...all, prometheusBackendPort: "20100" }).clusters),
    ["prometheus_backend", "self_admin"],
  );
  // an extra cluster named self_admin (key in any case) suppresses even prometheus_backend
  const out = generatedListeners([{ NAME: "self_admin", x: 1 }], {
    ...BASE,
    ...all,
    prometheusBackendPort: "20100",
  });
  assertEquals(out.clusters, [{ NAME: "self_admin", x: 1 }]);
  assertEquals(names(out.listeners), [
    "envoy_prometheus_metrics_listener",
    "envoy_metrics_listener",
    "envoy_ready_listener",
  ]);
  // other extra clusters are kept first
  assertEquals(
    names(
      generatedListeners([{ name: "zipkin" }], { ...BASE, statsBindAddr: "0.0.0.0:1" }).clusters,
    ),
    ["zipkin", "self_admin"],
  );
});

Deno.test("appendTargetCluster: unparsable cluster elements", () => {
  const mk = () => adminTargetCluster("self_admin", "", 1);
  assertEquals(names(appendTargetCluster([], mk)), ["self_admin"]);
  assertEquals(appendTargetCluster([null, { name: "a" }], mk), [null, { name: "a" }, mk()]);
  for (const bad of [[1], ["s"], [[]], [{ name: 5 }]]) {
    assertThrows(() => appendTargetCluster(bad, mk), CliError, "failed to parse static clusters: ");
  }
});

Deno.test("generatedListeners: TLS on every listener, secrets duplicated", () => {
  const tls = {
    prometheusCertFile: "/c.pem",
    prometheusKeyFile: "/k.pem",
    prometheusCaFile: "/ca.pem",
  };
  const out = generatedListeners([], {
    ...BASE,
    ...tls,
    prometheusBindAddr: "0.0.0.0:9000",
    readyBindAddress: "127.0.0.1:8443",
  });
  for (const l of out.listeners) {
    assertEquals(l.filter_chains[0].transportSocket?.typedConfig.commonTlsContext, {
      tlsCertificateSdsSecretConfigs: [{ name: "prometheus_cert" }],
      validationContextSdsSecretConfig: { name: "prometheus_validation_context" },
    });
    assertEquals(Object.keys(l.filter_chains[0]), ["filters", "transportSocket"]);
  }
  const secrets = prometheusSecrets({ ...BASE, ...tls });
  assertEquals(out.secrets, [...secrets, ...secrets]);
  assertEquals(secrets[1], {
    name: "prometheus_validation_context",
    validationContext: { trustedCa: { filename: "/ca.pem" } },
  });
  assertEquals(prometheusSecrets({ ...BASE, ...tls, prometheusCaPath: "/cas" })[1], {
    name: "prometheus_validation_context",
    validationContext: { watchedDirectory: { path: "/cas" } },
  });
  assertEquals(secrets[0], {
    name: "prometheus_cert",
    tlsCertificate: {
      certificateChain: { filename: "/c.pem" },
      privateKey: { filename: "/k.pem" },
    },
  });
});

Deno.test("generatedListeners: bind address and port errors", () => {
  const table: [Partial<ListenerInputs>, string][] = [
    [
      { prometheusBindAddr: "0.0.0.0" },
      "invalid envoy_prometheus_metrics bind address: address 0.0.0.0: missing port in address",
    ],
    [
      { statsBindAddr: "::1:9000" },
      "invalid envoy_metrics bind address: address ::1:9000: too many colons in address",
    ],
    [
      { readyBindAddress: "127.0.0.1:abc" },
      'invalid envoy_ready bind address: address 127.0.0.1:abc: invalid port "abc": must be a decimal integer between 0 and 65535',
    ],
    [
      { statsBindAddr: "h:65536" },
      'invalid envoy_metrics bind address: address h:65536: invalid port "65536"',
    ],
    [
      { statsBindAddr: "h:1", adminBindPort: "" },
      'invalid admin bind address (-admin-bind): invalid port ""',
    ],
    [
      { prometheusBindAddr: "h:1", prometheusBackendPort: "x1" },
      'invalid -prometheus-backend-port: invalid port "x1"',
    ],
  ];
  for (const [over, msg] of table) {
    assertThrows(() => generatedListeners([], { ...BASE, ...over }), CliError, msg);
  }
});

Deno.test("generatedListeners: a bind address without a host is refused (Envoy rejects it)", () => {
  const table: [Partial<typeof BASE>, string][] = [
    [
      { prometheusBindAddr: ":9102" },
      "invalid envoy_prometheus_metrics bind address: address :9102: missing host",
    ],
    [{ statsBindAddr: ":9101" }, "invalid envoy_metrics bind address: address :9101: missing host"],
    [
      { readyBindAddress: ":8443" },
      "invalid envoy_ready bind address: address :8443: missing host",
    ],
  ];
  for (const [over, want] of table) {
    assertThrows(() => generatedListeners([], { ...BASE, ...over }), CliError, want);
  }
});
