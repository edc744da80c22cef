import { assertEquals, assertRejects } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import { type BootstrapDeps, NO_CA_MESSAGE, renderBootstrap } from "../../src/bootstrap/mod.ts";
import { NO_ENV, sidecarInput } from "./fixtures.ts";

const gen = (over = {}, deps: BootstrapDeps = NO_ENV) => renderBootstrap(sidecarInput(over), deps);
// deno-lint-ignore no-explicit-any
const doc = async (over = {}, deps: BootstrapDeps = NO_ENV): Promise<any> =>
  JSON.parse(await gen(over, deps));

Deno.test("built-in layout: key order, 2-space layout, ends with }\\n", async () => {
  const text = await gen();
  assertEquals(text.endsWith("}\n"), true);
  assertEquals(text, JSON.stringify(JSON.parse(text), null, 2) + "\n");
  const d = JSON.parse(text);
  assertEquals(Object.keys(d), [
    "admin",
    "node",
    "layered_runtime",
    "static_resources",
    "stats_config",
    "dynamic_resources",
  ]);
  assertEquals(d.admin.address, { socket_address: { address: "127.0.0.1", port_value: 19000 } });
  assertEquals(d.node, {
    cluster: "test",
    id: "test-proxy",
    metadata: { namespace: "default", partition: "default" },
  });
  assertEquals(d.layered_runtime.layers[0].static_layer, {
    "re2.max_program_size.error_level": 1048576,
  });
  assertEquals(Object.keys(d.static_resources), ["clusters"]);
  assertEquals(Object.keys(d.static_resources.clusters[0]), [
    "name",
    "ignore_health_on_host_removal",
    "connect_timeout",
    "type",
    "typed_extension_protocol_options",
    "loadAssignment",
  ]);
  assertEquals(d.dynamic_resources.ads_config.grpc_services, {
    initial_metadata: [{ key: "x-consul-token", value: "" }],
    envoy_grpc: { cluster_name: "local_agent" },
  });
});

Deno.test("node metadata with node name, namespace and partition", async () => {
  assertEquals((await doc({ nodeName: "n1", namespace: "ns", partition: "p" })).node.metadata, {
    node_name: "n1",
    namespace: "ns",
    partition: "p",
  });
});

Deno.test("values are JSON-escaped: token, IDs, paths with quotes and backslashes", async () => {
  const token = 'se"cr\\et';
  const d = await doc({ token, proxyId: 'a"b', adminAccessLogPath: "C:\\logs\\a.log" });
  assertEquals(d.dynamic_resources.ads_config.grpc_services.initial_metadata[0].value, token);
  assertEquals(d.node.id, 'a"b');
  assertEquals(d.admin.access_log[0].typed_config.path, "C:\\logs\\a.log");
});

Deno.test("local_agent: TLS, unix socket, TLS over socket", async () => {
  const ca = "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n";
  const tls = await doc({
    agent: { address: "127.0.0.1", port: "8503", tls: true, socket: "", caPem: ca },
  });
  const c = tls.static_resources.clusters[0];
  assertEquals(Object.keys(c)[4], "transport_socket");
  assertEquals(c.transport_socket.typed_config.common_tls_context.validation_context, {
    trusted_ca: { inline_string: ca },
  });
  const sock = await doc({
    agent: { address: "", port: "", tls: false, socket: "/run/c.sock", caPem: "" },
  });
  assertEquals(sock.static_resources.clusters[0].loadAssignment.endpoints[0].lbEndpoints[0], {
    endpoint: { address: { pipe: { path: "/run/c.sock" } } },
  });
  await assertRejects(
    () => gen({ agent: { address: "", port: "", tls: true, socket: "/s", caPem: "" } }),
    CliError,
    NO_CA_MESSAGE,
  );
});

Deno.test("port checks name the setting", async () => {
  const table: [object, string][] = [
    [{ adminBindPort: "abc" }, 'invalid admin bind address (-admin-bind): invalid port "abc"'],
    [{ adminBindPort: "" }, 'invalid admin bind address (-admin-bind): invalid port ""'],
    [
      { agent: { address: "127.0.0.1", port: "99999", tls: false, socket: "", caPem: "" } },
      'invalid xDS address (-grpc-addr, CONSUL_GRPC_ADDR or the agent\'s xDS port): invalid port "99999"',
    ],
  ];
  for (const [over, msg] of table) await assertRejects(() => gen(over), CliError, msg);
  assertEquals((await doc({ adminBindPort: "0" })).admin.address.socket_address.port_value, 0);
});

