import { assertEquals, assertThrows } from "./helpers/assert.ts";
import { STDOUT_CLOSED_MESSAGE, writeAll, writeStdout } from "../src/io.ts";
import { CliError } from "../src/errors.ts";
import { cliCommand, denoRunArgs, repoRoot } from "../src/permissions.ts";

Deno.test("writeAll: loops over short writes", () => {
  const seen: number[] = [];
  writeAll({ writeSync: (p) => (seen.push(p.length), Math.min(p.length, 3)) }, "abcdefgh");
  assertEquals(seen, [8, 5, 2]);
});

Deno.test("writeStdout: a broken pipe or any other write error is one CliError line", () => {
  const broken = {
    writeSync: (): number => {
      throw new Deno.errors.BrokenPipe("Broken pipe (os error 32)");
    },
  };
  const err = assertThrows(() => writeStdout(broken, "x"), CliError);
  assertEquals(err.message, STDOUT_CLOSED_MESSAGE);
  const full = {
    writeSync: (): number => {
      throw new Error("No space left on device (os error 28)");
    },
  };
  const err2 = assertThrows(() => writeStdout(full, "x"), CliError);
  assertEquals(err2.message, "connect-envoy: writing to stdout: no space left on device");
});

Deno.test({
  name: "CLI: stdout on a full device (/dev/full) gives one line naming stdout, exit 1",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const argv = denoRunArgs(["-h"], repoRoot());
    const { code, stderr } = await new Deno.Command("sh", {
      args: ["-c", 'exec "$@" >/dev/full', "sh", Deno.execPath(), ...argv],
      stdout: "null",
      stderr: "piped",
    }).output();
    assertEquals(
      new TextDecoder().decode(stderr),
      "connect-envoy: writing to stdout: no space left on device\n",
    );
    assertEquals(code, 1);
  },
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
