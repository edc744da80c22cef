import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { parseAdminBind } from "../../src/pipeline/admin_bind.ts";

Deno.test("parseAdminBind: host:port forms", () => {
  const table: [string, { host: string; port: string }][] = [
    ["127.0.0.1:19000", { host: "127.0.0.1", port: "19000" }],
    ["localhost:9999", { host: "localhost", port: "9999" }],
    ["[::1]:19000", { host: "::1", port: "19000" }],
    ["0.0.0.0:0", { host: "0.0.0.0", port: "0" }],
  ];
  for (const [input, want] of table) assertEquals(parseAdminBind(input), want, input);
});

Deno.test("parseAdminBind: errors name -admin-bind and say what to give", () => {
  const table: [string, string][] = [
    ["127.0.0.1", 'invalid -admin-bind "127.0.0.1": missing port; want host:port'],
    [":19000", 'invalid -admin-bind ":19000": missing host; want host:port'],
    ["::1:19000", "too many colons; put an IPv6 address in brackets, e.g. [::1]:19000"],
    ["[::1", `invalid -admin-bind "[::1": missing ']' in address`],
    ["", 'invalid -admin-bind "": missing port'],
  ];
  for (const [input, want] of table) {
    const err = assertThrows(() => parseAdminBind(input), Error, want);
    assertEquals(err.message.includes("\n"), false);
  }
});
