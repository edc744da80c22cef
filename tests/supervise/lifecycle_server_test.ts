import { assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { lifecycleHandler } from "../../src/supervise/lifecycle_server.ts";
import type { AdminCall } from "../../src/supervise/admin_http.ts";

function setup(envoyReady: () => ReturnType<AdminCall>) {
  let accepting = true;
  let shutdowns = 0;
  const asked: string[] = [];
  const handler = lifecycleHandler({
    accepting: () => accepting,
    admin: (method, path) => {
      asked.push(`${method} ${path}`);
      return envoyReady();
    },
    shutdown: () => {
      shutdowns++;
      accepting = false;
    },
  });
  const call = async (method: string, path: string) => {
    const res = await handler(new Request(`http://127.0.0.1${path}`, { method }));
    return [res.status, (await res.text()).trim()] as const;
  };
  return { call, asked, shutdowns: () => shutdowns };
}

Deno.test("lifecycle /ready: 200 only while Envoy says LIVE and no shutdown started", async () => {
  const live = setup(() => Promise.resolve({ status: 200, body: "LIVE\n" }));
  assertEquals(await live.call("GET", "/ready"), [200, "LIVE"]);
  assertEquals(live.asked, ["GET /ready"], "Envoy asked on each probe");
  assertEquals(await live.call("POST", "/graceful_shutdown"), [200, "shutting down"]);
  assertEquals(live.shutdowns(), 1);
  assertEquals(await live.call("GET", "/ready"), [503, "shutting down"]);
  assertEquals(live.asked.length, 1, "no admin call once shutting down");

  const init = setup(() => Promise.resolve({ status: 503, body: "PRE_INITIALIZING\n" }));
  assertEquals(await init.call("GET", "/ready"), [503, "envoy: PRE_INITIALIZING"]);

  const down = setup(() => Promise.reject(new Error("connection refused")));
  const [status, body] = await down.call("GET", "/ready");
  assertEquals(status, 503);
  assertStringIncludes(body, "connection refused");
});

Deno.test("lifecycle: wrong methods and unknown paths", async () => {
  const s = setup(() => Promise.resolve({ status: 200, body: "LIVE" }));
  assertEquals((await s.call("GET", "/graceful_shutdown"))[0], 405);
  assertEquals((await s.call("POST", "/ready"))[0], 405);
  assertEquals((await s.call("GET", "/quitquitquit"))[0], 404);
  assertEquals(s.shutdowns(), 0);
});
