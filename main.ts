/**
 * connect-envoy: generate an Envoy bootstrap from the local Consul agent and
 * print it (`-bootstrap`) or become Envoy. See README.md.
 *
 * Only wiring lives here.
 *
 * @module
 */

import { main } from "./src/run.ts";

Deno.exit(await main(Deno.args));
