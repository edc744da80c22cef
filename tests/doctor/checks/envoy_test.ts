import { assertEquals, assertStringIncludes } from "../../helpers/assert.ts";
import {
  type BootstrapFacts,
  checkBootstrap,
  checkEnvoyBinary,
  type EnvoyFacts,
} from "../../../src/doctor/checks/envoy.ts";

const found = (over: Partial<Extract<EnvoyFacts, { found: true }>>): EnvoyFacts => ({
  found: true,
  path: "/usr/bin/envoy",
  version: "1.36.0",
  compat: { kind: "supported" },
  range: "1.35.0 to 1.38.x",
  rangeSource: "agent",
  ignored: false,
  ...over,
});

Deno.test("checkEnvoyBinary: table", () => {
  const cases: [EnvoyFacts, string, string, string][] = [
    [
      found({}),
      "pass",
      "Envoy 1.36.0 at /usr/bin/envoy (supported: 1.35.0 to 1.38.x, from the agent)",
      "",
    ],
    [
      { found: false, message: "Couldn't find envoy binary: not in $PATH" },
      "warn",
      "Couldn't find",
      "-envoy-binary",
    ],
    [
      found({ version: "1.39.0", compat: { kind: "unsupported" } }),
      "fail",
      "is not supported",
      "1.35.0 to 1.38.x",
    ],
    [
      found({ version: "1.39.0", compat: { kind: "unsupported" }, ignored: true }),
      "warn",
      "not supported",
      "-ignore-envoy-compatibility",
    ],
    [
      found({ version: undefined, versionError: "exit status 3" }),
      "fail",
      "exit status 3",
      "-envoy-binary",
    ],
    [found({ compat: { kind: "unknown", cause: "malformed" } }), "warn", "malformed", "supported"],
  ];
  for (const [facts, status, message, hint] of cases) {
    const v = checkEnvoyBinary(facts);
    assertEquals(v.status, status, message);
    assertStringIncludes(v.message, message);
    if (hint === "") assertEquals(v.hint, "");
    else assertStringIncludes(v.hint, hint);
  }
});

Deno.test("checkBootstrap: generated, validated, rejected, failed", () => {
  const cases: [BootstrapFacts, string, string][] = [
    [
      { generated: true, bytes: 10, validation: { kind: "accepted" } },
      "pass",
      "accepted by envoy --mode validate",
    ],
    [
      { generated: true, bytes: 10, validation: { kind: "not-run", reason: "no envoy" } },
      "pass",
      "not validated: no envoy",
    ],
    [
      { generated: true, bytes: 10, validation: { kind: "rejected", message: "bad field" } },
      "fail",
      "rejected it: bad field",
    ],
    [{ generated: false, message: "Error looking up xDS port" }, "fail", "generation failed"],
  ];
  for (const [facts, status, message] of cases) {
    const v = checkBootstrap(facts);
    assertEquals(v.status, status);
    assertStringIncludes(v.message, message);
    assertEquals(v.hint === "", status === "pass");
  }
});
