import { assert, assertEquals } from "../helpers/assert.ts";
import { guardInspectorPort, INSPECTOR_ADDRESS } from "../../src/supervise/inspector_guard.ts";

Deno.test("guardInspectorPort: asks for the runtime's fixed inspector address", () => {
  const asked: { hostname: string; port: number }[] = [];
  const guard = guardInspectorPort((opts) => {
    asked.push(opts);
    throw new Deno.errors.AddrInUse("taken");
  });
  assertEquals(asked, [{ hostname: "127.0.0.1", port: 9229 }]);
  assertEquals(INSPECTOR_ADDRESS, { hostname: "127.0.0.1", port: 9229 });
  assertEquals(guard.holding, false);
  guard.close(); // inert guard: closing does nothing and does not throw
});

Deno.test("guardInspectorPort: holds the address and closes every connection at once", async () => {
  let port = 0;
  const guard = guardInspectorPort(({ hostname }) => {
    const l = Deno.listen({ hostname, port: 0 });
    port = (l.addr as Deno.NetAddr).port;
    return l;
  });
  try {
    assert(guard.holding);
    for (let i = 0; i < 2; i++) {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      await conn.write(new TextEncoder().encode("GET /json/list HTTP/1.1\r\nHost: x\r\n\r\n"))
        .catch(() => 0);
      const read = await conn.read(new Uint8Array(64)).catch(() => null);
      assertEquals(read, null, "the guard answers nothing");
      conn.close();
    }
  } finally {
    guard.close();
  }
  // Released: connections are refused from now on.
  let refused = false;
  for (let i = 0; i < 50 && !refused; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      await new Promise((r) => setTimeout(r, 10));
    } catch (err) {
      refused = err instanceof Deno.errors.ConnectionRefused;
    }
  }
  assert(refused, "the guard released the address");
});
