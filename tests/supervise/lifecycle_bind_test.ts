import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { parseLifecycleBind } from "../../src/supervise/lifecycle_bind.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("parseLifecycleBind: a bare port is loopback; a host is used as given", () => {
  const cases: [string, { host: string; port: number }][] = [
    [":19100", { host: "127.0.0.1", port: 19100 }],
    ["127.0.0.1:19100", { host: "127.0.0.1", port: 19100 }],
    ["0.0.0.0:8080", { host: "0.0.0.0", port: 8080 }],
    ["[::1]:9000", { host: "::1", port: 9000 }],
    ["[::]:9000", { host: "::", port: 9000 }],
    ["localhost:0", { host: "localhost", port: 0 }],
  ];
  for (const [text, want] of cases) assertEquals(parseLifecycleBind(text), want, text);
});

Deno.test("parseLifecycleBind: bad values fail with one line naming the flag", () => {
  for (const bad of ["19100", "host", "host:", "host:70000", "::1:9000", "a b:1", "h:1x"]) {
    const err = assertThrows(() => parseLifecycleBind(bad), CliError, "-lifecycle-bind");
    assertEquals(err.message.includes("\n"), false, bad);
  }
});
