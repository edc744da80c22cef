/**
 * End-to-end: the xDS CA file (`-grpc-ca-file`) is read with bounded memory
 * and time by the real CLI under the binary's permissions: `/dev/zero`
 * stops at the size cap, a FIFO nobody writes to is given up at the time
 * limit; each is one error line naming the file, exit 1, nothing on stdout.
 */
import { assert, assertEquals } from "../helpers/assert.ts";
import { bootstrapWithConfig } from "../helpers/measured_cli.ts";
import { TOKEN_FILE_TIMEOUT_MS } from "../../src/files/token_file.ts";

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

Deno.test({
  name: "CLI: -grpc-ca-file on a FIFO with no writer gives up at the time limit (30 s)",
  ignore: unixOnly,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "xds-ca-" });
    try {
      const fifo = `${dir}/ca.fifo`;
      const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
      assertEquals(made.code, 0, "mkfifo");
      const run = await bootstrapWithConfig({}, ["-grpc-ca-file", fifo]);
      assertEquals(run.code, 1);
      assertEquals(run.stdout, "");
      assertEquals(
        run.stderr,
        `Error loading from ${fifo}: open ${fifo}: gave up after 30s waiting for it ` +
          "to be readable (a FIFO or pipe with no writer?)\n",
      );
      const limit = TOKEN_FILE_TIMEOUT_MS;
      assert(run.wallMs >= limit && run.wallMs < limit + 15_000, `took ${run.wallMs} ms`);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
