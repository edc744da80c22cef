/**
 * The agent client against the project's fake agent over plain HTTP (the
 * HTTP/1.1 transport on `Deno.connect`): request construction, status handling,
 * decoding, transport failures and limits.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { httpConfig } from "../helpers/http_config.ts";
import { demoSpec } from "../helpers/demo_agent.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import { AgentRequestError } from "../../src/agent/types.ts";
import { type FakeAgentSpec, startFakeAgent } from "../../scripts/fake_agent.ts";

const TOKEN = "s3cret-t0ken-value";

async function withAgent(
  s: FakeAgentSpec,
  fn: (agent: Awaited<ReturnType<typeof startFakeAgent>>) => Promise<void>,
) {
  const agent = await startFakeAgent(s);
  try {
    await fn(agent);
  } finally {
    await agent.close();
  }
}

Deno.test("client: every method sends the right request and decodes the answer", async () => {
  await withAgent(
    { ...demoSpec(), proxyDefaults: { AccessLogs: { Enabled: true } } },
    async (a) => {
      const c = await createAgentClient(httpConfig(a.addr));
      try {
        assertEquals(Object.keys(await c.services()).sort(), ["web", "web-sidecar-proxy"]);
        assertEquals(
          Object.keys(await c.services("Kind == `connect-proxy`")),
          ["web-sidecar-proxy"],
        );
        assertEquals((await c.self()).Config, demoSpec().self!.Config);
        assertEquals((await c.service("web-sidecar-proxy")).Port, 21000);
        const cat = await c.catalogNodeServices("demo-node", "web-sidecar-proxy");
        assertEquals((cat.Services as unknown[]).length, 1);
        assertEquals(await c.proxyDefaults(), { AccessLogs: { Enabled: true } });
        await c.register('{"Name":"x"}\n');
      } finally {
        await c.close();
      }
      const seen = a.requests.map((r) => `${r.method} ${r.path}${r.query ? "?" + r.query : ""}`);
      assertEquals(seen, [
        "GET /v1/agent/services",
        "GET /v1/agent/services?filter=Kind+%3D%3D+%60connect-proxy%60",
        "GET /v1/agent/self",
        "GET /v1/agent/service/web-sidecar-proxy",
        "GET /v1/catalog/node-services/demo-node?filter=ID+%3D%3D+%22web-sidecar-proxy%22&merge-central-config=",
        "GET /v1/config/proxy-defaults/global",
        "PUT /v1/agent/service/register",
      ]);
      for (const r of a.requests) {
        assertEquals(r.headers["content-type"], "application/json; charset=utf-8");
        assertEquals(r.token, undefined, "no token header when the token is empty");
        assertEquals(r.headers["authorization"], undefined);
      }
      assertEquals(a.requests[6].body, '{"Name":"x"}\n');
    },
  );
});

Deno.test("client: token header, ns/partition on every request, basic auth, path prefix", async () => {
  await withAgent(demoSpec(), async (a) => {
    const c = await createAgentClient(httpConfig(a.addr, {
      token: TOKEN,
      namespace: "ns 1",
      partition: "p=1",
      auth: { username: "user", password: "pässword" },
    }));
    try {
      await c.self();
      await c.tokenSelf().catch(() => {});
      await c.services("Kind == `mesh-gateway`");
    } finally {
      await c.close();
    }
    for (const r of a.requests) {
      assertEquals(r.token, TOKEN);
      assert(!r.query.includes(TOKEN), "token never in the query");
      assertEquals(r.params.ns, "ns 1");
      assertEquals(r.params.partition, "p=1");
      const expected = "Basic " +
        btoa(String.fromCharCode(...new TextEncoder().encode("user:pässword")));
      assertEquals(r.headers["authorization"], expected);
    }
    assertEquals(a.requests[0].query, "ns=ns+1&partition=p%3D1");
    assertEquals(
      a.requests[2].query,
      "filter=Kind+%3D%3D+%60mesh-gateway%60&ns=ns+1&partition=p%3D1",
    );
  });
});

Deno.test("client: IDs are path-escaped; the catalog filter is Go-quoted", async () => {
  await withAgent(demoSpec(), async (a) => {
    const c = await createAgentClient(httpConfig(a.addr));
    try {
      await c.service("a b?c#d/e").catch(() => {});
      await c.catalogNodeServices("node 1", 'we"ird\\id').catch(() => {});
    } finally {
      await c.close();
    }
    assertEquals(a.requests[0].path, "/v1/agent/service/a%20b%3Fc%23d/e");
    assertEquals(a.requests[1].path, "/v1/catalog/node-services/node%201");
    assertEquals(a.requests[1].params.filter, 'ID == "we\\"ird\\\\id"');
  });
});

Deno.test("client: a path prefix is prepended to every API path", async () => {
  const s = demoSpec();
  s.failWith = { "/consul/v1/agent/self": { status: 200, body: '{"Config":{}}' } };
  await withAgent(s, async (a) => {
    const c = await createAgentClient(httpConfig(a.addr, { pathPrefix: "/consul" }));
    try {
      assertEquals(await c.self(), { Config: {} });
    } finally {
      await c.close();
    }
    assertEquals(a.requests[0].path, "/consul/v1/agent/self");
  });
});

Deno.test("client: non-200 answers give Consul's 'Unexpected response code' text", async (t) => {
  const cases: { name: string; path: string; status: number; body: string; call: string }[] = [
    {
      name: "403",
      path: "/v1/agent/self",
      status: 403,
      body: "Permission denied: x\n",
      call: "self",
    },
    { name: "404", path: "/v1/agent/services", status: 404, body: "  nope  ", call: "services" },
    { name: "500", path: "/v1/acl/token/self", status: 500, body: "boom", call: "tokenSelf" },
    { name: "201", path: "/v1/agent/service/register", status: 201, body: "", call: "register" },
  ];
  const s = demoSpec();
  s.failWith = Object.fromEntries(cases.map((c) => [c.path, { status: c.status, body: c.body }]));
  await withAgent(s, async (a) => {
    const c = await createAgentClient(httpConfig(a.addr, { token: TOKEN }));
    try {
      for (const k of cases) {
        await t.step(k.name, async () => {
          // deno-lint-ignore no-explicit-any
          const fn = (c as any)[k.call] as (x?: string) => Promise<unknown>;
          const err = await assertRejects(() => fn.call(c, "{}"), AgentRequestError);
          assertEquals(err.message, `Unexpected response code: ${k.status} (${k.body.trim()})`);
          assertEquals((err as AgentRequestError).status, k.status);
        });
      }
      // the real 404 of an unknown service
      const err = await assertRejects(() => c.service("nope"), AgentRequestError);
      assertEquals(err.message, "Unexpected response code: 404 (unknown service ID: nope)");
    } finally {
      await c.close();
    }
  });
});

Deno.test("client: proxyDefaults is null for any non-200, rejects on a bad body", async () => {
  await withAgent(demoSpec(), async (a) => {
    const c = await createAgentClient(httpConfig(a.addr));
    try {
      assertEquals(await c.proxyDefaults(), null);
    } finally {
      await c.close();
    }
  });
  const s = demoSpec();
  s.failWith = { "/v1/config/proxy-defaults/global": { status: 200, body: "not json" } };
  await withAgent(s, async (a) => {
    const c = await createAgentClient(httpConfig(a.addr));
    try {
      const err = await assertRejects(() => c.proxyDefaults(), AgentRequestError);
      assertStringIncludes(err.message, `Get "http://${a.addr}/v1/config/proxy-defaults/global"`);
      assertStringIncludes(err.message, "invalid JSON");
    } finally {
      await c.close();
    }
  });
});

Deno.test("client: decoding failures are clear", async (t) => {
  const cases: { name: string; path: string; body: string; call: () => string; want: string }[] = [
    {
      name: "non-JSON",
      path: "/v1/agent/self",
      body: "<html>",
      call: () => "self",
      want: "invalid JSON in response",
    },
    {
      name: "self scalar value",
      path: "/v1/agent/self",
      body: '{"Config": 3}',
      call: () => "self",
      want: 'key "Config" is a number, not an object',
    },
    {
      name: "self array",
      path: "/v1/agent/self",
      body: "[]",
      call: () => "self",
      want: "the body is an array",
    },
    {
      name: "service string",
      path: "/v1/agent/service/web",
      body: '"x"',
      call: () => "service",
      want: "the body is a string",
    },
    {
      name: "services entry",
      path: "/v1/agent/services",
      body: '{"a": 1}',
      call: () => "services",
      want: 'service "a" is a number',
    },
  ];
  for (const k of cases) {
    await t.step(k.name, async () => {
      const s = demoSpec();
      s.failWith = { [k.path]: { status: 200, body: k.body } };
      await withAgent(s, async (a) => {
        const c = await createAgentClient(httpConfig(a.addr, { token: TOKEN }));
        try {
          // deno-lint-ignore no-explicit-any
          const fn = (c as any)[k.call()] as (x?: string) => Promise<unknown>;
          const err = await assertRejects(() => fn.call(c, "web"), AgentRequestError);
          assertStringIncludes(err.message, k.want);
          assertStringIncludes(err.message, a.addr);
          assert(!err.message.includes(TOKEN));
        } finally {
          await c.close();
        }
      });
    });
  }
});

Deno.test("client: self accepts null top-level values; services null is empty", async () => {
  const s = demoSpec();
  s.failWith = {
    "/v1/agent/self": { status: 200, body: '{"Config":{"A":1},"Coord":null}' },
    "/v1/agent/services": { status: 200, body: "null" },
  };
  await withAgent(s, async (a) => {
    const c = await createAgentClient(httpConfig(a.addr));
    try {
      assertEquals(await c.self(), { Config: { A: 1 }, Coord: null });
      assertEquals(await c.services(), {});
    } finally {
      await c.close();
    }
  });
});

Deno.test("client: connection refused names the method and URL, never the token", async () => {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  const c = await createAgentClient(httpConfig(`127.0.0.1:${port}`, { token: TOKEN }));
  try {
    const err = await assertRejects(() => c.self(), AgentRequestError);
    assertEquals(
      err.message,
      `Get "http://127.0.0.1:${port}/v1/agent/self": dial tcp 127.0.0.1:${port}: connection refused`,
    );
    assertEquals((err as AgentRequestError).status, undefined);
  } finally {
    await c.close();
  }
});

Deno.test("client: a slow agent hits the request timeout", async () => {
  await withAgent({ ...demoSpec(), latencyMs: 3000 }, async (a) => {
    const c = await createAgentClient(httpConfig(a.addr, { token: TOKEN }), {
      requestTimeoutMs: 200,
    });
    const t0 = performance.now();
    try {
      const err = await assertRejects(() => c.self(), AgentRequestError);
      assertEquals(
        err.message,
        `Get "http://${a.addr}/v1/agent/self": tcp ${a.addr}: timed out after 200ms`,
      );
      assert(performance.now() - t0 < 2000, "gave up promptly");
    } finally {
      await c.close();
    }
  });
});

Deno.test("client: a huge body is refused without reading it all", async () => {
  const s = demoSpec();
  s.failWith = { "/v1/agent/self": { status: 200, body: "x".repeat(2 * 1024 * 1024) } };
  await withAgent(s, async (a) => {
    const c = await createAgentClient(httpConfig(a.addr), { maxBodyBytes: 1024 * 1024 });
    try {
      const err = await assertRejects(() => c.self(), AgentRequestError);
      assertEquals(
        err.message,
        `Get "http://${a.addr}/v1/agent/self": tcp ${a.addr}: response body larger than 1048576 bytes`,
      );
    } finally {
      await c.close();
    }
  });
});

Deno.test("client: unix socket, Host localhost", async () => {
  const dir = await Deno.makeTempDir();
  const sock = `${dir}/agent.sock`;
  await withAgent({ ...demoSpec(), unixSocket: sock, unixOnly: true }, async (a) => {
    assertEquals(a.url, `unix://${sock}`);
    const c = await createAgentClient(httpConfig("", { unixSocket: sock, token: TOKEN }));
    try {
      assertEquals((await c.service("web")).Port, 8080);
    } finally {
      await c.close();
    }
    assertEquals(a.requests[0].listener, "unix");
    assertEquals(a.requests[0].headers.host, "localhost");
    assertEquals(a.requests[0].token, TOKEN);
  });
  const c = await createAgentClient(httpConfig("", { unixSocket: `${dir}/missing.sock` }));
  try {
    const err = await assertRejects(() => c.self(), AgentRequestError);
    assertEquals(
      err.message,
      `Get "http://localhost/v1/agent/self": dial unix ${dir}/missing.sock: no such file or directory`,
    );
  } finally {
    await c.close();
    await Deno.remove(dir, { recursive: true });
  }
});
