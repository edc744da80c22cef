import { assertEquals } from "./helpers/assert.ts";
import { secondsText, sizeText } from "../src/units.ts";

Deno.test("sizeText: binary units", () => {
  assertEquals(sizeText(16 * 1024 * 1024), "16 MiB");
  assertEquals(sizeText(64 * 1024), "64 KiB");
  assertEquals(sizeText(1000), "1000 bytes");
});

Deno.test("secondsText", () => {
  assertEquals(secondsText(30_000), "30s");
  assertEquals(secondsText(1500), "1.5s");
});
