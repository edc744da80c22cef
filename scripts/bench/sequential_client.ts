/**
 * The sequential-client model: issue the given requests one after another
 * (each waits for the previous answer), the way Consul's command does, from
 * one Deno process using the CLI's own client (`src/agent/`), then print the
 * in-process elapsed ms.
 *
 * Usage: `sequential_client.ts <base-url> <METHOD> <path?query> [<METHOD> <path?query> ...]`.
 * Run with the CLI's permission flags.
 *
 * @module
 */

import { createTransport } from "../../src/agent/endpoint.ts";
import { benchConfig, CLI_LIMITS } from "./bench_config.ts";

const [base, ...pairs] = Deno.args;
const { config, tls } = benchConfig([base]);
const transport = await createTransport(config, tls, CLI_LIMITS);
const t0 = performance.now();
for (let i = 0; i + 1 < pairs.length; i += 2) {
  const method = pairs[i] === "PUT" ? "PUT" : "GET";
  await transport.send({
    method,
    url: base + pairs[i + 1],
    path: pairs[i + 1],
    headers: {},
    body: method === "PUT" ? "{}" : undefined,
  });
}
console.log((performance.now() - t0).toFixed(3));
