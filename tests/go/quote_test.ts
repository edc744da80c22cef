import { assertEquals } from "../helpers/assert.ts";
import { goQuote } from "../../src/go/quote.ts";

Deno.test("goQuote follows Go's strconv.Quote (%q)", () => {
  const table: [string, string][] = [
    ["plain", '"plain"'],
    ["udp://h:1", '"udp://h:1"'],
    ['{{ GetInterfaceIP "eth0" }}', '"{{ GetInterfaceIP \\"eth0\\" }}"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ["tab\there\n", '"tab\\there\\n"'],
    ["\x00\x01\x1b\x7f", '"\\x00\\x01\\x1b\\x7f"'],
    ["héllo ✓", '"héllo ✓"'],
    ["\u0085", '"\\u0085"'],
    ["\u200b", '"\\u200b"'],
    ["\u{e0001}", '"\\U000e0001"'],
  ];
  for (const [input, want] of table) assertEquals(goQuote(input), want, input);
});
