import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import { DURATION_KEYS } from "../../src/bootstrap/proto_duration.ts";
import {
  decodeProxyConfig,
  emptyProxyConfigSettings,
  PROXY_CONFIG_KEYS,
  weakDecodeProxyConfig,
} from "../../src/bootstrap/proxy_config.ts";

const MAP = "map[string]interface {}";
const SLICE = "[]interface {}";

Deno.test("weakDecodeProxyConfig: every key with every value type", () => {
  // value, expected string result (null = error with the given Go type)
  const values: [unknown, string | null, string?][] = [
    ["text", "text"],
    [9000, "9000"],
    [0.5, "0.5"],
    [true, "1"],
    [false, "0"],
    [{ a: 1 }, null, MAP],
    [["a"], null, SLICE],
  ];
  for (const { key, field } of PROXY_CONFIG_KEYS) {
    // Duration-valued keys are also range-checked: tests/bootstrap/proto_duration_test.ts.
    if (DURATION_KEYS.some((d) => d.key === key)) continue;
    for (const [value, want, goType] of values) {
      const { settings, errors } = weakDecodeProxyConfig({ [key]: value });
      const expected = emptyProxyConfigSettings();
      if (field === "statsTags") {
        if (goType === SLICE) {
          // arrays decode element-wise into the list
          (expected.statsTags as string[]) = ["a"];
          assertEquals(errors, [], key);
        } else if (want === null) {
          assertEquals(errors, [
            `'${key}[0]' expected type 'string', got unconvertible type '${goType}'`,
          ]);
        } else {
          expected.statsTags = [want];
          assertEquals(errors, [], key);
        }
      } else if (want === null) {
        assertEquals(errors, [
          `'${key}' expected type 'string', got unconvertible type '${goType}'`,
        ]);
      } else {
        (expected[field] as string) = want;
        assertEquals(errors, [], key);
      }
      assertEquals(settings, expected, `${key} = ${JSON.stringify(value)}`);
    }
    // null leaves the setting unset; upper-case key matches
    assertEquals(weakDecodeProxyConfig({ [key]: null }).settings, emptyProxyConfigSettings());
    const upper = weakDecodeProxyConfig({
      [key.toUpperCase()]: field === "statsTags" ? ["x"] : "x",
    });
    assertEquals(upper.errors, []);
    assertEquals(upper.settings[field], field === "statsTags" ? ["x"] : "x");
  }
});

Deno.test("weakDecodeProxyConfig: unknown keys ignored, undefined map is empty", () => {
  assertEquals(weakDecodeProxyConfig(undefined), {
    settings: emptyProxyConfigSettings(),
    errors: [],
  });
  assertEquals(
    weakDecodeProxyConfig({ protocol: "http", envoy_public_listener_json: {} }).errors,
    [],
  );
});

Deno.test("weakDecodeProxyConfig: envoy_stats_tags list rules", () => {
  const decode = (v: unknown) => weakDecodeProxyConfig({ envoy_stats_tags: v });
  assertEquals(decode(["a=b", 1, true]).settings.statsTags, ["a=b", "1", "1"]);
  assertEquals(decode("solo").settings.statsTags, ["solo"]);
  assertEquals(decode({}).settings.statsTags, []);
  assertEquals(decode(["ok", [1], {}]).errors, [
    "'envoy_stats_tags[1]' expected type 'string', got unconvertible type '[]interface {}'",
    "'envoy_stats_tags[2]' expected type 'string', got unconvertible type 'map[string]interface {}'",
  ]);
});

Deno.test("decodeProxyConfig: all errors in table order, on one line separated by '; '", () => {
  const err = assertThrows(
    () =>
      decodeProxyConfig({
        envoy_tracing_json: {},
        envoy_statsd_url: [],
        envoy_stats_tags: [{}],
        envoy_prometheus_bind_addr: "0.0.0.0:9000",
      }),
    CliError,
  );
  assertEquals(
    err.message,
    "failed parsing Proxy.Config: 'envoy_statsd_url' expected type 'string', got unconvertible type '[]interface {}'; " +
      "'envoy_stats_tags[0]' expected type 'string', got unconvertible type 'map[string]interface {}'; " +
      "'envoy_tracing_json' expected type 'string', got unconvertible type 'map[string]interface {}'",
  );
});

Deno.test("decodeProxyConfig: valid map", () => {
  const s = decodeProxyConfig({
    envoy_prometheus_bind_addr: "0.0.0.0:9000",
    envoy_stats_flush_interval: "10s",
  });
  assertEquals(s.prometheusBindAddr, "0.0.0.0:9000");
  assertEquals(s.statsFlushInterval, "10s");
});
