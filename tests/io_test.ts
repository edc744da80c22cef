import { assertEquals, assertThrows } from "./helpers/assert.ts";
import { STDOUT_CLOSED_MESSAGE, writeAll, writeStdout } from "../src/io.ts";
import { CliError } from "../src/errors.ts";
import { cliCommand } from "../src/permissions.ts";

Deno.test("writeAll: loops over short writes", () => {
  const seen: number[] = [];
  writeAll({ writeSync: (p) => (seen.push(p.length), Math.min(p.length, 3)) }, "abcdefgh");
  assertEquals(seen, [8, 5, 2]);
});

Deno.test("writeStdout: a broken pipe is one CliError line; other errors pass through", () => {
  const broken = {
    writeSync: (): number => {
      throw new Deno.errors.BrokenPipe("Broken pipe (os error 32)");
    },
  };
  const err = assertThrows(() => writeStdout(broken, "x"), CliError);
  assertEquals(err.message, STDOUT_CLOSED_MESSAGE);
  const other = {
    writeSync: (): number => {
      throw new Deno.errors.BadResource("gone");
    },
  };
  assertThrows(() => writeStdout(other, "x"), Deno.errors.BadResource);
});

Deno.test("CLI: stdout closed by its reader gives one line, exit 1, no internal error", async () => {
  // The reading end is closed before the child has even started up, so its
  // first write to stdout fails with EPIPE.
  const child = cliCommand(["-h"]).spawn();
  await child.stdout.cancel();
  const { code, stderr } = await child.output();
  assertEquals(new TextDecoder().decode(stderr), STDOUT_CLOSED_MESSAGE + "\n");
  assertEquals(code, 1);
});
