import { assertEquals, assertRejects } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import { renderBootstrap } from "../../src/bootstrap/mod.ts";
import { jsonEscape, jsonFragment } from "../../src/bootstrap/custom_template.ts";
import { NO_ENV, sidecarInput } from "./fixtures.ts";
import type { BootstrapInput } from "../../src/bootstrap/input.ts";

function render(
  tpl: string,
  over: Partial<BootstrapInput> = {},
  config: Record<string, unknown> = {},
) {
  return renderBootstrap(
    sidecarInput({ ...over, proxyConfig: { envoy_bootstrap_json_tpl: tpl, ...config } }),
    NO_ENV,
  );
}

Deno.test("jsonEscape / jsonFragment", () => {
  assertEquals(jsonEscape('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  assertEquals(jsonFragment([{ a: 1 }, { b: [2] }]), '{"a":1},{"b":[2]}');
  assertEquals(jsonFragment([]), "");
});

Deno.test("custom template: string arguments are JSON-escaped without quotes", async () => {
  const token = 'to"ken\\x';
  const ca = "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n";
  const out = await render(
    '{"t": "{{ .Token }}", "id": "{{ .ProxyID }}", "ca": "{{ .AgentCAPEM }}", "g": "{{ .GRPC.AgentCAPEM }}", "tls": {{ .AgentTLS }}}',
    {
      token,
      proxyId: 'we"ird',
      agent: { address: "::1", port: "8503", tls: true, socket: "", caPem: ca },
    },
  );
  assertEquals(JSON.parse(out), { t: token, id: 'we"ird', ca, g: ca, tls: true });
});

Deno.test("custom template: GRPC fields are embedded", async () => {
  const out = await render(
    '{"a": "{{ .AgentAddress }}", "b": "{{ .GRPC.AgentAddress }}", "p": {{ .GRPC.AgentPort }}, "s": "{{ .AgentSocket }}", "tls": {{ .GRPC.AgentTLS }}}',
  );
  assertEquals(JSON.parse(out), { a: "127.0.0.1", b: "127.0.0.1", p: 8502, s: "", tls: false });
});

Deno.test("custom template: *JSON arguments hold the generated parts", async () => {
  const out = await render(
    `{"clusters": [{{ .StaticClustersJSON }}], "listeners": [{{ .StaticListenersJSON }}],
      "secrets": [{{ .StaticSecretsJSON }}], "sinks": [{{ .StatsSinksJSON }}],
      "stats": {{ .StatsConfigJSON }}, "flush": "{{ .StatsFlushInterval }}",
      {{- if .TracingConfigJSON }} "tracing": {{ .TracingConfigJSON }},{{ end }}
      "logs": [{{ range $i, $e := .AdminAccessLogConfig }}{{ if $i }},{{ end }}{{ $e }}{{ end }}]}`,
    { prometheus: { ...sidecarInput().prometheus, certFile: "/c", keyFile: "/k", caFile: "/ca" } },
    {
      envoy_prometheus_bind_addr: "0.0.0.0:9000",
      envoy_extra_static_clusters_json: '{"name":"x"}',
      envoy_statsd_url: "udp://127.0.0.1:8125",
      envoy_tracing_json: '{"http":{"name":"z"}}',
      envoy_stats_flush_interval: "5s",
    },
  );
  const doc = JSON.parse(out);
  assertEquals(doc.clusters.map((c: { name: string }) => c.name), ["x", "self_admin"]);
  assertEquals(doc.listeners.map((c: { name: string }) => c.name), [
    "envoy_prometheus_metrics_listener",
  ]);
  assertEquals(doc.secrets.length, 2);
  assertEquals(doc.sinks[0].name, "envoy.stat_sinks.statsd");
  assertEquals(doc.stats.use_all_default_tags, true);
  assertEquals(doc.flush, "5s");
  assertEquals(doc.tracing, { http: { name: "z" } });
  assertEquals(doc.logs, []);
  // empty fragments leave the optional part out
  const plain = JSON.parse(
    await render('{"t": "{{ .TracingConfigJSON }}", "c": [{{ .StaticClustersJSON }}]}'),
  );
  assertEquals(plain, { t: "", c: [] });
});

Deno.test("custom template: access loggers from proxy-defaults", async () => {
  const out = await render(
    '{"logs": [{{ range $i, $e := .AdminAccessLogConfig }}{{ if $i }},{{ end }}{{ $e }}{{ end }}]}',
    { accessLogs: { Enabled: true, Type: "stderr", TextFormat: "x" } },
  );
  assertEquals(JSON.parse(out).logs[0].typedConfig.logFormat, {
    textFormatSource: { inlineString: "x\n" },
  });
});

Deno.test("custom template: leading whitespace dropped, trailing kept, re-indented", async () => {
  assertEquals(await render('\n\t\t{"id": "{{ .ProxyID }}"}'), '{\n  "id": "test-proxy"\n}');
  assertEquals(await render('{"a":[]}\n\n'), '{\n  "a": []\n}\n\n');
});

Deno.test("custom template: template and JSON errors", async () => {
  const e1 = await assertRejects(() => render('{"a": "{{ .AgentCAFile }}"}'), CliError);
  assertEquals(
    e1.message.startsWith("envoy_bootstrap_json_tpl: template: bootstrap:"),
    true,
    e1.message,
  );
  const e2 = await assertRejects(() => render('{"a": "{{ .ProxyID "}'), CliError);
  assertEquals(
    e2.message.startsWith("envoy_bootstrap_json_tpl: template: bootstrap:"),
    true,
    e2.message,
  );
  const e3 = await assertRejects(() => render('{"a": {{ .ProxyID }}}'), CliError);
  assertEquals(
    e3.message,
    "envoy_bootstrap_json_tpl rendered invalid JSON: invalid character 'e' in literal true (expecting 'r')",
  );
  const e4 = await assertRejects(() => render("   "), CliError);
  assertEquals(
    e4.message,
    "envoy_bootstrap_json_tpl rendered invalid JSON: unexpected end of JSON input",
  );
});

Deno.test("custom template: too-deep rendered JSON is an error naming the key", async () => {
  const deep = "[".repeat(10_000) + "]".repeat(10_000);
  await assertRejects(
    () => render(deep),
    CliError,
    "envoy_bootstrap_json_tpl rendered JSON that is nested more than 128 levels deep",
  );
});
