import { assertEquals, assertMatch, assertThrowsMatching } from "../helpers/assert.ts";
import {
  artifactName,
  compileArgs,
  compileEnv,
  compileFailureLine,
  hostTarget,
  selectTargets,
  sha256sums,
  TARGETS,
} from "../../scripts/compile_targets.ts";

const linux = TARGETS[0];
const mac = TARGETS[3];
const win = TARGETS[4];

Deno.test("artifact names follow connect-envoy-<os>-<arch>[.exe]", () => {
  const table: [string, string][] = [
    ["x86_64-unknown-linux-gnu", "connect-envoy-linux-x86_64"],
    ["aarch64-unknown-linux-gnu", "connect-envoy-linux-aarch64"],
    ["x86_64-apple-darwin", "connect-envoy-darwin-x86_64"],
    ["aarch64-apple-darwin", "connect-envoy-darwin-aarch64"],
    ["x86_64-pc-windows-msvc", "connect-envoy-windows-x86_64.exe"],
  ];
  assertEquals(TARGETS.map((t) => t.triple), table.map(([t]) => t));
  for (const [triple, name] of table) {
    assertEquals(artifactName(hostTarget(triple)!), name);
  }
});

Deno.test("selectTargets: none = all five, host resolves, duplicates collapse, unknown fails", () => {
  assertEquals(selectTargets([], "x86_64-unknown-linux-gnu"), [...TARGETS]);
  assertEquals(selectTargets(["host"], "aarch64-apple-darwin"), [mac]);
  assertEquals(selectTargets(["host", "x86_64-unknown-linux-gnu"], linux.triple), [linux]);
  assertThrowsMatching(
    () => selectTargets(["riscv64gc-unknown-linux-gnu"], linux.triple),
    /^Error: unknown compile target riscv64gc-unknown-linux-gnu; /,
  );
  // A host Deno that is not a release target (e.g. musl) cannot build "host".
  assertThrowsMatching(
    () => selectTargets(["host"], "x86_64-unknown-linux-musl"),
    /unknown compile target host/,
  );
});

Deno.test("compileEnv passes DENORT_BIN only to the host target", () => {
  const env = { DENORT_BIN: "/opt/denort", PATH: "/bin" };
  const table: [typeof linux, string, string | undefined][] = [
    [linux, linux.triple, "/opt/denort"],
    [win, linux.triple, undefined],
    [mac, linux.triple, undefined],
    [mac, mac.triple, "/opt/denort"],
  ];
  for (const [target, host, expected] of table) {
    const out = compileEnv(env, target, host);
    assertEquals(out.DENORT_BIN, expected, `${target.triple} on ${host}`);
    assertEquals(out.PATH, "/bin");
  }
  assertEquals(env.DENORT_BIN, "/opt/denort", "input not mutated");
});

Deno.test("compileArgs bakes in the given flags before the entry point", () => {
  const args = compileArgs({
    target: win,
    output: "/o/connect-envoy-windows-x86_64.exe",
    config: "/r/deno.json",
    entry: "/r/main.ts",
    runtimeFlags: ["--no-prompt"],
    permissionFlags: ["--allow-read", "--allow-net"],
  });
  assertEquals(args, [
    "compile",
    "--target",
    "x86_64-pc-windows-msvc",
    "--output",
    "/o/connect-envoy-windows-x86_64.exe",
    "--config=/r/deno.json",
    "--no-prompt",
    "--allow-read",
    "--allow-net",
    "/r/main.ts",
  ]);
});

// What deno 2.9 prints when dl.deno.land cannot be reached (captured here).
const DENORT_FETCH_FAILURE = `Check main.ts
Compile main.ts to connect-envoy
Download https://dl.deno.land/release/v2.9.6/denort-x86_64-unknown-linux-gnu.zip
\x1b[1m\x1b[31merror\x1b[0m: Writing deno compile executable to temporary file '/x.tmp-1'

Caused by:
    0: Setting up base binary.
    1: error sending request for url (https://dl.deno.land/release/v2.9.6/denort-x86_64-unknown-linux-gnu.zip): client error (Connect): dns error: failed to lookup address information: Name or service not known
    2: client error (Connect)
`;

Deno.test("compileFailureLine maps each failure to one line", () => {
  const table: { name: string; stderr: string; denortBin: boolean; expect: RegExp }[] = [
    {
      name: "denort download fails",
      stderr: DENORT_FETCH_FAILURE,
      denortBin: false,
      expect:
        /^deno compile needs the denort runtime for x86_64-unknown-linux-gnu from dl\.deno\.land, which is unreachable here; set DENORT_BIN to a local denort binary/,
    },
    {
      name: "denort download fails for a non-host target while DENORT_BIN is set",
      stderr: DENORT_FETCH_FAILURE,
      denortBin: true,
      expect: /DENORT_BIN is used for the host target only/,
    },
    {
      name: "DENORT_BIN points nowhere",
      stderr: "error: Could not find denort at '/nope/denort'\n",
      denortBin: true,
      expect: /^DENORT_BIN=\/nope\/denort cannot be read/,
    },
    {
      name: "type error",
      stderr: "Check main.ts\nTS2307 [ERROR]: Cannot find module 'file:///r/x.ts'.\n\n" +
        "error: Type checking failed.\n",
      denortBin: false,
      expect: /^deno compile failed for x86_64-unknown-linux-gnu: TS2307 \[ERROR\]: Cannot find/,
    },
    {
      name: "other error",
      stderr: '\x1b[31merror\x1b[0m: Module not found "file:///r/main.ts".\n',
      denortBin: false,
      expect: /^deno compile failed for x86_64-unknown-linux-gnu: Module not found/,
    },
  ];
  for (const c of table) {
    const line = compileFailureLine(c.stderr, linux, c.denortBin);
    assertMatch(line, c.expect, c.name);
    assertEquals(line.includes("\n"), false, `${c.name}: one line`);
    assertEquals(line.includes("\x1b"), false, `${c.name}: no ANSI`);
  }
});

Deno.test("SHA256SUMS uses the sha256sum format, sorted by name", () => {
  const text = sha256sums([
    { name: "connect-envoy-windows-x86_64.exe", sha256: "b".repeat(64) },
    { name: "connect-envoy-darwin-aarch64", sha256: "a".repeat(64) },
  ]);
  assertEquals(
    text,
    `${"a".repeat(64)}  connect-envoy-darwin-aarch64\n${
      "b".repeat(64)
    }  connect-envoy-windows-x86_64.exe\n`,
  );
});
