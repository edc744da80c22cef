/** The project's fake agent (`scripts/fake_agent.ts`) answers as its `FakeAgentSpec` says. */
import { assert, assertEquals, assertStringIncludes, assertThrows } from "../helpers/assert.ts";
import { demoSpec } from "../helpers/demo_agent.ts";
import { virtualClock } from "../helpers/clock.ts";
import { compileFilter, type FakeAgentSpec, startFakeAgent } from "../../scripts/fake_agent.ts";

async function get(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  return { status: res.status, text: await res.text() };
}

Deno.test("fake agent: routes and canned answers", async (t) => {
  const spec: FakeAgentSpec = {
    ...demoSpec(),
    acl: { enabled: true, tokens: ["good"] },
    failWith: { "/v1/agent/self": { status: 500, body: "down" } },
  };
  const a = await startFakeAgent(spec);
  try {
    const cases: { name: string; path: string; token?: string; status: number; has: string }[] = [
      { name: "all services", path: "/v1/agent/services", status: 200, has: '"web"' },
      {
        name: "filtered services",
        path: "/v1/agent/services?filter=" + encodeURIComponent("Kind == `connect-proxy`"),
        status: 200,
        has: "web-sidecar-proxy",
      },
      { name: "bad filter", path: "/v1/agent/services?filter=Kind", status: 400, has: "Failed" },
      { name: "one service", path: "/v1/agent/service/web", status: 200, has: '"Port":8080' },
      {
        name: "unknown service",
        path: "/v1/agent/service/x",
        status: 404,
        has: "unknown service ID: x",
      },
      { name: "canned", path: "/v1/agent/self", status: 500, has: "down" },
      {
        name: "catalog",
        path: "/v1/catalog/node-services/demo-node?filter=" +
          encodeURIComponent('ID == "nope"'),
        status: 200,
        has: '"Services":[]',
      },
      {
        name: "no proxy-defaults",
        path: "/v1/config/proxy-defaults/global",
        status: 404,
        has: "Config entry not found",
      },
      { name: "acl no token", path: "/v1/acl/token/self", status: 403, has: "ACL not found" },
      { name: "acl bad token", path: "/v1/acl/token/self", token: "bad", status: 403, has: "ACL" },
      { name: "acl good token", path: "/v1/acl/token/self", token: "good", status: 200, has: "{" },
      { name: "unknown path", path: "/v1/nope", status: 404, has: "404" },
    ];
    for (const k of cases) {
      await t.step(k.name, async () => {
        const headers: Record<string, string> = k.token ? { "X-Consul-Token": k.token } : {};
        const r = await get(a.url + k.path, { headers });
        assertEquals(r.status, k.status);
        assertStringIncludes(r.text, k.has);
      });
    }
    assertEquals(a.requests.length, cases.length);
    assertEquals(a.requests.at(-2)!.token, "good");
    assert(a.requests.every((r) => r.endMs >= r.startMs));
  } finally {
    await a.close();
  }
});

Deno.test("fake agent: ACL disabled answers 401", async () => {
  const a = await startFakeAgent({});
  try {
    assertEquals((await get(a.url + "/v1/acl/token/self")).status, 401);
  } finally {
    await a.close();
  }
});

Deno.test("fake agent: registerAdds makes a registered gateway visible", async () => {
  const a = await startFakeAgent({ registerAdds: true });
  try {
    const body = '{"Kind":"mesh-gateway","ID":"gw","Name":"mesh-gateway","Port":8443,"Check":{}}\n';
    assertEquals(
      (await get(a.url + "/v1/agent/service/register", { method: "PUT", body })).status,
      200,
    );
    const r = await get(a.url + "/v1/agent/service/gw");
    assertEquals(r.status, 200);
    const svc = JSON.parse(r.text);
    assertEquals([svc.ID, svc.Service, svc.Kind, svc.Port], [
      "gw",
      "mesh-gateway",
      "mesh-gateway",
      8443,
    ]);
    assert(svc.Proxy !== null && typeof svc.Proxy === "object", "gateways get a Proxy object");
    assertEquals(a.requests[0].body, body);
  } finally {
    await a.close();
  }
});

