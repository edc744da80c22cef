/**
 * The reference row of the benchmark: the floor's one GET, made with
 * `npm:undici` (the client connect-envoy used for customised TLS before
 * `node:tls` + its own HTTP/1.1 reader replaced it), so every run shows what
 * the replacement saves. The same options as `floor_client.ts`.
 *
 * undici is not a dependency of connect-envoy: it is imported here through a
 * computed specifier, so neither the CLI's module graph, `deno check` nor the
 * lockfile ever refer to it; only this script does, and the bench runs it
 * with `--no-lock`, so it is never written into `deno.lock`.
 *
 * @module
 */

import { benchConfig } from "./bench_config.ts";

const UNDICI = ["npm:undici", "8.12.4"].join("@");
const { Client } = await import(UNDICI);
const { config, tls } = benchConfig(Deno.args);
const connect: Record<string, unknown> = {};
if (tls.ca !== undefined) connect.ca = tls.ca;
if (tls.cert !== undefined) Object.assign(connect, { cert: tls.cert, key: tls.key });
if (config.insecureSkipVerify) connect.rejectUnauthorized = false;
const client = new Client(`${config.scheme}://${config.hostPort}`, { connect });
const res = await client.request({ method: "GET", path: "/v1/agent/self" });
await res.body.text();
await client.close();
if (res.statusCode !== 200) Deno.exit(1);
