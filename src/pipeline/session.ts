/**
 * The first stages: the address flags (which Consul validates while parsing
 * flags, so their errors come first) and the session every later stage
 * shares — the HTTP configuration, the debug logger, the agent client and the
 * `-wait-for-registration` policy.
 *
 * @module
 */

import type { AgentClient } from "../agent/types.ts";
import type { HttpConfig } from "../agent/config.ts";
import type { Options } from "../cli/options.ts";
import type { Logger } from "../log.ts";
import type { PipelineDeps } from "./deps.ts";
import { type AddressFlags, resolveAddressFlags } from "../gateway/address.ts";
import { isTemplate } from "../gateway/template_check.ts";
import { resolveHttpConfig } from "../cli/http_config.ts";
import { createLogger } from "../log.ts";
import { isMissingRegistration } from "../agent/fetch_registration.ts";
import type { WaitPolicy } from "../wait.ts";

/** What every stage after {@linkcode openSession} works with. */
export interface Session {
  options: Options;
  deps: PipelineDeps;
  /** The resolved HTTP configuration (token included: a secret, never print it). */
  http: HttpConfig;
  log: Logger;
  client: AgentClient;
  /** How lookups retry under `-wait-for-registration`. */
  wait: WaitPolicy;
}

/**
 * Parse `-address`, `-wan-address` and `-bind-address`, expanding go-sockaddr
 * templates (the expander is loaded only when a value holds `{{`). Throws
 * `CliError` in Go's flag wording.
 */
export async function expandAddressFlags(
  options: Options,
  deps: Pick<PipelineDeps, "loadTemplateExpander" | "interfaceNames">,
): Promise<AddressFlags> {
  const o = options;
  const templated = [o.address, o.wanAddress, ...o.bindAddresses].some((v) =>
    v !== undefined && isTemplate(v)
  );
  const expand = templated ? await deps.loadTemplateExpander() : undefined;
  return resolveAddressFlags(
    o,
    expand ?? ((t) => t),
    () => deps.interfaceNames?.() ?? [],
  );
}

/**
 * Build the HTTP configuration, register its secrets with the shell, create
 * the debug logger and the agent client. The caller closes
 * `session.client`. Throws `CliError` for a bad HTTP setting.
 */
export async function openSession(options: Options, deps: PipelineDeps): Promise<Session> {
  const { io } = deps;
  const http = await resolveHttpConfig(options.http, deps.env, {
    readTextFile: deps.readTextFile,
    io,
  });
  deps.registerSecret?.(http.token);
  if (http.auth !== undefined) deps.registerSecret?.(http.auth.password);
  const log = createLogger(io, options.enableConfigGenLogging, () => [http.token]);
  const client = await deps.createClient(http);
  return { options, deps, http, log, client, wait: waitPolicy(options, deps) };
}

function waitPolicy(options: Options, deps: PipelineDeps): WaitPolicy {
  return {
    totalMs: options.waitForRegistrationMs,
    sleep: deps.sleep,
    now: deps.now,
    isMissing: isMissingRegistration,
    onRetry: (what, delayMs, leftMs) =>
      deps.io.stderr(
        `Waiting for ${what} to be registered (retrying in ${(delayMs / 1000).toFixed(1)}s, ${
          Math.ceil(leftMs / 1000)
        }s left)\n`,
      ),
  };
}
