/**
 * The secrets a run can see before anything is parsed, so that every line
 * printed on failure (even a flag-parse error) can be redacted with them.
 *
 * @module
 */

import type { Env } from "./cli/options.ts";

/**
 * The password of a `scheme://user:password@host` address: `undefined`
 * when the address has no `user:password@` part, `""` for an empty one.
 */
export function addressPassword(addr: string | undefined): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/@]*?:([^/@]*)@/i.exec(addr ?? "")?.[1];
}

/**
 * Secrets visible before anything is parsed: token variables, the
 * password of `CONSUL_HTTP_AUTH`, and `-token` values on the command line
 * (so even a flag-parse error cannot echo them).
 */
export function secretsFromInputs(argv: readonly string[], env: Env): string[] {
  const out: (string | undefined)[] = [];
  for (const name of ["CONSUL_HTTP_TOKEN", "CONSUL_PROXY_TOKEN"]) out.push(env[name]);
  const auth = env.CONSUL_HTTP_AUTH;
  const colon = auth?.indexOf(":") ?? -1;
  if (auth !== undefined && colon >= 0) out.push(auth.slice(colon + 1));
  out.push(addressPassword(env.CONSUL_HTTP_ADDR));
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?(token|http-addr)(?:=(.*))?$/.exec(argv[i]);
    if (m === null) continue;
    const v = m[2] ?? argv[i + 1];
    if (!v) continue;
    out.push(m[1] === "token" ? v : addressPassword(v));
  }
  return out.filter((s): s is string => s !== undefined && s !== "");
}
