import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { planExec, tempDirFrom } from "../../src/exec/exec_plan.ts";
import { UNSUPPORTED_OS_MESSAGE } from "../../src/exec/unsupported.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("planExec: per-OS hand-over choices, OS injected", () => {
  const table = [
    {
      os: "linux",
      arch: "x86_64",
      want: {
        family: "linux",
        libcPath: "libc.so.6",
        storage: ["memfd", "tempfile"],
        rewind: true,
        errnoSymbol: "__errno_location",
        fcntlVariadicOnStack: false,
        SIG_SETMASK: 2,
        O_NONBLOCK: 0o4000,
      },
    },
    {
      os: "linux",
      arch: "aarch64",
      want: {
        family: "linux",
        libcPath: "libc.so.6",
        storage: ["memfd", "tempfile"],
        rewind: true,
        errnoSymbol: "__errno_location",
        fcntlVariadicOnStack: false,
        SIG_SETMASK: 2,
        O_NONBLOCK: 0o4000,
      },
    },
    {
      os: "darwin",
      arch: "aarch64",
      want: {
        family: "darwin",
        libcPath: "/usr/lib/libSystem.B.dylib",
        storage: ["tempfile"],
        rewind: true,
        errnoSymbol: "__error",
        fcntlVariadicOnStack: true,
        SIG_SETMASK: 3,
        O_NONBLOCK: 4,
      },
    },
    {
      os: "darwin",
      arch: "x86_64",
      want: {
        family: "darwin",
        libcPath: "/usr/lib/libSystem.B.dylib",
        storage: ["tempfile"],
        rewind: true,
        errnoSymbol: "__error",
        fcntlVariadicOnStack: false,
        SIG_SETMASK: 3,
        O_NONBLOCK: 4,
      },
    },
  ];
  for (const c of table) {
    const p = planExec(c.os, c.arch, { TMPDIR: "/var/folders/xy/T/" });
    assertEquals(
      {
        family: p.family,
        libcPath: p.libcPath,
        storage: [...p.storage],
        rewind: p.rewind,
        errnoSymbol: p.errnoSymbol,
        fcntlVariadicOnStack: p.fcntlVariadicOnStack,
        SIG_SETMASK: p.constants.SIG_SETMASK,
        O_NONBLOCK: p.constants.O_NONBLOCK,
      },
      c.want,
      `${c.os}/${c.arch}`,
    );
    assertEquals(p.tempDir, "/var/folders/xy/T");
    assertEquals(p.constants.SIGPIPE, 13);
  }
});

Deno.test("planExec: Windows and every other OS get the unsupported-OS error", () => {
  for (const os of ["windows", "freebsd", "netbsd", "openbsd", "solaris", "illumos", "aix"]) {
    const err = assertThrows(() => planExec(os, "x86_64", {}), CliError);
    assertEquals(err.message, UNSUPPORTED_OS_MESSAGE, os);
    assertEquals((err as CliError).exitCode, 1);
  }
  assertEquals(UNSUPPORTED_OS_MESSAGE.split("\n"), [
    "Directly running Envoy is only supported on linux and macOS since envoy itself doesn't " +
    "build on other platforms currently.",
    "Use the -bootstrap option to generate the JSON to use when running envoy on a supported " +
    "OS or via a container or VM.",
  ]);
});

Deno.test("tempDirFrom: $TMPDIR when set and non-empty, else /tmp", () => {
  const table: [Record<string, string>, string][] = [
    [{}, "/tmp"],
    [{ TMPDIR: "" }, "/tmp"],
    [{ TMPDIR: "/run/user/1000/" }, "/run/user/1000"],
    [{ TMPDIR: "/scratch" }, "/scratch"],
    [{ TMPDIR: "/" }, "/"],
  ];
  for (const [env, want] of table) assertEquals(tempDirFrom(env), want, JSON.stringify(env));
});
