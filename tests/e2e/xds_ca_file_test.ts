/**
 * End-to-end: the xDS CA file (`-grpc-ca-file`) is read through the bounded
 * reader by the real CLI under the binary's permissions: `/dev/zero` stops
 * at the size cap with one error line naming the file, exit 1, nothing on
 * stdout. The time limit of the same reader (a FIFO nobody writes to) is
 * tested with a short limit in `tests/files/ca_bundle_test.ts`, and that a
 * stuck open() does not keep the process alive, under the binary's
 * permissions, in `tests/files/token_file_test.ts` (the real 30 s wait
 * would add 30 s to the suite).
 */
import { assert, assertEquals } from "../helpers/assert.ts";
import { bootstrapWithConfig } from "../helpers/measured_cli.ts";

const unixOnly = Deno.build.os === "windows";

Deno.test({
  name: "CLI: -grpc-ca-file /dev/zero is one line naming the file, small RSS",
  ignore: unixOnly,
  fn: async () => {
    const run = await bootstrapWithConfig({}, ["-grpc-ca-file", "/dev/zero"]);
    assertEquals(run.code, 1);
    assertEquals(run.stdout, "");
    assertEquals(
      run.stderr,
      "Error loading from /dev/zero: open /dev/zero: " +
        "the file is larger than 16 MiB (certificates and keys are far smaller)\n",
    );
    assert(run.peakRssMiB < 200, `peak RSS ${run.peakRssMiB} MiB`);
  },
});
