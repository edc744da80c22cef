import { assert, assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import {
  readTokenFile,
  TOKEN_FILE_MAX_BYTES,
  TOKEN_FILE_TIMEOUT_MS,
  TokenFileTimeout,
  TokenFileTooLarge,
} from "../../src/files/token_file.ts";
import { PERMISSION_FLAGS, RUNTIME_FLAGS } from "../../src/permissions.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { runMeasured, sidecarServices } from "../helpers/measured_cli.ts";
import { mkfifo } from "./fifo.ts";

const unixOnly = Deno.build.os === "windows";
const LIMITS = { maxBytes: TOKEN_FILE_MAX_BYTES, timeoutMs: TOKEN_FILE_TIMEOUT_MS };

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readTokenFile: content as is; the cap itself passes, one byte more fails", async () => {
  await withDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/t`, " tok-123\n");
    assertEquals(await readTokenFile(`${dir}/t`), " tok-123\n");
    await Deno.writeTextFile(`${dir}/max`, "x".repeat(100));
    assertEquals((await readTokenFile(`${dir}/max`, { ...LIMITS, maxBytes: 100 })).length, 100);
    await assertRejects(
      () => readTokenFile(`${dir}/max`, { ...LIMITS, maxBytes: 99 }),
      TokenFileTooLarge,
      "the file is larger than 99 bytes (an ACL token is under 1 KiB)",
    );
    await assertRejects(() => readTokenFile(`${dir}/missing`), Deno.errors.NotFound);
  });
});

Deno.test({
  name: "readTokenFile: /dev/zero stops at 64 KiB",
  ignore: unixOnly,
  fn: async () => {
    await assertRejects(() => readTokenFile("/dev/zero"), TokenFileTooLarge, "64 KiB");
  },
});

Deno.test({
  name: "readTokenFile: a FIFO is read to EOF when someone writes it",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      const fifo = `${dir}/fifo`;
      await mkfifo(fifo);
      const reading = readTokenFile(fifo, { ...LIMITS, timeoutMs: 5000 });
      await Deno.writeTextFile(fifo, "piped-token\n");
      assertEquals(await reading, "piped-token\n");
    }),
});

Deno.test({
  name: "readTokenFile: a FIFO without a writer gives up at the time limit",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      const fifo = `${dir}/fifo`;
      await mkfifo(fifo);
      const start = performance.now();
      await assertRejects(
        () => readTokenFile(fifo, { ...LIMITS, timeoutMs: 200 }),
        TokenFileTimeout,
        "gave up after 0.2s waiting for it to be readable",
      );
      assert(performance.now() - start < 2000);
      // Release the reader still blocked in open(), so no operation leaks.
      const writer = await Deno.open(fifo, { write: true });
      writer.close();
      await new Promise((r) => setTimeout(r, 50));
    }),
});

Deno.test({
  name: "token file driver (binary's permissions): a writer-less FIFO ends the process",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      const fifo = `${dir}/fifo`;
      await mkfifo(fifo);
      const driver = new URL("./fixtures/token_file_driver.ts", import.meta.url).pathname;
      const start = performance.now();
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", ...RUNTIME_FLAGS, ...PERMISSION_FLAGS, driver, fifo, "300"],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assertEquals(out.code, 1);
      assertStringIncludes(new TextDecoder().decode(out.stderr), "gave up after 0.3s");
      assert(performance.now() - start < 5000, "exited promptly");
    }),
});

async function cliWithTokenFile(tokenFile: string, onStarted?: () => Promise<void>) {
  const agent = await startFakeAgent({
    services: sidecarServices({}),
    acl: { enabled: true, tokens: ["piped-token"] },
  });
  try {
    const args = ["-bootstrap", "-sidecar-for", "web", "-http-addr", agent.addr];
    const running = runMeasured([...args, "-grpc-addr", agent.addr, "-token-file", tokenFile]);
    // Should the CLI end without opening the file, do not wait for it to.
    if (onStarted !== undefined) await Promise.race([onStarted(), running]);
    return await running;
  } finally {
    await agent.close();
  }
}

Deno.test({
  name: "CLI: -token-file /dev/zero is one line naming the file, small RSS",
  ignore: unixOnly,
  fn: async () => {
    const run = await cliWithTokenFile("/dev/zero");
    assertEquals(run.code, 1);
    assertEquals(run.stdout, "");
    assertEquals(
      run.stderr,
      "Error connecting to Consul agent: Error loading token file /dev/zero : " +
        "the file is larger than 64 KiB (an ACL token is under 1 KiB)\n",
    );
    assert(run.peakRssMiB < 150, `peak RSS ${run.peakRssMiB} MiB`);
  },
});

Deno.test({
  name: "CLI: -token-file on a pipe (like <(…)) still works",
  ignore: unixOnly,
  fn: () =>
    withDir(async (dir) => {
      const fifo = `${dir}/fifo`;
      await mkfifo(fifo);
      const run = await cliWithTokenFile(fifo, () => Deno.writeTextFile(fifo, "piped-token\n"));
      assertEquals(run.code, 0, run.stderr);
      assertStringIncludes(run.stdout, '"value": "piped-token"');
    }),
});
