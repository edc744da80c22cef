/**
 * The pipeline's order of operations with a scripted agent: which requests
 * run concurrently (critical-path depth), and that errors and warnings are
 * exactly those of Consul's sequential order.
 */
import { assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { generate, type PipelineDeps } from "../../src/pipeline/mod.ts";
import { parseArgs } from "../../src/cli/parse.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import { type AgentClient, AgentRequestError, type JsonObject } from "../../src/agent/types.ts";
import { CliError } from "../../src/errors.ts";

type Answer = JsonObject | null | Error;

/** A scripted agent that records, for each request, its depth on the critical path. */
function scriptedAgent(answers: Record<string, Answer>) {
  const ended: { name: string; depth: number }[] = [];
  const log: { name: string; depth: number }[] = [];
  const call = <T>(name: string): Promise<T> => {
    const depth = 1 + Math.max(0, ...ended.map((e) => e.depth));
    log.push({ name, depth });
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        ended.push({ name, depth });
        const a = answers[name];
        if (a instanceof Error) reject(a);
        else resolve(a as T);
      }, 1);
    });
  };
  const client: AgentClient = {
    services: (filter) => call(filter ? "services?filter" : "services"),
    self: () => call("self"),
    register: () => call("register"),
    deregister: (id) => call(`deregister/${id}`),
    tokenSelf: () => call("acl"),
    service: (id) => call(`service/${id}`),
    catalogNodeServices: (node) => call(`catalog/${node}`),
    proxyDefaults: () => call("proxy-defaults"),
    close: () => Promise.resolve(),
  };
  return { client, log };
}

const selfAnswer = {
  Config: { Datacenter: "dc1", BindAddr: "127.0.0.1" },
  xDS: { Ports: { Plaintext: 8502, TLS: 0 } },
};
const sidecar = {
  Kind: "connect-proxy",
  ID: "web-sidecar-proxy",
  Service: "web-sidecar-proxy",
  Proxy: { DestinationServiceName: "web", DestinationServiceID: "web" },
};

function deps(
  client: AgentClient,
  io = memoryIo(),
): PipelineDeps & { io: ReturnType<typeof memoryIo> } {
  return {
    env: {},
    io,
    os: "linux",
    createClient: () => Promise.resolve(client),
    loadTemplateExpander: () => Promise.resolve((t: string) => t),
    localAddresses: () => ["127.0.0.1"],
    resolveHost: (h) => Promise.resolve(h === "localhost" ? "127.0.0.1" : h),
    readTextFile: () => {
      throw new Error("no files");
    },
    caFs: {
      readTextFile: () => "",
      lstat: () => ({ isDirectory: false, isSymlink: false }),
      readDir: () => [],
    },
    dial: () => Promise.resolve(undefined),
    sleep: () => Promise.resolve(),
    now: () => 0,
  };
}

function options(args: string[]) {
  const parsed = parseArgs(["-bootstrap", ...args], {}, "linux");
  if (parsed.kind !== "run") throw new Error("expected a run");
  return parsed.options;
}

Deno.test("pipeline: -proxy-id needs one round trip, -sidecar-for two", async () => {
  const answers = {
    self: selfAnswer,
    acl: null,
    "service/web-sidecar-proxy": sidecar,
    "proxy-defaults": null,
    services: { "web-sidecar-proxy": sidecar },
  };
  const byId = scriptedAgent(answers);
  await generate(options(["-proxy-id", "web-sidecar-proxy"]), deps(byId.client));
  assertEquals(Math.max(...byId.log.map((l) => l.depth)), 1);

  const bySidecar = scriptedAgent(answers);
  const out = await generate(options(["-sidecar-for", "web"]), deps(bySidecar.client));
  assertEquals(Math.max(...bySidecar.log.map((l) => l.depth)), 2);
  assertEquals(JSON.parse(out.bootstrapText).node.id, "web-sidecar-proxy");
});

