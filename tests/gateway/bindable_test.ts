import { assertEquals } from "../helpers/assert.ts";
import { canBind } from "../../src/gateway/bindable.ts";

Deno.test("canBind compares canonical IP text with the local addresses", () => {
  const local = ["127.0.0.1", "10.0.0.5", "::1", "fe80::1", "2001:DB8:0:0::7"];
  const table: [string, boolean][] = [
    ["127.0.0.1", true],
    ["10.0.0.5", true],
    ["::1", true],
    ["0:0:0:0:0:0:0:1", true],
    ["::ffff:10.0.0.5", true],
    ["2001:db8::7", true],
    ["10.0.0.6", false],
    ["0.0.0.0", false],
    ["localhost", false],
    ["", false],
    ["fe80::1%eth0", false], // Go's net.ParseIP rejects zones
    ["010.0.0.5", false],
  ];
  for (const [address, want] of table) {
    assertEquals(canBind({ address, port: 8443 }, local), want, address);
  }
  assertEquals(canBind({ address: "127.0.0.1", port: 1 }, []), false);
});
