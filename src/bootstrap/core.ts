/**
 * The core of the pure bootstrap builder (`../shared/spec/bootstrap.md`):
 * every part of the document, and the built-in layout. It does not load the
 * Go template engine, so the common path (no `envoy_bootstrap_json_tpl`)
 * starts fast; `build.ts` (synchronous, everything) and `generate.ts` (loads
 * the engine on demand) are the entry points.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { adminAccessLoggers } from "./access_logs.ts";
import type { TemplateRenderer } from "./custom_template.ts";
import type { GetEnv } from "./env_expand.ts";
import { parseFragments } from "./fragments.ts";
import type { BootstrapInput } from "./input.ts";
import { builtInBootstrap, serializeBootstrap } from "./layout.ts";
import { type BootstrapParts, computeParts } from "./parts.ts";
import { decodeProxyConfig } from "./proxy_config.ts";

/** Injected effects (all optional). */
export interface BootstrapDeps {
  /** Environment lookup for statsd URLs; defaults to `Deno.env.get`. */
  getEnv?(name: string): string | undefined;
  /** Go `text/template` renderer; defaults to `src/template/`. */
  renderTemplate?: TemplateRenderer;
}

/** Message when xDS TLS is on but no CA bundle was loaded (§3.3 step 4). */
export const NO_CA_MESSAGE =
  "TLS is enabled for xDS connections but no CA certificates are available. Please configure CA certificates via -ca-file, -ca-path, or the corresponding config options";

/**
 * Compute every part of the document (access loggers, `envoy_*` settings,
 * sinks, stats, clusters, listeners, secrets, tracing, telemetry) and the
 * custom template text (`""` for the built-in layout). Throws `CliError`.
 */
export function buildParts(
  input: BootstrapInput,
  deps: BootstrapDeps = {},
): { parts: BootstrapParts; template: string } {
  const getEnv: GetEnv = deps.getEnv ?? ((name) => Deno.env.get(name));
  if (input.agent.tls && input.agent.caPem === "") throw new CliError(NO_CA_MESSAGE);
  const logs = adminAccessLoggers(input.accessLogs, input.adminAccessLogPath);
  const settings = decodeProxyConfig(input.proxyConfig);
  const fragments = parseFragments(settings);
  const parts = computeParts(
    input,
    settings,
    fragments,
    logs.loggers,
    logs.fromProxyDefaults,
    getEnv,
  );
  return { parts, template: settings.bootstrapJsonTpl };
}

/** The built-in document text for computed parts (ends with "}\n"). */
export function renderBuiltIn(input: BootstrapInput, parts: BootstrapParts): string {
  return serializeBootstrap(builtInBootstrap(input, parts));
}
