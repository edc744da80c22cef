import { assertEquals } from "../helpers/assert.ts";
import { readyBindAddress } from "../../src/pipeline/ready_listener.ts";

Deno.test("readyBindAddress: ingress default, -address host, flags override", async (t) => {
  const cases = [
    { kind: "connect-proxy", lanString: ":8443", readyAddress: "", readyPort: 0, want: "" },
    {
      kind: "ingress-gateway",
      lanString: ":8443",
      readyAddress: "",
      readyPort: 0,
      want: "127.0.0.1:8443",
    },
    {
      kind: "ingress-gateway",
      lanString: "1.2.3.4:7777",
      readyAddress: "",
      readyPort: 0,
      want: "1.2.3.4:7777",
    },
    {
      kind: "connect-proxy",
      lanString: ":8443",
      readyAddress: "127.0.0.1",
      readyPort: 21000,
      want: "127.0.0.1:21000",
    },
    {
      kind: "connect-proxy",
      lanString: ":8443",
      readyAddress: "::1",
      readyPort: 21000,
      want: "[::1]:21000",
    },
    {
      kind: "connect-proxy",
      lanString: ":8443",
      readyAddress: "127.0.0.1",
      readyPort: 0,
      want: "",
    },
    {
      kind: "ingress-gateway",
      lanString: ":8443",
      readyAddress: "",
      readyPort: 21000,
      want: "127.0.0.1:8443",
    },
  ];
  for (const c of cases) {
    await t.step(`${c.kind} ${c.lanString} ${c.readyAddress}:${c.readyPort}`, () => {
      assertEquals(readyBindAddress(c), c.want);
    });
  }
});
