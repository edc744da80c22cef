import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { isDualStack } from "../../src/agent/dual_stack.ts";

Deno.test("isDualStack: IPv6 bind address (not IPv4-mapped) means dual-stack", async (t) => {
  const cases: [unknown, boolean][] = [
    ["::", true],
    ["fe80::1%eth0", true],
    ["2001:db8::1", true],
    ["0.0.0.0", false],
    ["10.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["", false],
    [undefined, false],
    [42, false],
  ];
  for (const [bind, want] of cases) {
    await t.step(String(bind), () => {
      const self = bind === undefined ? { Config: {} } : { Config: { BindAddr: bind } };
      assertEquals(isDualStack(self), want);
    });
  }
  await t.step("no Config at all", () => assertEquals(isDualStack({}), false));
  await t.step(
    "key case-insensitive",
    () => assertEquals(isDualStack({ config: { bindaddr: "::" } }), true),
  );
});

Deno.test("isDualStack: an unparsable BindAddr is an error", () => {
  assertThrows(() => isDualStack({ Config: { BindAddr: "not-an-ip" } }), Error, "not-an-ip");
});