Deno.test("pipeline: -register sends the registration before fetching the service", async () => {
  const gw = { Kind: "mesh-gateway", ID: "mesh-gateway", Service: "mesh-gateway", Proxy: {} };
  const agent = scriptedAgent({
    self: selfAnswer,
    register: null,
    acl: null,
    "service/mesh-gateway": gw,
    "proxy-defaults": null,
  });
  await generate(options(["-gateway", "mesh", "-register"]), deps(agent.client));
  const depth = (name: string) => agent.log.find((l) => l.name === name)?.depth ?? -1;
  assertEquals(depth("register") < depth("service/mesh-gateway"), true);
});

Deno.test("pipeline: errors keep the sequential precedence even though requests overlap", async (t) => {
  const fail = (status: number, body: string) =>
    new AgentRequestError(`Unexpected response code: ${status} (${body})`, status);
  const cases: { name: string; args: string[]; answers: Record<string, Answer>; error: string }[] =
    [
      {
        name: "sidecar lookup failure wins over a failing agent/self",
        args: ["-sidecar-for", "web"],
        answers: { services: fail(500, "boom"), self: fail(500, "self broken") },
        error: "Failed looking up sidecar proxy info for web: Unexpected response code: 500 (boom)",
      },
      {
        name: "dual-stack failure wins over a failing service fetch",
        args: ["-proxy-id", "p"],
        answers: {
          self: fail(500, "self broken"),
          acl: null,
          "service/p": fail(404, "unknown service ID: p"),
          "proxy-defaults": null,
        },
        error: "Error checking dual stack: Unexpected response code: 500 (self broken)",
      },
      {
        name: "service fetch failure wins over a failing proxy-defaults",
        args: ["-proxy-id", "p"],
        answers: {
          self: selfAnswer,
          acl: null,
          "service/p": fail(404, "unknown service ID: p"),
          "proxy-defaults": new AgentRequestError("connection reset"),
        },
        error:
          "failed fetch proxy config from local agent: Unexpected response code: 404 (unknown service ID: p)",
      },
      {
        name: "proxy-defaults transport errors are fatal",
        args: ["-proxy-id", "web-sidecar-proxy"],
        answers: {
          self: selfAnswer,
          acl: null,
          "service/web-sidecar-proxy": sidecar,
          "proxy-defaults": new AgentRequestError("connection reset"),
        },
        error: "failed fetch proxy-defaults: connection reset",
      },
    ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const agent = scriptedAgent(c.answers);
      const d = deps(agent.client);
      const err = await assertRejects(() => generate(options(c.args), d), CliError);
      assertEquals(err.message, c.error);
    });
  }
});

Deno.test("pipeline: warnings in Consul's order; the ACL warning is printed before a registration error", async () => {
  const agent = scriptedAgent({
    self: { Config: {} }, // no xDS info, no DebugConfig ⇒ lookup error
    acl: new AgentRequestError("Unexpected response code: 403 (ACL not found)", 403),
    "service/p": null,
    "proxy-defaults": null,
  });
  const d = deps(agent.client);
  const err = await assertRejects(
    () => generate(options(["-proxy-id", "p", "-admin-access-log-path", "/tmp/a.log"]), d),
    CliError,
  );
  assertEquals(
    err.message,
    "Error looking up xDS port: unexpected agent response: no debug config",
  );
  assertStringIncludes(d.io.err, "-admin-access-log-path is deprecated");

  const agent2 = scriptedAgent({
    self: { Config: {}, DebugConfig: { GRPCPort: 0 } },
    acl: new AgentRequestError("Unexpected response code: 403 (ACL not found)", 403),
    "service/p": new AgentRequestError(
      "Unexpected response code: 404 (unknown service ID: p)",
      404,
    ),
    "proxy-defaults": null,
  });
  const d2 = deps(agent2.client);
  await assertRejects(
    () => generate(options(["-proxy-id", "p"]), d2),
    CliError,
    "failed fetch proxy config",
  );
  const lines = d2.io.err.trimEnd().split("\n");
  assertEquals(lines.length, 2);
  assertStringIncludes(lines[0], "-grpc-addr not provided");
  assertStringIncludes(lines[1], "No ACL token was provided to Envoy");
});

