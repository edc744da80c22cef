import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { loadCaBundle, xdsCaSources } from "../../src/files/ca_bundle.ts";

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
    await t.step("nothing configured", () => assertEquals(loadCaBundle("", ""), ""));
    await t.step("file wins over path", () => {
      assertEquals(loadCaBundle(`${dir}/certs/a.pem`, `${dir}/certs`), "A\n");
    });
    await t.step("directory: lexical, recursive, concatenated", () => {
      assertEquals(loadCaBundle("", `${dir}/certs`), "A\nB\nC\n");
    });
    await t.step("a symlinked directory argument with a trailing slash is followed", () => {
      assertEquals(loadCaBundle("", `${dir}/link/`), "X\n");
    });
    await t.step("a symlink to a directory inside the tree is read as a file and fails", () => {
      assertThrows(
        () => loadCaBundle("", `${dir}/k8s`),
        Error,
        `Error loading from ${dir}/k8s/..data: read ${dir}/k8s/..data: is a directory`,
      );
    });
    await t.step("missing file", () => {
      assertThrows(
        () => loadCaBundle(`${dir}/nope.pem`, ""),
        Error,
        `Error loading from ${dir}/nope.pem: open ${dir}/nope.pem: no such file or directory`,
      );
    });
    await t.step("missing directory", () => {
      assertThrows(
        () => loadCaBundle("", `${dir}/nope`),
        Error,
        `lstat ${dir}/nope: no such file or directory`,
      );
    });
    await t.step("empty directory", () => {
      assertThrows(
        () => loadCaBundle("", `${dir}/empty`),
        Error,
        "Error loading from CAPath: no CAs found",
      );
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadCaBundle: Windows separator is used when joining directory entries", () => {
  const files: Record<string, string> = { "C:\\ca\\a.pem": "A" };
  const fs = {
    readTextFile: (p: string) => {
      if (p in files) return files[p];
      throw new Deno.errors.NotFound(p);
    },
    lstat: (p: string) => ({ isDirectory: p === "C:\\ca", isSymlink: false }),
    readDir: (_p: string) => ["a.pem"],
  };
  assertEquals(loadCaBundle("", "C:\\ca", fs, "\\"), "A");
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
