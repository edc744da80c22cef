import { assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { FileTooLarge, readPemFile } from "../../src/files/bounded_read.ts";
import { loadCaFile } from "../../src/agent/tls.ts";
import { loadCaBundle } from "../../src/files/ca_bundle.ts";

async function withFile(bytes: number, fn: (path: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/f.pem`;
    await Deno.writeFile(path, new Uint8Array(bytes).fill(0x41));
    await fn(path);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readPemFile: the cap itself passes, one byte more fails", async () => {
  await withFile(100, async (path) => {
    assertEquals((await readPemFile(path, 100)).length, 100);
    await assertRejects(() => readPemFile(path, 99), FileTooLarge, "larger than");
  });
});

Deno.test({
  name: "a CA file that never ends (/dev/zero) is an error naming the file, not unbounded memory",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const err = await assertRejects(() => loadCaFile("/dev/zero"));
    assertStringIncludes(String(err), "Error loading CA File: open /dev/zero: the file is larger");
    const xds = await assertRejects(() => loadCaBundle("/dev/zero", ""));
    assertStringIncludes(
      String(xds),
      "Error loading from /dev/zero: open /dev/zero: the file is larger",
    );
  },
});
