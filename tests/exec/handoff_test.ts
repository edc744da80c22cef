import { assert, assertEquals, assertThrows } from "../helpers/assert.ts";
import { createHandoff } from "../../src/exec/handoff.ts";
import { planExec } from "../../src/exec/exec_plan.ts";
import { loadLibc } from "../../src/exec/libc.ts";
import { CliError } from "../../src/errors.ts";
import { fakeLibc } from "./fake_libc.ts";

const TEXT = '{\n  "token": "s3cr3t-\u00e9"\n}\n';
const BYTES = [...new TextEncoder().encode(TEXT)];
const linux = planExec("linux", "x86_64", { TMPDIR: "/scratch/" });
const darwin = planExec("darwin", "aarch64", { TMPDIR: "/var/folders/T/" });

Deno.test("createHandoff (fake libc): Linux uses a memfd, without close-on-exec, rewound", () => {
  const libc = fakeLibc();
  const h = createHandoff(libc, linux, TEXT);
  assertEquals(h.storage, "memfd");
  assertEquals(h.path, `/dev/fd/${h.fd}`);
  const f = libc.fds.get(h.fd)!;
  assertEquals(f.kind, "memfd");
  assertEquals(f.data, BYTES);
  assertEquals(f.offset, 0);
  assertEquals(f.cloexec, false);
  assertEquals(libc.files.size, 0);
  f.offset = 99;
  h.rewind();
  assertEquals(f.offset, 0);
  h.close();
  assertEquals(libc.fds.size, 0);
});

Deno.test("createHandoff (fake libc): unlinked temp file on macOS and as the Linux fallback", () => {
  const cases = [
    { name: "darwin", plan: darwin, opts: {}, dir: "/var/folders/T" },
    {
      name: "linux, no memfd_create",
      plan: linux,
      opts: { memfd: "missing" as const },
      dir: "/scratch",
    },
    { name: "linux, memfd ENOSYS", plan: linux, opts: { memfd: 38 }, dir: "/scratch" },
  ];
  for (const c of cases) {
    const libc = fakeLibc(c.opts);
    const h = createHandoff(libc, c.plan, TEXT);
    assertEquals(h.storage, "tempfile", c.name);
    const f = libc.fds.get(h.fd)!;
    assertEquals(f.kind, "file", c.name);
    assert(f.name.startsWith(`${c.dir}/connect-envoy-bootstrap-`), `${c.name}: ${f.name}`);
    assertEquals(libc.files.size, 0, `${c.name}: unlinked`);
    assertEquals(f.data, BYTES, c.name);
    assertEquals([f.offset, f.cloexec], [0, false], c.name);
  }
});

Deno.test("createHandoff (fake libc): a descriptor 0-2 is moved above the standard streams", () => {
  const libc = fakeLibc({ nextFd: 0 });
  const h = createHandoff(libc, linux, TEXT);
  assert(h.fd > 2, `fd ${h.fd}`);
  assertEquals(libc.closed, [0]);
  assertEquals(libc.fds.get(h.fd)!.data, BYTES);
});

Deno.test("createHandoff (fake libc): failures are one line, nothing left behind", () => {
  const cases = [
    {
      opts: { memfd: 38, mkstemp: 13 },
      want: "Failed to hand the bootstrap to envoy: memfd_create: error 38; " +
        "mkstemp in /scratch: error 13",
    },
    {
      opts: { memfd: "missing" as const, unlink: 1 },
      want: "Failed to hand the bootstrap to envoy: memfd_create: not available in libc; " +
        "unlink /scratch/connect-envoy-bootstrap-aaaaaa: error 1",
    },
    {
      opts: { write: 28 },
      want: "Failed to hand the bootstrap to envoy: write: error 28; write: error 28",
    },
  ];
  for (const c of cases) {
    const libc = fakeLibc(c.opts);
    const err = assertThrows(() => createHandoff(libc, linux, TEXT), CliError);
    assertEquals(err.message, c.want);
    assertEquals(libc.fds.size, 0, `${c.want}: descriptors closed`);
    if (c.opts.unlink === undefined) assertEquals(libc.files.size, 0, "no file left");
  }
});

Deno.test({
  name: "createHandoff (real libc): memfd and unlinked temp file hold the bootstrap",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const tmp = await Deno.makeTempDir();
    try {
      for (const storage of ["memfd", "tempfile"] as const) {
        const plan = { ...planExec("linux", Deno.build.arch, { TMPDIR: tmp }), storage: [storage] };
        const libc = loadLibc(plan);
        const h = createHandoff(libc, plan, TEXT);
        try {
          assertEquals(h.storage, storage);
          assertEquals(libc.fcntl(h.fd, plan.constants.F_GETFD, 0).value & 1, 0, "no cloexec");
          assertEquals(libc.lseek(h.fd, 0, 1).value, 0, "offset 0");
          assertEquals(Deno.readTextFileSync(h.path), TEXT);
          const target = Deno.readLinkSync(`/proc/self/fd/${h.fd}`);
          assert(target.endsWith("(deleted)"), `${storage}: ${target}`);
          if (storage === "memfd") assert(target.startsWith("/memfd:"), target);
          else assert(target.startsWith(`${tmp}/connect-envoy-bootstrap-`), target);
          assertEquals([...Deno.readDirSync(tmp)], [], `${storage}: nothing on disk`);
        } finally {
          h.close();
        }
        assertEquals(libc.fcntl(h.fd, plan.constants.F_GETFD, 0).value, -1, "closed");
      }
      const plan = {
        ...planExec("linux", Deno.build.arch, { TMPDIR: `${tmp}/missing` }),
        storage: ["tempfile" as const],
      };
      const err = assertThrows(() => createHandoff(loadLibc(plan), plan, TEXT), CliError);
      assertEquals(
        err.message,
        `Failed to hand the bootstrap to envoy: mkstemp in ${tmp}/missing: no such file or directory`,
      );
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

Deno.test("createHandoff (fake libc): the Linux memfd allows sealing and is sealed read-only", () => {
  const libc = fakeLibc();
  const h = createHandoff(libc, linux, TEXT);
  assertEquals(libc.calls, [
    "memfd_create connect-envoy-bootstrap 2", // MFD_ALLOW_SEALING
    `fcntl ${h.fd} 1033 15`, // F_ADD_SEALS: SEAL | SHRINK | GROW | WRITE
    `lseek ${h.fd} 0`,
  ]);
  h.close();
  h.close();
  assertEquals(libc.closed, [h.fd], "closed once, however often close() is called");
});

Deno.test("createHandoff (fake libc): a kernel without sealing gets an unsealed memfd", () => {
  const libc = fakeLibc({ memfdFlagsRejected: true });
  const h = createHandoff(libc, linux, TEXT);
  assertEquals(h.storage, "memfd");
  assertEquals(libc.calls.slice(0, 2), [
    "memfd_create connect-envoy-bootstrap 2",
    "memfd_create connect-envoy-bootstrap 0",
  ]);
  assertEquals(libc.fds.get(h.fd)!.data, BYTES);
});

Deno.test("createHandoff (fake libc): fcntl failing after F_DUPFD closes each descriptor once", () => {
  const libc = fakeLibc({ nextFd: 0, getfd: 9 });
  assertThrows(() => createHandoff(libc, linux, TEXT), CliError, "fcntl F_GETFD");
  assertEquals(new Set(libc.closed).size, libc.closed.length, `closed: ${libc.closed}`);
  assert(libc.closed.includes(0), "the descriptor below 3 was closed after the dup");
  assertEquals(libc.fds.size, 0, "nothing left open");
});
