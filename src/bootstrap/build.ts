/**
 * Entry point of the pure bootstrap builder (`../shared/spec/bootstrap.md`):
 * turns a {@linkcode BootstrapInput} into the Envoy bootstrap document text,
 * either the built-in layout or a custom `envoy_bootstrap_json_tpl`.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { adminAccessLoggers } from "./access_logs.ts";
import { renderCustomTemplate, templateArgs, type TemplateRenderer } from "./custom_template.ts";
import type { GetEnv } from "./env_expand.ts";
import { parseFragments } from "./fragments.ts";
import type { BootstrapInput } from "./input.ts";
import { builtInBootstrap, serializeBootstrap } from "./layout.ts";
import { type BootstrapParts, computeParts } from "./parts.ts";
import { decodeProxyConfig } from "./proxy_config.ts";
import { renderGoTemplate } from "./template_engine.ts";

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

/** Build the bootstrap document text: ends with "}\n" for the built-in layout; throws CliError. */
export function generateBootstrapText(input: BootstrapInput, deps: BootstrapDeps = {}): string {
  const { parts, template } = buildParts(input, deps);
  if (template !== "") {
    return renderCustomTemplate(
      template,
      templateArgs(input, parts),
      deps.renderTemplate ?? renderGoTemplate,
    );
  }
  return serializeBootstrap(builtInBootstrap(input, parts));
}
