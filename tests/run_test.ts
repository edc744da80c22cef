import { assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { main } from "../src/run.ts";
import { oneLine } from "../src/errors.ts";
import { secretsFromInputs } from "../src/secrets.ts";
import { memoryIo } from "./helpers/memory_io.ts";

Deno.test("secretsFromInputs: token variables, -token values, auth and address passwords", () => {
  const env = {
    CONSUL_HTTP_TOKEN: "env-tok",
    CONSUL_PROXY_TOKEN: "",
    CONSUL_HTTP_AUTH: "user:pa55",
    CONSUL_HTTP_ADDR: "https://admin:addr-pw@consul:8501",
  };
  const argv = ["-token", "flag-tok", "--token=eq-tok", "-http-addr", "http://u:flag-pw@h:1", "-x"];
  assertEquals(secretsFromInputs(argv, env).sort(), [
    "addr-pw",
    "env-tok",
    "eq-tok",
    "flag-pw",
    "flag-tok",
    "pa55",
  ]);
  assertEquals(secretsFromInputs([], { CONSUL_HTTP_AUTH: "only-a-user" }), []);
});

Deno.test("oneLine: line breaks inside a message become single spaces", () => {
  assertEquals(oneLine("a\n    b\r\nc\n"), "a b c");
  assertEquals(oneLine("plain"), "plain");
});

Deno.test("main: -version and -h print to stdout and exit 0", async () => {
  const io = memoryIo();
  assertEquals(await main(["-version"], { env: {}, io, os: "linux" }), 0);
  assertStringIncludes(io.out, "connect-envoy ");
  const help = memoryIo();
  assertEquals(await main(["-proxy-id", "-h"], { env: {}, io: help, os: "linux" }), 0);
  assertStringIncludes(help.out, "Usage: connect-envoy");
  assertEquals(help.err, "");
});

Deno.test("main: a parse error that echoes a -token value is redacted", async () => {
  const io = memoryIo();
  const code = await main(["-token", "s3cret", "---token=s3cret"], { env: {}, io, os: "linux" });
  assertEquals(code, 1);
  assertEquals(io.out, "");
  assertEquals(io.err.includes("s3cret"), false);
  assertStringIncludes(io.err, "bad flag syntax");
});