Deno.test("optional sections in order: sinks, stats_config, flush interval, tracing", async () => {
  const d = await doc({
    proxyConfig: {
      envoy_dogstatsd_url: "udp://127.0.0.1:9125",
      envoy_statsd_url: "unix:///var/run/statsd.sock",
      envoy_extra_stats_sinks_json: '{"name":"extra"}',
      envoy_stats_flush_interval: "10s",
      envoy_tracing_json: '{"http":{"name":"envoy.zipkin"}}',
      envoy_stats_config_json: '{"stats_tags":[]}',
      envoy_extra_static_listeners_json: '{"name":"l0"}',
      envoy_stats_bind_addr: "0.0.0.0:9102",
    },
  });
  assertEquals(Object.keys(d), [
    "admin",
    "node",
    "layered_runtime",
    "static_resources",
    "stats_sinks",
    "stats_config",
    "stats_flush_interval",
    "tracing",
    "dynamic_resources",
  ]);
  assertEquals(d.stats_sinks.map((s: { name: string }) => s.name), [
    "envoy.stat_sinks.statsd",
    "envoy.stat_sinks.dog_statsd",
    "extra",
  ]);
  assertEquals(d.stats_config, { stats_tags: [] });
  assertEquals(d.stats_flush_interval, "10s");
  assertEquals(d.tracing, { http: { name: "envoy.zipkin" } });
  assertEquals(d.static_resources.listeners.map((l: { name: string }) => l.name), [
    "l0",
    "envoy_metrics_listener",
  ]);
  assertEquals(Object.keys(d.static_resources), ["clusters", "listeners"]);
});

Deno.test("custom stats tags and omitDeprecatedTags reach stats_config", async () => {
  const d = await doc({
    omitDeprecatedTags: true,
    proxyConfig: { envoy_stats_tags: ["Env=prod"] },
  });
  assertEquals(d.stats_config.stats_tags[0], { tag_name: "env", fixed_value: "prod" });
  assertEquals(d.stats_config.stats_tags.length, 1 + 16 + 5);
});

Deno.test("telemetry collector: flush interval only without other sinks", async () => {
  const dir = { envoy_telemetry_collector_bind_socket_dir: "/tmp/tc" };
  const alone = await doc({ proxyConfig: dir });
  assertEquals(alone.stats_flush_interval, "60s");
  assertEquals(alone.stats_sinks.map((s: { name: string }) => s.name), [
    "envoy.stat_sinks.metrics_service",
  ]);
  assertEquals(alone.static_resources.clusters.map((c: { name: string }) => c.name), [
    "local_agent",
    "consul_telemetry_collector_loopback",
  ]);
  const withSink = await doc({ proxyConfig: { ...dir, envoy_statsd_url: "udp://127.0.0.1:8125" } });
  assertEquals(withSink.stats_flush_interval, undefined);
  assertEquals(withSink.stats_sinks.length, 2);
  const explicit = await doc({ proxyConfig: { ...dir, envoy_stats_flush_interval: "5s" } });
  assertEquals(explicit.stats_flush_interval, "5s");
  // telemetry cluster comes after listener clusters
  const both = await doc({ proxyConfig: { ...dir, envoy_stats_bind_addr: "0.0.0.0:9102" } });
  assertEquals(both.static_resources.clusters.map((c: { name: string }) => c.name), [
    "local_agent",
    "self_admin",
    "consul_telemetry_collector_loopback",
  ]);
});

Deno.test("sinks read the environment through getEnv", async () => {
  const d = await doc({ proxyConfig: { envoy_statsd_url: "udp://${HOST_IP}:8125" } }, {
    getEnv: (n: string) => (n === "HOST_IP" ? "10.9.8.7" : undefined),
  });
  assertEquals(d.stats_sinks[0].typedConfig.address.socket_address, {
    address: "10.9.8.7",
    port_value: 8125,
  });
});

Deno.test("error order: access logs, Proxy.Config, sinks, listeners", async () => {
  const badLogs = { accessLogs: { Enabled: true, Type: "bad" } };
  const badConfig = { envoy_statsd_url: {} };
  const badSink = { envoy_statsd_url: "tcp://x:1" };
  const badListener = { envoy_stats_bind_addr: "nope" };
  await assertRejects(
    () => gen({ ...badLogs, proxyConfig: badConfig }),
    CliError,
    "failure generating Envoy access log configuration",
  );
  await assertRejects(
    () => gen({ proxyConfig: { ...badConfig, envoy_extra_static_listeners_json: "[" } }),
    CliError,
    "failed parsing Proxy.Config: 'envoy_statsd_url' expected type 'string'",
  );
  await assertRejects(
    () => gen({ proxyConfig: { ...badSink, ...badListener } }),
    CliError,
    'unsupported address protocol "tcp" for envoy.stat_sinks.statsd sink',
  );
  await assertRejects(
    () => gen({ proxyConfig: badListener }),
    CliError,
    "invalid envoy_metrics bind address: address nope: missing port in address",
  );
  await assertRejects(
    () => gen({ proxyConfig: { envoy_extra_static_clusters_json: '{"name": "a"},' } }),
    CliError,
    "failed parsing Proxy.Config: envoy_extra_static_clusters_json is not valid JSON: ",
  );
});

Deno.test("proxyConfig undefined (-no-central-config) uses defaults", async () => {
  assertEquals(await gen({ proxyConfig: undefined }), await gen({ proxyConfig: {} }));
});
