import { assertEquals } from "../helpers/assert.ts";
import {
  DURATION_KEYS,
  durationKeyProblem,
  parseProtoDuration,
} from "../../src/bootstrap/proto_duration.ts";
import { weakDecodeProxyConfig } from "../../src/bootstrap/proxy_config.ts";

Deno.test("parseProtoDuration: protobuf JSON durations only", () => {
  const table: [string, bigint | undefined][] = [
    ["10s", 10_000_000_000n],
    ["0.001s", 1_000_000n],
    ["1.5s", 1_500_000_000n],
    ["0.000000001s", 1n],
    ["-1s", -1_000_000_000n],
    ["315576000000s", 315_576_000_000_000_000_000n],
    ["315576000001s", undefined],
    ["1.0000000001s", undefined],
    ["1m", undefined],
    ["10", undefined],
    [" 10s", undefined],
    ["10S", undefined],
    ["1e3s", undefined],
    [".5s", undefined],
    ["banana", undefined],
    ["", undefined],
  ];
  for (const [text, want] of table) assertEquals(parseProtoDuration(text), want, text);
});

Deno.test("envoy_stats_flush_interval: Envoy's bounds, with a hint for other forms", () => {
  const k = DURATION_KEYS.find((d) => d.key === "envoy_stats_flush_interval")!;
  const syntax = (v: string, hint = "") =>
    `'envoy_stats_flush_interval' ${JSON.stringify(v)} is not a duration Envoy accepts: ` +
    `write seconds with an "s" suffix, from 0.001s up to (not including) 300s, e.g. "10s"${hint}`;
  const range = (v: string) =>
    `'envoy_stats_flush_interval' ${JSON.stringify(v)} is out of range: ` +
    "Envoy accepts from 0.001s up to (not including) 300s";
  const table: [string, string | undefined][] = [
    ["10s", undefined],
    ["0.001s", undefined],
    ["299.999999999s", undefined],
    ["300s", range("300s")],
    ["0s", range("0s")],
    ["0.0009s", range("0.0009s")],
    ["-5s", range("-5s")],
    ["banana", syntax("banana")],
    ["1m", syntax("1m", ' (write "60s")')],
    ["500ms", syntax("500ms", ' (write "0.5s")')],
    ["10", syntax("10", ' (write "10s")')],
  ];
  for (const [value, want] of table) assertEquals(durationKeyProblem(k, value), want, value);
});

Deno.test("weakDecodeProxyConfig refuses a flush interval Envoy would reject", () => {
  assertEquals(weakDecodeProxyConfig({ envoy_stats_flush_interval: "5s" }).errors, []);
  assertEquals(weakDecodeProxyConfig({ envoy_stats_flush_interval: "" }).errors, []);
  const bad = weakDecodeProxyConfig({ envoy_stats_flush_interval: "banana" });
  assertEquals(bad.settings.statsFlushInterval, "");
  assertEquals(bad.errors.length, 1);
  assertEquals(
    weakDecodeProxyConfig({ ENVOY_STATS_FLUSH_INTERVAL: 10 }).errors[0].includes('(write "10s")'),
    true,
  );
});
