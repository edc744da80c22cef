import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { adminTarget } from "../../src/supervise/admin_address.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("adminTarget: the admin bind; wildcards are reached on loopback", () => {
  const cases: [string, string, { host: string; port: number }][] = [
    ["127.0.0.1", "19000", { host: "127.0.0.1", port: 19000 }],
    ["::1", "19000", { host: "::1", port: 19000 }],
    ["[::1]", "19000", { host: "::1", port: 19000 }],
    ["0.0.0.0", "19001", { host: "127.0.0.1", port: 19001 }],
    ["::", "19002", { host: "::1", port: 19002 }],
    ["10.1.2.3", "19003", { host: "10.1.2.3", port: 19003 }],
  ];
  for (const [host, port, want] of cases) assertEquals(adminTarget({ host, port }), want, host);
});

Deno.test("adminTarget: no usable TCP port is a one-line error naming -admin-bind", () => {
  for (const [host, port] of [["127.0.0.1", "0"], ["127.0.0.1", "x"], ["", "19000"]]) {
    assertThrows(() => adminTarget({ host, port }), CliError, "-admin-bind");
  }
});
