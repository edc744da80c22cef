import { assertEquals } from "../helpers/assert.ts";
import { goEscapeRune, goQuote, goQuoteRune } from "../../src/go/quote.ts";

Deno.test("goQuote follows Go's strconv.Quote (%q)", () => {
  const table: [string, string][] = [
    ["plain", '"plain"'],
    ["udp://h:1", '"udp://h:1"'],
    ['{{ GetInterfaceIP "eth0" }}', '"{{ GetInterfaceIP \\"eth0\\" }}"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ["it's", `"it's"`],
    ["tab\there\n", '"tab\\there\\n"'],
    ["\x07\b\f\r\v", '"\\a\\b\\f\\r\\v"'],
    ["\x00\x01\x1b\x7f", '"\\x00\\x01\\x1b\\x7f"'],
    ["tab\there\u0001é\u00a0", '"tab\\there\\x01é\\u00a0"'],
    ["héllo ✓", '"héllo ✓"'],
    ["\u0085", '"\\u0085"'],
    ["\u00ad", '"\\u00ad"'],
    ["\u200b", '"\\u200b"'],
    ["\u{e0001}", '"\\U000e0001"'],
    ["😀", '"😀"'],
    // A lone surrogate is written out as U+FFFD, which Go prints as is.
    ["\ud800", '"\ufffd"'],
    ["a\udfffb", '"a\ufffdb"'],
    ["\ufffd", '"\ufffd"'],
  ];
  for (const [input, want] of table) assertEquals(goQuote(input), want, JSON.stringify(input));
});

Deno.test("goQuote with asciiOnly follows Go's strconv.QuoteToASCII (%+q)", () => {
  const table: [string, string][] = [
    ["plain", '"plain"'],
    ["é", '"\\u00e9"'],
    ["😀", '"\\U0001f600"'],
    ["\ud800", '"\\ufffd"'],
    ["\n\x7f", '"\\n\\x7f"'],
  ];
  for (const [input, want] of table) {
    assertEquals(goQuote(input, true), want, JSON.stringify(input));
  }
});

Deno.test("goQuoteRune follows Go's strconv.QuoteRune; invalid code points become U+FFFD", () => {
  const table: [number, boolean, string][] = [
    [0x61, false, "'a'"],
    [0x27, false, "'\\''"],
    [0x22, false, `'"'`],
    [0x0a, false, "'\\n'"],
    [0xe9, false, "'é'"],
    [0xe9, true, "'\\u00e9'"],
    [0xd800, false, "'\ufffd'"],
    [0xd800, true, "'\\ufffd'"],
    [0x110000, false, "'\ufffd'"],
    [-1, true, "'\\ufffd'"],
  ];
  for (const [cp, ascii, want] of table) assertEquals(goQuoteRune(cp, ascii), want, String(cp));
  assertEquals(goEscapeRune(0x22, '"'), '\\"');
  assertEquals(goEscapeRune(0x22, "'"), '"');
});
