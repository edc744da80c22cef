import { assertEquals } from "./helpers/assert.ts";
import { createLogger, redact } from "../src/log.ts";
import { memoryIo } from "./helpers/memory_io.ts";

Deno.test("redact: every occurrence of every secret", () => {
  assertEquals(redact("a s3cr3t b s3cr3t", ["s3cr3t", ""]), "a <redacted> b <redacted>");
});

Deno.test("createLogger: disabled writes nothing; enabled writes redacted lines", () => {
  const io = memoryIo();
  createLogger(io, false, () => ["tok"]).debug("hidden", { token: "tok" });
  assertEquals(io.err, "");
  const log = createLogger(io, true, () => ["tok"], () => new Date(0));
  log.debug("Set Proxy ID", { "proxy-id": "web-sidecar-proxy", header: "x tok y" });
  assertEquals(
    io.err,
    "1970-01-01T00:00:00.000Z [DEBUG] Set Proxy ID: proxy-id=web-sidecar-proxy header=x <redacted> y\n",
  );
});

Deno.test("redact: a secret folded onto one line, JSON-escaped or stripped of controls", () => {
  const token = "tok3n-part-one\ntok3n-part-two";
  const crlf = "tok3n-part-one\r\ntok3n-part-two";
  const forms: [string, string][] = [
    ["as written", token],
    ["folded onto one line", "tok3n-part-one tok3n-part-two"],
    ["JSON-escaped", JSON.stringify(token)],
    ["JSON inside JSON", JSON.stringify(JSON.stringify(token))],
    ["unicode escape", "tok3n-part-one\\u000atok3n-part-two"],
    ["control stripped", "tok3n-part-onetok3n-part-two"],
    ["CRLF folded", "tok3n-part-one  tok3n-part-two"],
  ];
  for (const [name, form] of forms) {
    for (const secret of [token, crlf]) {
      const out = redact(`before ${form} after`, [secret]);
      assertEquals(out.includes("part-one") || out.includes("part-two"), false, name);
      assertEquals(out.startsWith("before ") && out.endsWith(" after"), true, name);
    }
  }
  // quotes and backslashes escaped in the message
  assertEquals(redact('x "a\\"b\\\\c-secret" y', ['a"b\\c-secret']), 'x "<redacted>" y');
  // a short secret keeps a visible separator: "ab" in ordinary words survives
  assertEquals(redact("about a b", ["a\nb"]), "about <redacted>");
});
