/**
 * `connect-envoy doctor` end to end: the acceptance scenarios of the
 * doctor, each a subprocess with the binary's permissions against the
 * project's fake agent.
 */

import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { CHECK_IDS } from "../../src/doctor/types.ts";
import { DOCTOR_CONNECT_TIMEOUT_MS } from "../../src/doctor/deps.ts";
import { type DoctorRun, FAKE_ENVOY, runDoctor, type Scenario, TOKEN } from "./harness.ts";

const posix = Deno.build.os !== "windows";
const envoy = (version: string): Pick<Scenario, "args" | "env"> => ({
  args: ["-envoy-binary", FAKE_ENVOY],
  env: { DOCTOR_ENVOY_VERSION: version },
});

function status(run: DoctorRun, id: string): string {
  const c = run.checks.get(id);
  assert(c !== undefined, `check ${id} missing from ${run.stdout}`);
  return c.status;
}

function noToken(run: DoctorRun) {
  assertEquals(run.stdout.includes(TOKEN), false, "token in stdout");
  assertEquals(run.stderr.includes(TOKEN), false, "token in stderr");
}

Deno.test({
  name: "doctor: healthy mesh, Envoy 1.36.0 of 1.35–1.38: every check passes, exit 0",
  ignore: !posix,
  async fn() {
    const run = await runDoctor({ fixture: "healthy", ...envoy("1.36.0") });
    assertEquals(run.code, 0, run.stdout + run.stderr);
    assertEquals([...run.checks.keys()], [...CHECK_IDS]);
    for (const id of CHECK_IDS) assertEquals(status(run, id), "pass", `${id}: ${run.stdout}`);
    assertStringIncludes(run.checks.get("bootstrap")!.message, "accepted by envoy --mode validate");
    // Envoy read the document through an inherited descriptor, never a named file,
    // and did not get the token in its environment.
    assertEquals(run.validations.length, 1);
    assert(/^\/dev\/fd\/\d+ \{$/.test(run.validations[0]), run.validations[0]);
    assertEquals(run.stderr, "");
    noToken(run);
  },
});

Deno.test({
  name: "doctor: each failure is reported by its own check and the others still run",
  ignore: !posix,
  async fn() {
    const rejecting = {
      args: ["-envoy-binary", FAKE_ENVOY],
      env: { DOCTOR_ENVOY_VALIDATE_EXIT: "1", DOCTOR_ENVOY_VALIDATE_OUTPUT: "unknown field x" },
    };
    const [denied, xdsClosed, adminInUse, tooNew, expiredRoot, rejected] = await Promise.all([
      runDoctor({ fixture: "denied_write", ...envoy("1.36.0") }),
      runDoctor({ fixture: "healthy", xdsClosed: true, ...envoy("1.36.0") }),
      runDoctor({ fixture: "healthy", adminInUse: true, ...envoy("1.36.0") }),
      runDoctor({ fixture: "healthy", ...envoy("1.39.0") }),
      runDoctor({ fixture: "expired_root", ...envoy("1.36.0") }),
      runDoctor({ fixture: "healthy", ...rejecting }),
    ]);
    const cases: [DoctorRun, string, string][] = [
      [denied, "acl-service-write", '"web"'],
      [xdsClosed, "xds", "cannot connect"],
      [adminInUse, "admin-port", "already in use"],
      [tooNew, "envoy-binary", "1.39.0"],
      [expiredRoot, "ca-roots", "expired"],
      [rejected, "bootstrap", "Envoy rejected the bootstrap: unknown field x"],
    ];
    for (const [run, id, text] of cases) {
      assertEquals(run.code, 1, `${id}: ${run.stdout}${run.stderr}`);
      assertEquals(status(run, id), "fail", id);
      assertStringIncludes(run.checks.get(id)!.message, text);
      assert(run.checks.get(id)!.hint !== "", `${id} has no hint`);
      assertEquals([...run.checks.keys()], [...CHECK_IDS]);
      for (const other of CHECK_IDS) {
        assert(status(run, other) !== "skip", `${id}: ${other} skipped`);
      }
      noToken(run);
    }
    assertStringIncludes(denied.checks.get("acl-service-write")!.hint, '"web"');
    assertEquals(status(denied, "service"), "pass");
    assertEquals(status(tooNew, "bootstrap"), "pass");
  },
});

Deno.test({
  name: "doctor: agent down: agent fails, what needs it is skipped, within the connect timeout",
  ignore: !posix,
  async fn() {
    // 1.35 is in connect-envoy's own range, which applies without the agent's list.
    const run = await runDoctor({ fixture: "healthy", agentDown: true, ...envoy("1.35.3") });
    assertEquals(run.code, 1);
    assertEquals(status(run, "agent"), "fail");
    assertStringIncludes(run.checks.get("agent")!.message, "cannot reach the agent");
    const needAgent = CHECK_IDS.filter((id) =>
      !["agent", "admin-port", "envoy-binary"].includes(id)
    );
    for (const id of needAgent) assertEquals(status(run, id), "skip", id);
    assertEquals(status(run, "admin-port"), "pass");
    assertEquals(status(run, "envoy-binary"), "pass");
    assert(run.ms < DOCTOR_CONNECT_TIMEOUT_MS, `took ${run.ms} ms`);
    noToken(run);
  },
});

Deno.test({
  name: "doctor: an intention denying one upstream warns naming it, exit 0",
  ignore: !posix,
  async fn() {
    const run = await runDoctor({ fixture: "denied_intention", ...envoy("1.36.0") });
    assertEquals(run.code, 0, run.stdout);
    assertEquals(status(run, "intentions"), "warn");
    assertStringIncludes(run.checks.get("intentions")!.message, '"db"');
    assertEquals(run.checks.get("intentions")!.message.includes("cache"), false);
    assertStringIncludes(run.checks.get("intentions")!.hint, "consul intention create web db");
  },
});

Deno.test({
  name: "doctor: human output lists every check, each warning and failure with its hint",
  ignore: !posix,
  async fn() {
    // An agent error that echoes the token: the report shows it redacted.
    const run = await runDoctor({
      fixture: "denied_write",
      text: true,
      args: ["-token", TOKEN],
      adjust: (spec) => {
        spec.failWith = {
          "/v1/agent/connect/ca/roots": { status: 500, body: `no roots for token ${TOKEN}` },
        };
      },
    });
    assertEquals(run.code, 1);
    const lines = run.stdout.split("\n");
    for (const id of CHECK_IDS) {
      const i = lines.findIndex((l) => new RegExp(`^  . ${id} `).test(l));
      assert(i >= 0, `${id} missing:\n${run.stdout}`);
      if (!lines[i].startsWith("  ✓") && !lines[i].startsWith("  -")) {
        assertStringIncludes(lines[i + 1], "hint: ", id);
      }
    }
    assertStringIncludes(run.stdout, "✗ acl-service-write");
    assertStringIncludes(run.stdout, "! envoy-binary");
    assertStringIncludes(run.stdout, "3 failed");
    assertStringIncludes(run.stdout, "no roots for token <redacted>");
    noToken(run);
  },
});

Deno.test({
  name: "doctor: usage errors exit 2 with one line",
  ignore: !posix,
  async fn() {
    const bad = await runDoctor({ fixture: "healthy", args: ["-format", "yaml"], text: true });
    assertEquals(bad.code, 2);
    assertEquals(bad.stdout, "");
    assertEquals(bad.stderr, 'invalid value "yaml" for flag -format: must be text or json\n');
  },
});
