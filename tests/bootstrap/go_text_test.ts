import { assertEquals } from "../helpers/assert.ts";
import { goQuote, joinHostPort, splitHostPort } from "../../src/bootstrap/go_text.ts";

Deno.test("goQuote: strconv.Quote", () => {
  assertEquals(goQuote("udp://h:1"), '"udp://h:1"');
  assertEquals(goQuote('a"b\\c'), '"a\\"b\\\\c"');
  assertEquals(goQuote("\n\t\x01\x7f"), '"\\n\\t\\x01\\x7f"');
  assertEquals(goQuote("é"), '"é"');
  assertEquals(goQuote("\u0085"), '"\\u0085"');
});

Deno.test("splitHostPort: Go net.SplitHostPort", () => {
  const ok: [string, string, string][] = [
    ["h:1", "h", "1"],
    [":1", "", "1"],
    ["h:", "h", ""],
    ["[::1]:8080", "::1", "8080"],
    ["[fe80::1%eth0]:1", "fe80::1%eth0", "1"],
    ["0.0.0.0:abc", "0.0.0.0", "abc"],
  ];
  for (const [addr, host, port] of ok) assertEquals(splitHostPort(addr), { ok: true, host, port });
  const bad: [string, string][] = [
    ["h", "missing port in address"],
    ["::1:80", "too many colons in address"],
    ["[::1]", "missing port in address"],
    ["[::1", "missing ']' in address"],
    ["[::1]x:1", "missing port in address"],
    ["[::1]:1:2", "too many colons in address"],
    ["h[:1", "unexpected '[' in address"],
    ["h]:1", "unexpected ']' in address"],
  ];
  for (const [addr, why] of bad) {
    assertEquals(splitHostPort(addr), { ok: false, error: `address ${addr}: ${why}` });
  }
});

Deno.test("joinHostPort", () => {
  assertEquals(joinHostPort("::1", "1"), "[::1]:1");
  assertEquals(joinHostPort("h", "1"), "h:1");
});