Deno.test("fake agent: registerAfterMs hides a service until then (on its clock); latency delays answers", async () => {
  const clock = virtualClock();
  const a = await startFakeAgent({
    ...demoSpec(),
    registerAfterMs: { "web-sidecar-proxy": 300 },
    clock: clock.now,
    latencyMs: 50,
  });
  try {
    assertEquals((await get(a.url + "/v1/agent/service/web-sidecar-proxy")).status, 404);
    await clock.sleep(299);
    assertEquals((await get(a.url + "/v1/agent/service/web-sidecar-proxy")).status, 404);
    await clock.sleep(1);
    assertEquals((await get(a.url + "/v1/agent/service/web-sidecar-proxy")).status, 200);
    for (const r of a.requests) assert(r.endMs - r.startMs >= 45, "latency applied");
  } finally {
    await a.close();
  }
});

Deno.test("fake agent: registerAfterLookups hides a service from the first N lookups", async () => {
  const a = await startFakeAgent({
    ...demoSpec(),
    registerAfterLookups: { "web-sidecar-proxy": 2 },
  });
  try {
    const services = async () => JSON.parse((await get(a.url + "/v1/agent/services")).text);
    assertEquals("web-sidecar-proxy" in await services(), false);
    assertEquals((await get(a.url + "/v1/agent/service/web-sidecar-proxy")).status, 404);
    assertEquals("web-sidecar-proxy" in await services(), true);
    assertEquals((await get(a.url + "/v1/agent/service/web-sidecar-proxy")).status, 200);
  } finally {
    await a.close();
  }
});

Deno.test("fake agent: TCP and unix socket together", async () => {
  const dir = await Deno.makeTempDir();
  const a = await startFakeAgent({ ...demoSpec(), unixSocket: `${dir}/s.sock` });
  try {
    assertEquals(a.url, `http://${a.addr}`);
    const client = Deno.createHttpClient({ proxy: { transport: "unix", path: `${dir}/s.sock` } });
    const res = await fetch("http://localhost/v1/agent/self", { client });
    assertEquals(res.status, 200);
    await res.body?.cancel();
    client.close();
    assertEquals((await get(a.url + "/v1/agent/self")).status, 200);
    assertEquals(a.requests.map((r) => r.listener), ["unix", "tcp"]);
  } finally {
    await a.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("fake agent: filter subset", () => {
  const svc = { Kind: "connect-proxy", ID: 'a"b', Proxy: { DestinationServiceID: "web" } };
  const cases: [string, boolean][] = [
    ["Kind == `connect-proxy`", true],
    ["Kind != `connect-proxy`", false],
    ['ID == "a\\"b"', true],
    ["Proxy.DestinationServiceID == `web` and Kind == `connect-proxy`", true],
    ["Kind == `mesh-gateway`", false],
  ];
  for (const [expr, want] of cases) assertEquals(compileFilter(expr)(svc), want, expr);
  assertThrows(() => compileFilter("Kind ="), Error, "Failed");
});

Deno.test("fake agent CLI prints its URL first and serves the fixture", async () => {
  const script = new URL("../../scripts/fake_agent.ts", import.meta.url).pathname;
  const fixture = new URL("../../scripts/fixtures/demo_agent.json", import.meta.url).pathname;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, fixture],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  try {
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let buf = "";
    while (!buf.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
    }
    const { url } = JSON.parse(buf.split("\n")[0]);
    const r = await get(url + "/v1/agent/service/web-sidecar-proxy");
    assertEquals(r.status, 200);
    assertEquals(JSON.parse(r.text).Proxy.DestinationServiceID, "web");
    reader.releaseLock();
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await child.stdout.cancel().catch(() => {});
  }
});
