/**
 * Host → IP literal, the way Consul resolves the admin and xDS hosts
 * (`../shared/spec/bootstrap.md` §3.4): IP literals are canonicalised; names
 * go through the system resolver (so `/etc/hosts` is honoured) and the first
 * IPv4 answer wins, else the first answer.
 *
 * `node:dns` is imported lazily: most runs only resolve IP literals or
 * `localhost`, and each distinct name is looked up once.
 *
 * @module
 */

import { canonicalIp } from "./ip.ts";

/** Looks up every address of a name (system resolver). */
export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

async function systemLookupAll(host: string): Promise<{ address: string; family: number }[]> {
  const dns = await import("node:dns");
  return await new Promise((resolve, reject) => {
    dns.lookup(host, { all: true }, (err, addresses) => {
      if (err) reject(err);
      else resolve(addresses);
    });
  });
}

/** Pick the address Consul would use from a resolver answer. */
export function pickAddress(answers: { address: string; family: number }[]): string | undefined {
  const v4 = answers.find((a) => a.family === 4);
  const chosen = v4 ?? answers[0];
  if (chosen === undefined) return undefined;
  return canonicalIp(chosen.address) ?? chosen.address;
}

/** A memoising resolver: each distinct host is resolved at most once. */
export function createResolver(lookupAll: LookupAll = systemLookupAll) {
  const cache = new Map<string, Promise<string>>();
  /** Resolve `host` to an IP literal; `""` stays `""`. Rejects with a one-line reason. */
  return function resolveHost(host: string): Promise<string> {
    if (host === "") return Promise.resolve("");
    const literal = canonicalIp(host);
    if (literal !== undefined) return Promise.resolve(literal);
    let pending = cache.get(host);
    if (pending === undefined) {
      pending = lookupAll(host).then(
        (answers) => {
          const ip = pickAddress(answers);
          if (ip === undefined) throw new Error(`lookup ${host}: no such host`);
          return ip;
        },
        (err: { code?: string; message?: string }) => {
          const reason = err?.code === "ENOTFOUND" ? "no such host" : (err?.message ?? String(err));
          throw new Error(`lookup ${host}: ${reason}`);
        },
      );
      cache.set(host, pending);
    }
    return pending;
  };
}
