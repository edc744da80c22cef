import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import {
  exitStatus,
  markStyle,
  renderJson,
  renderText,
  summaryLine,
} from "../../src/doctor/report.ts";
import { CHECK_GROUPS, CHECK_IDS, type CheckResult } from "../../src/doctor/types.ts";

const results: CheckResult[] = [
  { id: "agent", status: "pass", message: "Consul 1.21.4", hint: "" },
  {
    id: "acl-service-write",
    status: "fail",
    message: "denied",
    hint: 'grant service:write on "web"',
  },
  { id: "intentions", status: "warn", message: "db denied", hint: "allow it" },
  { id: "leaf-cert", status: "skip", message: "needs the service", hint: "" },
];

Deno.test("groups cover every check id exactly once", () => {
  const grouped = CHECK_GROUPS.flatMap((g) => g.ids);
  assertEquals([...grouped].sort(), [...CHECK_IDS].sort());
});

Deno.test("exitStatus: 1 only when a check failed", () => {
  assertEquals(exitStatus(results), 1);
  assertEquals(exitStatus(results.filter((r) => r.status !== "fail")), 0);
  assertEquals(exitStatus([]), 0);
});

Deno.test("renderJson: the documented shape, in order", () => {
  const doc = JSON.parse(renderJson(results));
  assertEquals(Object.keys(doc), ["checks"]);
  assertEquals(doc.checks.map((c: { id: string }) => c.id), results.map((r) => r.id));
  assertEquals(Object.keys(doc.checks[1]), ["id", "status", "message", "hint"]);
  assert(renderJson(results).endsWith("}\n"));
});

Deno.test("renderText: groups, marks, hints under their check, summary", () => {
  const text = renderText("doctor: web", results);
  const lines = text.split("\n");
  assertEquals(lines[0], "doctor: web");
  assertStringIncludes(text, "Agent\n  ✓ agent");
  const fail = lines.findIndex((l) => l.includes("✗ acl-service-write"));
  assert(fail > 0);
  assertStringIncludes(lines[fail + 1], 'hint: grant service:write on "web"');
  assertEquals(lines[fail + 1].indexOf("hint"), lines[fail].indexOf("denied"));
  assertStringIncludes(text, "! intentions");
  assertStringIncludes(text, "- leaf-cert");
  assertEquals(text.includes("Network"), false);
  assert(text.endsWith("1 passed, 1 warning, 1 failed, 1 skipped\n"));
});

Deno.test("renderText: ASCII words where the terminal is dumb", () => {
  assertEquals(markStyle({ TERM: "dumb" }), "ascii");
  assertEquals(markStyle({ TERM: "xterm" }), "unicode");
  const text = renderText("t", results, "ascii");
  assertStringIncludes(text, "  FAIL acl-service-write");
  assertEquals([...text].every((c) => c.charCodeAt(0) < 128), true);
});

Deno.test("summaryLine: plural of warnings", () => {
  assertEquals(summaryLine([]), "0 passed, 0 warnings, 0 failed, 0 skipped");
});
