/**
 * Helpers for the OS-injection tests: an in-memory agent (the demo sidecar
 * registration of `scripts/fixtures/demo_agent.json`, without a server), a
 * `Deno.dlopen` spy, and the static import graph of an entry module.
 *
 * @module
 */

import type { AgentClient, JsonObject } from "../../src/agent/types.ts";
import { AgentRequestError } from "../../src/agent/types.ts";

const SIDECAR: JsonObject = {
  Kind: "connect-proxy",
  ID: "web-sidecar-proxy",
  Service: "web-sidecar-proxy",
  Port: 21000,
  Address: "",
  Datacenter: "dc1",
  Tags: [],
  Meta: {},
  Proxy: {
    DestinationServiceName: "web",
    DestinationServiceID: "web",
    LocalServicePort: 8080,
    Config: {},
  },
};

const SELF: JsonObject = {
  Config: {
    Datacenter: "dc1",
    NodeName: "node-1",
    NodeID: "00000000-0000-0000-0000-000000000001",
    BindAddr: "127.0.0.1",
    Version: "1.22.0",
  },
  XDS: { Port: 8502, Ports: { Plaintext: 8502, TLS: 0 } },
};

/** The same agent as a `scripts/fake_agent.ts` spec, for subprocess runs. */
export const DEMO_AGENT_SPEC = {
  self: SELF,
  services: {
    web: { Kind: "", ID: "web", Service: "web", Port: 8080, Datacenter: "dc1" },
    "web-sidecar-proxy": SIDECAR,
  },
};

/** An `AgentClient` answering like an agent with `web` and its sidecar, ACLs off. */
export function memoryAgent(): AgentClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    services: (filter) => {
      calls.push(`services ${filter ?? ""}`);
      return Promise.resolve({ "web-sidecar-proxy": structuredClone(SIDECAR) });
    },
    self: () => {
      calls.push("self");
      return Promise.resolve(structuredClone(SELF));
    },
    register: () => Promise.reject(new AgentRequestError("unexpected register", 500)),
    deregister: () => Promise.reject(new AgentRequestError("unexpected deregister", 500)),
    tokenSelf: () => {
      calls.push("tokenSelf");
      return Promise.reject(
        new AgentRequestError("Unexpected response code: 401 (ACL support disabled)", 401),
      );
    },
    service: (id) => {
      calls.push(`service ${id}`);
      return id === "web-sidecar-proxy" ? Promise.resolve(SIDECAR) : Promise.reject(
        new AgentRequestError(`Unexpected response code: 404 (unknown service ID: ${id})`, 404),
      );
    },
    catalogNodeServices: () => Promise.reject(new AgentRequestError("unexpected catalog", 500)),
    proxyDefaults: () => {
      calls.push("proxyDefaults");
      return Promise.resolve(null);
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Replace `Deno.dlopen` with a recorder that refuses to load anything, run
 * `fn`, restore it. Returns the libraries that were asked for.
 */
export async function withDlopenSpy<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; loaded: string[] }> {
  const loaded: string[] = [];
  const original = Deno.dlopen;
  const spy = (path: string | URL) => {
    loaded.push(String(path));
    throw new Error(`FFI load attempted in a test that forbids it: ${path}`);
  };
  Object.defineProperty(Deno, "dlopen", { value: spy, configurable: true, writable: true });
  try {
    return { result: await fn(), loaded };
  } finally {
    Object.defineProperty(Deno, "dlopen", { value: original, configurable: true, writable: true });
  }
}

interface InfoModule {
  specifier: string;
  local?: string;
  dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
}

/** Local modules of `entry`'s graph: all of them, and those reached by static imports only. */
export async function importGraph(entry: string): Promise<{ all: string[]; static: string[] }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", entry],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    roots: string[];
    modules: InfoModule[];
  };
  const bySpec = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const queue = [...info.roots];
  while (queue.length > 0) {
    const spec = queue.shift()!;
    if (seen.has(spec)) continue;
    seen.add(spec);
    for (const dep of bySpec.get(spec)?.dependencies ?? []) {
      if (dep.code !== undefined && !dep.isDynamic) queue.push(dep.code.specifier);
    }
  }
  const local = (s: string) => s.startsWith("file:");
  return {
    all: info.modules.map((m) => m.specifier).filter(local),
    static: [...seen].filter(local),
  };
}
