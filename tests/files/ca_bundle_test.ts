import { assert, assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { loadCaBundle, xdsCaSources } from "../../src/files/ca_bundle.ts";
import { boundedFs } from "../../src/files/bounded_read.ts";
import { mkfifo } from "./fifo.ts";

async function tree(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ca-bundle-" });
  await Deno.mkdir(`${dir}/certs/sub`, { recursive: true });
  await Deno.writeTextFile(`${dir}/certs/b.pem`, "B\n");
  await Deno.writeTextFile(`${dir}/certs/a.pem`, "A\n");
  await Deno.writeTextFile(`${dir}/certs/sub/c.pem`, "C\n");
  await Deno.mkdir(`${dir}/empty`);
  await Deno.mkdir(`${dir}/real`);
  await Deno.writeTextFile(`${dir}/real/x.pem`, "X\n");
  await Deno.symlink(`${dir}/real`, `${dir}/link`);
  await Deno.mkdir(`${dir}/k8s`);
  await Deno.symlink(`${dir}/real`, `${dir}/k8s/..data`);
  return dir;
}

Deno.test("loadCaBundle: file, directory walk in lexical order, symlink rules, errors", async (t) => {
  const dir = await tree();
  try {
    await t.step("nothing configured", async () => assertEquals(await loadCaBundle("", ""), ""));
    await t.step("file wins over path", async () => {
      assertEquals(await loadCaBundle(`${dir}/certs/a.pem`, `${dir}/certs`), "A\n");
    });
    await t.step("directory: lexical, recursive, concatenated", async () => {
      assertEquals(await loadCaBundle("", `${dir}/certs`), "A\nB\nC\n");
    });
    await t.step("a symlinked directory argument with a trailing slash is followed", async () => {
      assertEquals(await loadCaBundle("", `${dir}/link/`), "X\n");
    });
    await t.step(
      "a symlink to a directory inside the tree is read as a file and fails",
      async () => {
        await assertRejects(
          () => loadCaBundle("", `${dir}/k8s`),
          Error,
          `Error loading from ${dir}/k8s/..data: read ${dir}/k8s/..data: is a directory`,
        );
      },
    );
    await t.step("missing file", async () => {
      await assertRejects(
        () => loadCaBundle(`${dir}/nope.pem`, ""),
        Error,
        `Error loading from ${dir}/nope.pem: open ${dir}/nope.pem: no such file or directory`,
      );
    });
    await t.step("missing directory", async () => {
      await assertRejects(
        () => loadCaBundle("", `${dir}/nope`),
        Error,
        `lstat ${dir}/nope: no such file or directory`,
      );
    });
    await t.step("empty directory", async () => {
      await assertRejects(
        () => loadCaBundle("", `${dir}/empty`),
        Error,
        "Error loading from CAPath: no CAs found",
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadCaBundle: Windows separator is used when joining directory entries", async () => {
  const files: Record<string, string> = { "C:\\ca\\a.pem": "A" };
  const fs = {
    readTextFile: (p: string) => {
      if (p in files) return files[p];
      throw new Deno.errors.NotFound(p);
    },
    lstat: (p: string) => ({ isDirectory: p === "C:\\ca", isSymlink: false }),
    readDir: (_p: string) => ["a.pem"],
  };
  assertEquals(await loadCaBundle("", "C:\\ca", fs, "\\"), "A");
});

Deno.test("xdsCaSources: with TLS empty gRPC settings fall back to the HTTP ones, independently", () => {
  const http = { file: "/http/ca.pem", path: "/http/cas" };
  assertEquals(xdsCaSources(true, { file: "", path: "" }, http), http);
  assertEquals(xdsCaSources(true, { file: "", path: "/grpc/cas" }, http), {
    file: "/http/ca.pem",
    path: "/grpc/cas",
  });
  assertEquals(xdsCaSources(true, { file: "/grpc/ca.pem", path: "" }, http), {
    file: "/grpc/ca.pem",
    path: "/http/cas",
  });
  assertEquals(xdsCaSources(false, { file: "", path: "" }, http), { file: "", path: "" });
});

const unixOnly = Deno.build.os === "windows";

Deno.test({
  name: "loadCaBundle: a FIFO with no writer gives up at the time limit, naming the file",
  ignore: unixOnly,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "ca-bundle-" });
    try {
      await Deno.mkdir(`${dir}/cas`);
      await Deno.writeTextFile(`${dir}/cas/a.pem`, "A\n");
      await mkfifo(`${dir}/cas/b.fifo`);
      const fs = boundedFs(200);
      const start = performance.now();
      await assertRejects(
        () => loadCaBundle(`${dir}/cas/b.fifo`, "", fs),
        Error,
        `Error loading from ${dir}/cas/b.fifo: open ${dir}/cas/b.fifo: gave up after 0.2s ` +
          "waiting for it to be readable (a FIFO or pipe with no writer?)",
      );
      await assertRejects(
        () => loadCaBundle("", `${dir}/cas`, fs),
        Error,
        `Error loading from ${dir}/cas/b.fifo: read ${dir}/cas/b.fifo: gave up after 0.2s`,
      );
      assert(performance.now() - start < 5000, "gave up promptly");
      // Release both reads still blocked in open() (read-write never blocks on Linux).
      (await Deno.open(`${dir}/cas/b.fifo`, { read: true, write: true })).close();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("loadCaBundle: a file over the size cap is an error naming it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ca-bundle-" });
  try {
    await Deno.writeFile(`${dir}/big.pem`, new Uint8Array(1025).fill(0x41));
    await Deno.writeFile(`${dir}/ok.pem`, new Uint8Array(1024).fill(0x41));
    const fs = boundedFs(30_000, 1024);
    assertEquals((await loadCaBundle(`${dir}/ok.pem`, "", fs)).length, 1024);
    const err = await assertRejects(() => loadCaBundle(`${dir}/big.pem`, "", fs));
    assertStringIncludes(
      String(err),
      `Error loading from ${dir}/big.pem: open ${dir}/big.pem: the file is larger than 1 KiB`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
