/**
 * End-to-end exec on Linux through `tests/exec/fixtures/launch_driver.ts`
 * (a real process calling `launchEnvoy` with the binary's permissions),
 * observed by the fake Envoy: same PID, exact argv, the config read from
 * `/dev/fd/N`, descriptors, signal state, no token in any argv/environment
 * or file, and one-line failures that leave nothing behind.
 */

import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "../helpers/assert.ts";
import {
  assertBecameEnvoy as assertBecameEnvoyWith,
  BLOCKED_BY_PARENT,
  EXEC_PERMISSION_FLAGS,
  type Observed,
  runScenario,
} from "./exec_harness.ts";

const DRIVER = fileURLToPath(new URL("./fixtures/launch_driver.ts", import.meta.url));
const TOKEN = "6c0ffee5-tok3n-d0e5-n0t-1eak";
const BOOTSTRAP = JSON.stringify(
  { node: { id: "web-sidecar-proxy" }, token: TOKEN, unicode: "caf\u00e9" },
  null,
  2,
) + "\n";
const linuxOnly = Deno.build.os !== "linux";

interface DriverInput {
  /** `-envoy-binary`; `"<fake>"` stands for the fake Envoy's path. */
  envoyBinary?: string;
  passthrough?: string[];
  ignoreCompatibility?: boolean;
  validate?: boolean;
  storage?: string[];
  tempDir?: string;
}

function drive(
  input: DriverInput,
  env: Record<string, string> = {},
  envoyInPath = true,
  blockSignals = false,
) {
  return runScenario({
    command: () => [Deno.execPath(), "run", ...EXEC_PERMISSION_FLAGS, DRIVER],
    stdin: (envoy) =>
      JSON.stringify({
        bootstrapText: BOOTSTRAP,
        passthrough: [],
        ignoreCompatibility: false,
        validate: false,
        ...input,
        envoyBinary: input.envoyBinary === "<fake>" ? envoy : input.envoyBinary ?? "",
      }),
    env,
    envoyInPath,
    token: TOKEN,
    blockSignals,
  });
}

function assertBecameEnvoy(o: Observed, argsAfterPath: string[]): number {
  return assertBecameEnvoyWith(o, BOOTSTRAP, argsAfterPath);
}

Deno.test({
  name: "exec: becomes Envoy with a memfd hand-over (PATH search, default argv)",
  ignore: linuxOnly,
  fn: async () => {
    const o = await drive({});
    const fd = assertBecameEnvoy(o, ["--disable-hot-restart"]);
    assertEquals(o.serve!.fds.get(fd), "/memfd:connect-envoy-bootstrap (deleted)");
    assertEquals(o.stdout, "");
  },
});

function hasPython(): boolean {
  try {
    return new Deno.Command("python3", { args: ["-c", ""] }).outputSync().success;
  } catch {
    return false;
  }
}

Deno.test({
  name: "exec: an inherited signal mask is cleared and the standard streams made blocking",
  ignore: linuxOnly || !hasPython(),
  fn: async () => {
    const o = await drive({}, {}, true, true);
    assertEquals(o.before.sigBlk & BLOCKED_BY_PARENT, BLOCKED_BY_PARENT, "the parent blocked them");
    assertBecameEnvoy(o, ["--disable-hot-restart"]);
  },
});

Deno.test({
  name: "exec: argv with pass-through and hot-restart options",
  ignore: linuxOnly,
  fn: async () => {
    const table: { pass: string[]; after: string[] }[] = [
      { pass: ["--log-level", "debug"], after: ["--disable-hot-restart", "--log-level", "debug"] },
      {
        pass: ["--restart-epoch", "2", "-l", "info"],
        after: ["--restart-epoch", "2", "-l", "info"],
      },
      { pass: ["--drain-time-s=5"], after: ["--drain-time-s=5"] },
      {
        pass: ["extra", "args with space"],
        after: ["--disable-hot-restart", "extra", "args with space"],
      },
    ];
    for (const c of table) assertBecameEnvoy(await drive({ passthrough: c.pass }), c.after);
  },
});

