import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { adminAddressOf } from "../../src/supervise/admin_address.ts";
import { CliError } from "../../src/errors.ts";

const doc = (address: string, port: unknown) =>
  JSON.stringify({ admin: { address: { socket_address: { address, port_value: port } } } });

Deno.test("adminAddressOf: the bootstrap's admin socket address; wildcards become loopback", () => {
  const cases: [string, unknown, { host: string; port: number }][] = [
    ["127.0.0.1", 19000, { host: "127.0.0.1", port: 19000 }],
    ["::1", 19000, { host: "::1", port: 19000 }],
    ["0.0.0.0", 19001, { host: "127.0.0.1", port: 19001 }],
    ["::", 19002, { host: "::1", port: 19002 }],
    ["10.1.2.3", "19003", { host: "10.1.2.3", port: 19003 }],
  ];
  for (const [a, p, want] of cases) assertEquals(adminAddressOf(doc(a, p)), want, a);
});

Deno.test("adminAddressOf: no TCP admin address is a one-line error", () => {
  for (const bad of ["{}", "not json", doc("", 19000), doc("127.0.0.1", 0)]) {
    assertThrows(() => adminAddressOf(bad), CliError, "admin.address.socket_address");
  }
});
