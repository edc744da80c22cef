/**
 * The bootstrap builder's one entry point: {@linkcode renderBootstrap} turns
 * a {@linkcode BootstrapInput} into the Envoy bootstrap text. Its steps, one
 * verb each:
 *
 * 1. {@linkcode computeParts}: check the CA, build the admin access loggers,
 *    decode the proxy's `envoy_*` settings, parse their JSON fragments, then
 *    `applySettings` (sinks, stats, clusters, listeners, secrets, tracing,
 *    telemetry, in Consul's order);
 * 2. for the built-in layout `buildDocument`, then `serializeBootstrap`; for
 *    an `envoy_bootstrap_json_tpl`, `renderCustomTemplate`.
 *
 * The Go template engine is imported only for a custom template, so the
 * common path starts fast. Pure apart from the injected environment lookup.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { adminAccessLoggers } from "./access_logs.ts";
import type { TemplateRenderer } from "./custom_template.ts";
import type { GetEnv } from "./env_expand.ts";
import { parseFragments } from "./fragments.ts";
import type { BootstrapInput } from "./input.ts";
import { buildDocument, serializeBootstrap } from "./layout.ts";
import { applySettings, type BootstrapParts } from "./parts.ts";
import { decodeProxyConfig } from "./proxy_config.ts";

/** Injected effects (all optional). */
export interface BootstrapDeps {
  /** Environment lookup for statsd URLs; defaults to `Deno.env.get`. */
  getEnv?(name: string): string | undefined;
  /** Go `text/template` renderer; defaults to `src/template/`. */
  renderTemplate?: TemplateRenderer;
}

/** Message when xDS TLS is on but no CA bundle was loaded. */
export const NO_CA_MESSAGE =
  "TLS is enabled for xDS connections but no CA certificates are available. Please configure CA certificates via -ca-file, -ca-path, or the corresponding config options";

/**
 * Compute every part of the document and the custom template text (`""`
 * for the built-in layout). Throws `CliError`.
 */
export function computeParts(
  input: BootstrapInput,
  deps: BootstrapDeps = {},
): { parts: BootstrapParts; template: string } {
  const getEnv: GetEnv = deps.getEnv ?? ((name) => Deno.env.get(name));
  if (input.agent.tls && input.agent.caPem === "") throw new CliError(NO_CA_MESSAGE);
  const logs = adminAccessLoggers(input.accessLogs, input.adminAccessLogPath);
  const settings = decodeProxyConfig(input.proxyConfig);
  const fragments = parseFragments(settings);
  const parts = applySettings(
    input,
    settings,
    fragments,
    logs.loggers,
    logs.fromProxyDefaults,
    getEnv,
  );
  return { parts, template: settings.bootstrapJsonTpl };
}

/**
 * The bootstrap document text: the built-in layout (ends with `}\n`) or the
 * rendered custom template. Throws `CliError`.
 */
export async function renderBootstrap(
  input: BootstrapInput,
  deps: BootstrapDeps = {},
): Promise<string> {
  const { parts, template } = computeParts(input, deps);
  if (template === "") return serializeBootstrap(buildDocument(input, parts));
  const [{ renderCustomTemplate, templateArgs }, { renderGoTemplate }] = await Promise.all([
    import("./custom_template.ts"),
    import("./template_engine.ts"),
  ]);
  return renderCustomTemplate(
    template,
    templateArgs(input, parts),
    deps.renderTemplate ?? renderGoTemplate,
  );
}
