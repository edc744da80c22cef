/**
 * Fail closed: whatever `Proxy.Config` the builder accepts yields a
 * bootstrap that Envoy's v3 API accepts (checked with envoy-validate).
 * Varied inputs (plausible values and edge cases for every key that is not
 * raw user JSON, and admin ports) are generated with a seeded PRNG; inputs
 * the builder refuses with a CliError are fine, accepted ones must validate.
 * Skipped when envoy-validate is not installed.
 */

import { assert } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import { renderBootstrap } from "../../src/bootstrap/mod.ts";
import { NO_ENV, sidecarInput } from "../bootstrap/fixtures.ts";
import { Prng } from "./prng.ts";
import { findEnvoyValidate, validateFiles } from "../helpers/envoy_validate.ts";

const SEED = 0x0e_4c_0012;
const validator = await findEnvoyValidate();

const POOLS: Record<string, unknown[]> = {
  envoy_statsd_url: [
    "udp://127.0.0.1:8125",
    "udp://[::1]:8125",
    "unix:///var/run/statsd.sock",
    "udp://localhost:8125",
    "udp://127.0.0.1",
    "udp://127.0.0.1:99999",
    "tcp://127.0.0.1:8125",
    "banana",
    "",
  ],
  envoy_dogstatsd_url: [
    "udp://127.0.0.1:8125",
    "unix:///var/run/dogstatsd.sock",
    "udp://[::1]:8125",
    "udp://127.0.0.1:0",
    "http://127.0.0.1:8125",
    "udp://host:1",
  ],
  envoy_stats_tags: [["team=a"], ["a=b", "c=d"], ["x"], ["=v"], ["k="], []],
  envoy_prometheus_bind_addr: [
    "0.0.0.0:9102",
    "127.0.0.1:9102",
    "[::]:9102",
    ":9102",
    "0.0.0.0:65535",
    "0.0.0.0:65536",
    "0.0.0.0",
    "banana:1",
  ],
  envoy_stats_bind_addr: ["0.0.0.0:9101", "127.0.0.1:0", "[::1]:9101", "nope", "1.2.3.4:-1"],
  envoy_stats_flush_interval: ["10s", "0.5s", "1m", "banana", "300s", "299s", "0s", 10],
  envoy_telemetry_collector_bind_socket_dir: ["/tmp/consul", "/var/run/consul/", "rel/dir"],
};
const KEYS = Object.keys(POOLS);
const ADMIN = [
  { address: "127.0.0.1", port: "19000" },
  { address: "::1", port: "0" },
  { address: "0.0.0.0", port: "65535" },
  { address: "127.0.0.1", port: "65536" },
  { address: "127.0.0.1", port: "abc" },
];

Deno.test({
  name: "property: every accepted Proxy.Config yields a bootstrap envoy-validate accepts",
  ignore: validator === undefined,
  fn: async () => {
    const rng = new Prng(SEED);
    const dir = await Deno.makeTempDir({ prefix: "connect-envoy-accepts-" });
    try {
      const files: string[] = [];
      const inputs = new Map<string, unknown>();
      let refused = 0;
      for (let i = 0; i < 300; i++) {
        const proxyConfig: Record<string, unknown> = {};
        for (let k = 1 + rng.int(4); k > 0; k--) {
          const key = rng.pick(KEYS);
          proxyConfig[key] = rng.pick(POOLS[key]);
        }
        const admin = rng.pick(ADMIN);
        const input = sidecarInput({
          proxyConfig,
          adminBindAddress: admin.address,
          adminBindPort: admin.port,
        });
        let text: string;
        try {
          text = await renderBootstrap(input, NO_ENV);
        } catch (err) {
          if (!(err instanceof CliError)) throw err;
          refused++;
          continue;
        }
        const file = `${dir}/${i}.json`;
        await Deno.writeTextFile(file, text);
        files.push(file);
        inputs.set(file, { proxyConfig, admin });
      }
      assert(files.length > 50 && refused > 50, `accepted ${files.length}, refused ${refused}`);
      const errors = await validateFiles(validator!, files);
      const first = errors[0]?.split(": ")[0];
      if (errors.length > 0) console.error(errors.join("\n"));
      assert(
        errors.length === 0,
        `${errors.length} validation errors; first: ${errors[0]} for input ` +
          JSON.stringify(first ? inputs.get(first) : undefined),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
