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
