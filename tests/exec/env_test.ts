import { assertEquals } from "../helpers/assert.ts";
import { carriesCredential, envoyEnvironment } from "../../src/exec/env.ts";

Deno.test("envoyEnvironment: credential variables are removed, everything else kept", () => {
  const env = {
    PATH: "/usr/bin",
    HOME: "/var/lib/envoy",
    CONSUL_HTTP_TOKEN: "t1",
    CONSUL_HTTP_TOKEN_FILE: "/run/secrets/token",
    CONSUL_PROXY_TOKEN: "t2",
    CONSUL_HTTP_AUTH: "user:pass",
    CONSUL_HTTP_ADDR: "https://127.0.0.1:8501",
    CONSUL_GRPC_ADDR: "127.0.0.1:8502",
    CONSUL_CACERT: "/ca.pem",
    UNSET: undefined,
  };
  assertEquals(envoyEnvironment(env), {
    PATH: "/usr/bin",
    HOME: "/var/lib/envoy",
    CONSUL_HTTP_ADDR: "https://127.0.0.1:8501",
    CONSUL_GRPC_ADDR: "127.0.0.1:8502",
    CONSUL_CACERT: "/ca.pem",
  });
});

Deno.test("carriesCredential: an address with a password is a credential; one without is not", () => {
  const cases: [string, string, boolean][] = [
    ["CONSUL_HTTP_ADDR", "http://user:secret@agent:8500", true],
    ["CONSUL_HTTP_ADDR", "http://user@agent:8500", false],
    ["CONSUL_HTTP_ADDR", "agent:8500", false],
    ["CONSUL_HTTP_TOKEN_ANYTHING", "x", true],
    ["CONSUL_PROXY_TOKEN_FILE", "/x", true],
    ["MY_CONSUL_HTTP_TOKEN", "x", false],
  ];
  for (const [k, v, want] of cases) assertEquals(carriesCredential(k, v), want, `${k}=${v}`);
});
