/**
 * A benchmark floor: a Deno process that makes one GET to the agent over the
 * same client the CLI uses (its dialer and HTTP/1.1 reader, `src/agent/`),
 * then exits. Nothing else of the CLI is loaded: no flag parsing, no PEM
 * checks (the CA file and client key pair are read as they are).
 *
 * Usage: `floor_client.ts <url> [--ca-file F] [--client-cert F --client-key F] [--insecure]`
 * (`<url>` is `http://host:port` or `https://host:port`). Run with the CLI's
 * permission flags.
 *
 * @module
 */

import { createTransport } from "../../src/agent/endpoint.ts";
import { benchConfig, CLI_LIMITS } from "./bench_config.ts";

const { config, tls } = benchConfig(Deno.args);
const transport = await createTransport(config, tls, CLI_LIMITS);
const res = await transport.send({
  method: "GET",
  url: `${config.scheme}://${config.hostPort}/v1/agent/self`,
  path: "/v1/agent/self",
  headers: {},
});
if (res.status !== 200) Deno.exit(1);
