import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import { DOGSTATSD_SINK, STATSD_SINK, statsdSink } from "../../src/bootstrap/sinks.ts";

const ENV: Record<string, string> = { HOST_IP: "10.1.2.3", STATSD: "udp://9.9.9.9:9125" };
const getEnv = (n: string) => ENV[n];

Deno.test("statsdSink: udp and unix addresses for both sink kinds", () => {
  const table: [string, unknown][] = [
    ["udp://127.0.0.1:8125", { socket_address: { address: "127.0.0.1", port_value: 8125 } }],
    ["udp://[::1]:8125", { socket_address: { address: "::1", port_value: 8125 } }],
    ["udp://$HOST_IP:8125", { socket_address: { address: "10.1.2.3", port_value: 8125 } }],
    ["$STATSD", { socket_address: { address: "9.9.9.9", port_value: 9125 } }],
    ["UDP://h:0", { socket_address: { address: "h", port_value: 0 } }],
    ["unix:///var/run/dogstatsd.sock", { pipe: { path: "/var/run/dogstatsd.sock" } }],
  ];
  for (const kind of [STATSD_SINK, DOGSTATSD_SINK]) {
    for (const [url, address] of table) {
      const sink = statsdSink(kind, url, getEnv);
      assertEquals(sink, { name: kind.name, typedConfig: { "@type": kind.type, address } }, url);
      assertEquals(Object.keys(sink), ["name", "typedConfig"]);
    }
  }
  assertEquals(STATSD_SINK.name, "envoy.stat_sinks.statsd");
  assertEquals(DOGSTATSD_SINK.type, "type.googleapis.com/envoy.config.metrics.v3.DogStatsdSink");
});

Deno.test("statsdSink: Consul's error texts", () => {
  const table: [string, string][] = [
    [
      "udp://$OTHER:8125",
      'failed to parse envoy.stat_sinks.statsd sink address "udp://${OTHER}:8125"',
    ],
    ["udp://h:x", 'failed to parse envoy.stat_sinks.statsd sink address "udp://h:x"'],
    ["tcp://h:1", 'unsupported address protocol "tcp" for envoy.stat_sinks.statsd sink'],
    ["h:1/x", 'unsupported address protocol "h" for envoy.stat_sinks.statsd sink'],
    ["1h:1/x", 'failed to parse envoy.stat_sinks.statsd sink address "1h:1/x"'],
    ["127.0.0.1", 'unsupported address protocol "" for envoy.stat_sinks.statsd sink'],
    ["$UNSET", 'unsupported address protocol "" for envoy.stat_sinks.statsd sink'],
  ];
  for (const [url, msg] of table) {
    const err = assertThrows(() => statsdSink(STATSD_SINK, url, getEnv), CliError);
    assertEquals(err.message, msg, url);
  }
});

Deno.test("statsdSink: fails closed on a missing/invalid port or empty socket path", () => {
  const table: [string, string][] = [
    ["udp://h", 'failed to parse envoy.stat_sinks.dog_statsd sink address "udp://h": missing port'],
    [
      "udp://h:70000",
      'failed to parse envoy.stat_sinks.dog_statsd sink address "udp://h:70000": invalid port "70000": must be a decimal integer between 0 and 65535',
    ],
    [
      "unix:relative",
      'failed to parse envoy.stat_sinks.dog_statsd sink address "unix:relative": missing socket path',
    ],
  ];
  for (const [url, msg] of table) {
    const err = assertThrows(() => statsdSink(DOGSTATSD_SINK, url, getEnv), CliError);
    assertEquals(err.message, msg, url);
  }
});
