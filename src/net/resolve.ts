/**
 * Host → IP literal, the way Consul resolves the admin and xDS hosts
 * for the bootstrap: IP literals are canonicalised; names
 * go through the system resolver (so `/etc/hosts` is honoured) and the first
 * IPv4 answer wins, else the first answer.
 *
 * Names are looked up in the hosts file first (as the system resolver does
 * with the usual `files dns` order); only names it does not list go to
 * `node:dns`, which is imported lazily — the default `localhost` never pays
 * for it. Each distinct name is looked up once.
 *
 * @module
 */

import { canonicalIp } from "../go/net_ip.ts";

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

/** Every address the hosts-file text lists for `host` (case-insensitive), in file order. */
export function hostsFileAddresses(
  text: string,
  host: string,
): { address: string; family: number }[] {
  const wanted = host.toLowerCase();
  const out: { address: string; family: number }[] = [];
  for (const raw of text.split("\n")) {
    const fields = raw.replace(/#.*/, "").trim().split(/\s+/);
    if (fields.length < 2) continue;
    if (!fields.slice(1).some((name) => name.toLowerCase() === wanted)) continue;
    const ip = canonicalIp(fields[0]);
    if (ip !== undefined) out.push({ address: ip, family: ip.includes(":") ? 6 : 4 });
  }
  return out;
}

/** The hosts file of this OS. */
export function hostsFilePath(
  os: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (os !== "windows") return "/etc/hosts";
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? "C:\\Windows";
  return `${root}\\System32\\drivers\\etc\\hosts`;
}

/** Hosts file first, then the system resolver. */
export function hostsThenSystem(
  readHosts: () => string | undefined,
  fallback: LookupAll = systemLookupAll,
): LookupAll {
  let text: string | undefined | null = null;
  return (host) => {
    if (text === null) text = readHosts();
    const listed = text === undefined ? [] : hostsFileAddresses(text, host);
    return listed.length > 0 ? Promise.resolve(listed) : fallback(host);
  };
}

/** The real lookup: this OS's hosts file, then `node:dns`. */
export function defaultLookupAll(os: string = Deno.build.os): LookupAll {
  return hostsThenSystem(() => {
    try {
      return Deno.readTextFileSync(hostsFilePath(os, { SystemRoot: Deno.env.get("SystemRoot") }));
    } catch {
      return undefined;
    }
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
export function createResolver(lookupAll: LookupAll = defaultLookupAll()) {
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
