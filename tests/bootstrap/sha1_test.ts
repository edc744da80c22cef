import { Buffer } from "node:buffer";
import { assertEquals } from "../helpers/assert.ts";
import { createHash } from "node:crypto";
import { base64UrlRaw, sha1 } from "../../src/bootstrap/sha1.ts";

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("sha1: FIPS 180 test vectors", () => {
  assertEquals(hex(sha1(enc(""))), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  assertEquals(hex(sha1(enc("abc"))), "a9993e364706816aba3e25717850c26c9cd0d89d");
  assertEquals(
    hex(sha1(enc("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
    "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
  );
});

Deno.test("sha1 + base64UrlRaw: the telemetry socket name of default_test-proxy", () => {
  assertEquals(base64UrlRaw(sha1(enc("default_test-proxy"))), "k3bWnyJyKvjUYXrBdOX2nXzSSCQ");
});

Deno.test("sha1 + base64UrlRaw agree with node:crypto on many lengths (padding edges)", () => {
  for (let n = 0; n < 200; n++) {
    const s = "é-x".repeat(n).slice(0, n);
    const want = createHash("sha1").update(s, "utf8").digest("base64url");
    assertEquals(base64UrlRaw(sha1(enc(s))), want, `length ${n}`);
  }
  for (let n = 0; n < 8; n++) {
    const bytes = new Uint8Array(n).map((_, i) => 250 - i);
    assertEquals(base64UrlRaw(bytes), Buffer.from(bytes).toString("base64url"));
  }
});
