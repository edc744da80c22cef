/**
 * The environment Envoy (and `envoy --version`, `envoy --mode validate`)
 * runs with: connect-envoy's own, minus every variable that can carry a
 * Consul credential. Envoy gets its ACL token only inside the bootstrap,
 * through the hand-over descriptor.
 *
 * Removed: `CONSUL_HTTP_TOKEN*` and `CONSUL_PROXY_TOKEN*` (the token, and
 * the token file's path: not a secret itself, but Envoy has no use for it
 * and it points at one), `CONSUL_HTTP_AUTH` (basic-auth password), and
 * `CONSUL_HTTP_ADDR` when it embeds a password (`scheme://user:pass@host`).
 *
 * @module
 */

import { addressPassword } from "../secrets.ts";

const CREDENTIAL_PREFIXES = ["CONSUL_HTTP_TOKEN", "CONSUL_PROXY_TOKEN"];

/** True when `name=value` must not reach Envoy. */
export function carriesCredential(name: string, value: string): boolean {
  if (CREDENTIAL_PREFIXES.some((p) => name.startsWith(p))) return true;
  if (name === "CONSUL_HTTP_AUTH") return true;
  if (name === "CONSUL_HTTP_ADDR") return addressPassword(value) !== undefined;
  return false;
}

/** `env` without the credential-carrying variables (and without unset entries). */
export function envoyEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && !carriesCredential(k, v)) out[k] = v;
  }
  return out;
}