Deno.test({
  name: "exec: unlinked temp-file hand-over, -envoy-binary given as a path",
  ignore: linuxOnly,
  fn: async () => {
    const o = await drive({ storage: ["tempfile"], envoyBinary: "<fake>" }, {}, false);
    const fd = assertBecameEnvoy(o, ["--disable-hot-restart"]);
    const target = o.serve!.fds.get(fd)!;
    assert(target.startsWith(`${o.tmpDir}/connect-envoy-bootstrap-`), target);
    assert(target.endsWith(" (deleted)"), target);
  },
});

Deno.test({
  name: "exec: -validate runs envoy --mode validate on the same descriptor, then execs",
  ignore: linuxOnly,
  fn: async () => {
    const o = await drive({ validate: true });
    const fd = assertBecameEnvoy(o, ["--disable-hot-restart"]);
    const v = o.validate;
    assert(v !== undefined, "validation ran");
    assertEquals(v.argv, [o.envoy, "--mode", "validate", "--config-path", `/dev/fd/${fd}`]);
    assertEquals(v.config, BOOTSTRAP);
    assert(v.pid !== o.pid, "validation is a child process");
  },
});

Deno.test({
  name: "exec failures: one line, exit 1, nothing left behind",
  ignore: linuxOnly,
  fn: async () => {
    const garbage = await Deno.makeTempFile();
    await Deno.writeFile(garbage, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
    await Deno.chmod(garbage, 0o755);
    try {
      const table: {
        name: string;
        input: DriverInput;
        env?: Record<string, string>;
        inPath?: boolean;
        want: RegExp;
      }[] = [
        {
          name: "no envoy in PATH",
          input: {},
          inPath: false,
          want: /^Couldn't find envoy binary: exec: "envoy": executable file not found in \$PATH$/,
        },
        {
          name: "-envoy-binary missing",
          input: { envoyBinary: "/nonexistent/envoy" },
          want: /^Couldn't find envoy binary: -envoy-binary \/nonexistent\/envoy: no such file/,
        },
        {
          name: "unsupported version",
          input: {},
          env: { FAKE_ENVOY_VERSION: "1.31.4" },
          want:
            /^Envoy version 1\.31\.x is not supported \(found 1\.31\.4; connect-envoy's built-in list supports 1\.35\.0 to 1\.38\.x\); -ignore-envoy-compatibility skips this check$/,
        },
        {
          name: "--version fails",
          input: {},
          env: { FAKE_ENVOY_VERSION_EXIT: "3" },
          want: /^Couldn't get envoy version for compatibility check: exit status 3$/,
        },
        {
          name: "validation rejects",
          input: { validate: true },
          env: {
            FAKE_ENVOY_VALIDATE_EXIT: "1",
            FAKE_ENVOY_VALIDATE_OUTPUT: "[2025-11-18 10:00:00.000][7][critical][main] " +
              "[source/server/server.cc:131] error initializing configuration '/dev/fd/3': " +
              "unknown field\nexiting",
          },
          want:
            /^Envoy rejected the bootstrap: error initializing configuration '\/dev\/fd\/3': unknown field; exiting$/,
        },
        {
          name: "temp file cannot be created",
          input: { storage: ["tempfile"], tempDir: "/nonexistent-dir" },
          want:
            /^Failed to hand the bootstrap to envoy: mkstemp in \/nonexistent-dir: no such file or directory$/,
        },
        {
          name: "execve fails",
          input: { envoyBinary: garbage, ignoreCompatibility: true },
          want: /^Failed to exec envoy: exec format error$/,
        },
      ];
      for (const c of table) {
        const o = await drive(c.input, c.env ?? {}, c.inPath ?? true);
        assertEquals(o.code, 1, `${c.name}: ${o.stderr}`);
        assertEquals(o.stdout, "", c.name);
        assert(o.stderr.endsWith("\n") && o.stderr.split("\n").length === 2, `${c.name}: one line`);
        assert(c.want.test(o.stderr.trimEnd()), `${c.name}: ${o.stderr}`);
        assertEquals(o.serve, undefined, `${c.name}: Envoy not started`);
        assertEquals(o.tmpEntries, [], `${c.name}: nothing in $TMPDIR`);
        assertEquals(o.tokenInFiles, [], c.name);
        assertEquals(o.tokenInProcesses, [], c.name);
      }
    } finally {
      await Deno.remove(garbage);
    }
  },
});
