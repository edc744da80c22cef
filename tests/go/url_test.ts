import { assertEquals } from "../helpers/assert.ts";
import { hostnameAndPort, parseGoUrl } from "../../src/go/url.ts";

Deno.test("parseGoUrl: accepted URLs", () => {
  const table: [string, string, string, string][] = [
    // raw, scheme, host, path
    ["udp://127.0.0.1:8125", "udp", "127.0.0.1:8125", ""],
    ["UDP://host:1/x", "udp", "host:1", "/x"],
    ["udp://[::1]:8125", "udp", "[::1]:8125", ""],
    ["unix:///var/run/statsd.sock", "unix", "", "/var/run/statsd.sock"],
    ["unix:/tmp/a%20b.sock", "unix", "", "/tmp/a b.sock"],
    ["tcp://h:1?x=1#frag", "tcp", "h:1", ""],
    ["//h:2/p", "", "h:2", "/p"],
    ["relative/path", "", "", "relative/path"],
    ["", "", "", ""],
    ["udp://user:pw@h:3", "udp", "h:3", ""],
    ["udp://$x:3", "udp", "$x:3", ""],
  ];
  for (const [raw, scheme, host, path] of table) {
    const r = parseGoUrl(raw);
    assertEquals(r.ok, true, raw);
    if (r.ok) assertEquals([r.url.scheme, r.url.host, r.url.path], [scheme, host, path], raw);
  }
  const opaque = parseGoUrl("unix:relative.sock");
  assertEquals(opaque.ok && opaque.url.opaque, "relative.sock");
});

Deno.test("parseGoUrl: rejected URLs", () => {
  for (
    const raw of [
      "udp://${OTHER}:8125",
      "udp://host:abc",
      "udp://host:8125:1",
      "udp://[::1",
      "udp://[::1]x",
      "://x",
      ":8125",
      "a:/c%zz",
      "udp://h\n:1",
      "udp://h o:1",
      "udp://a%41:1",
      "1host:8125/x",
    ]
  ) {
    const r = parseGoUrl(raw);
    assertEquals(r.ok, false, raw);
  }
});

Deno.test("hostnameAndPort", () => {
  assertEquals(hostnameAndPort("h:1"), { hostname: "h", port: "1" });
  assertEquals(hostnameAndPort("[::1]:8125"), { hostname: "::1", port: "8125" });
  assertEquals(hostnameAndPort("[::1]"), { hostname: "::1", port: "" });
  assertEquals(hostnameAndPort("h"), { hostname: "h", port: "" });
  assertEquals(hostnameAndPort("h:"), { hostname: "h", port: "" });
});
