import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { spawnPlan } from "../../src/supervise/spawn.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("spawnPlan: Linux and macOS start Envoy in its own session and rewind the hand-over", () => {
  for (const os of ["linux", "darwin", "android", "ios"]) {
    assertEquals(spawnPlan(os), { newSession: true, rewind: true }, os);
  }
  for (const os of ["windows", "freebsd", "solaris"]) {
    assertThrows(() => spawnPlan(os), CliError, "-supervise");
  }
});