Deno.test("pipeline: -prometheus-backend-port must be a port even when unused", async (t) => {
  for (
    const [value, ok] of [
      ["20100", true],
      ["0", true],
      ["65535", true],
      ["65536", false],
      ["abc", false],
      ["-1", false],
      ["1e3", false],
    ] as const
  ) {
    await t.step(value, async () => {
      const agent = scriptedAgent({
        self: selfAnswer,
        acl: null,
        "service/web-sidecar-proxy": sidecar,
        "proxy-defaults": null,
      });
      const run = () =>
        generate(
          options(["-proxy-id", "web-sidecar-proxy", "-prometheus-backend-port", value]),
          deps(agent.client),
        );
      if (ok) await run();
      else {await assertRejects(
          run,
          CliError,
          `invalid value "${value}" for flag -prometheus-backend-port`,
        );}
    });
  }
});

Deno.test("pipeline: the result carries what supervise mode and doctor need", async () => {
  const gw = { Kind: "mesh-gateway", ID: "mesh-gateway", Service: "mesh-gateway", Proxy: {} };
  const agent = scriptedAgent({
    self: selfAnswer,
    register: null,
    acl: null,
    "service/mesh-gateway": gw,
    "proxy-defaults": null,
  });
  const out = await generate(
    options(["-gateway", "mesh", "-register", "-admin-bind", "localhost:19005"]),
    deps(agent.client),
  );
  assertEquals(out.proxyId, "mesh-gateway");
  assertEquals(out.agentSelf, selfAnswer);
  assertEquals(out.adminBind, { host: "127.0.0.1", port: "19005" });
  assertEquals(out.xds, { address: "127.0.0.1", port: "8502", socket: "", tls: false });
  assertEquals(out.registration.service, gw);
  assertEquals(out.registered?.serviceId, "mesh-gateway");
  assertEquals(JSON.parse(out.registered?.body ?? "").Kind, "mesh-gateway");

  const sidecarAgent = scriptedAgent({
    self: selfAnswer,
    acl: null,
    "service/web-sidecar-proxy": sidecar,
    "proxy-defaults": null,
  });
  const plain = await generate(
    options(["-proxy-id", "web-sidecar-proxy"]),
    deps(sidecarAgent.client),
  );
  assertEquals(plain.registered, undefined);
});

Deno.test("pipeline: the dial warning precedes admin-bind and CA errors; -bootstrap does not dial", async (t) => {
  const answers = {
    self: selfAnswer,
    acl: null,
    "service/web-sidecar-proxy": sidecar,
    "proxy-defaults": null,
    services: { "web-sidecar-proxy": sidecar },
  };
  const cases = [
    {
      flags: ["-admin-bind", "nohostport"],
      error: `invalid -admin-bind "nohostport": missing port; want host:port, e.g. 127.0.0.1:19000`,
    },
    { flags: ["-grpc-ca-file", "/nonexistent"], error: "Error loading from /nonexistent" },
  ];
  for (const c of cases) {
    await t.step(c.flags.join(" "), async () => {
      const d = deps(scriptedAgent(answers).client);
      const dialed: unknown[] = [];
      d.dial = (target) => {
        dialed.push(target);
        return Promise.resolve("dial 127.0.0.1:1: connect: connection refused");
      };
      d.caFs.readTextFile = (p) => {
        throw new Error(`open ${p}: no such file or directory`);
      };
      const args = ["-sidecar-for", "web", "-grpc-addr", "127.0.0.1:1", ...c.flags];
      const parsed = parseArgs(args, {}, "linux");
      if (parsed.kind !== "run") throw new Error("expected a run");
      await assertRejects(() => generate(parsed.options, d), CliError, c.error);
      assertEquals(
        d.io.err,
        "There was an error dialing the xDS address: dial 127.0.0.1:1: connect: connection refused\n",
      );
      assertEquals(dialed, [{ host: "127.0.0.1", port: "1" }]);

      const quiet = deps(scriptedAgent(answers).client);
      quiet.dial = () => Promise.reject(new Error("must not dial with -bootstrap"));
      quiet.caFs.readTextFile = d.caFs.readTextFile;
      await assertRejects(
        () => generate(options(args), quiet),
        CliError,
        c.error,
      );
      assertEquals(quiet.io.err, "");
    });
  }
});
