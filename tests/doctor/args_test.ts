import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { parseDoctorArgs, takeFormatFlag, USAGE_EXIT } from "../../src/doctor/args.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("takeFormatFlag: Go flag scanning", () => {
  const cases: [string[], string, string[]][] = [
    [["-sidecar-for", "web"], "text", ["-sidecar-for", "web"]],
    [["-format", "json", "-sidecar-for", "web"], "json", ["-sidecar-for", "web"]],
    [["--format=json", "-sidecar-for=web"], "json", ["-sidecar-for=web"]],
    // A value-taking flag consumes the next argument, even one that looks like -format.
    [["-token", "-format", "-sidecar-for", "web"], "text", [
      "-token",
      "-format",
      "-sidecar-for",
      "web",
    ]],
    // Scanning stops at the first non-flag and at "--".
    [["-sidecar-for", "web", "x", "-format", "json"], "text", [
      "-sidecar-for",
      "web",
      "x",
      "-format",
      "json",
    ]],
    [["--", "-format", "json"], "text", ["--", "-format", "json"]],
    [["-bootstrap", "-format", "json"], "json", ["-bootstrap"]],
  ];
  for (const [argv, format, rest] of cases) {
    assertEquals(takeFormatFlag(argv), { format, rest }, argv.join(" "));
  }
});

function usageError(argv: string[]): string {
  const err = assertThrows(() => parseDoctorArgs(argv, {}, "linux"), CliError) as CliError;
  assertEquals(err.exitCode, USAGE_EXIT);
  return err.message;
}

Deno.test("parseDoctorArgs: usage errors exit 2", () => {
  assertEquals(usageError(["-format"]), "flag needs an argument: -format");
  assertEquals(
    usageError(["-sidecar-for", "web", "-format", "yaml"]),
    'invalid value "yaml" for flag -format: must be text or json',
  );
  assertEquals(usageError(["-sidecar-fro", "web"]).includes("did you mean -sidecar-for"), true);
  assertEquals(usageError([]).startsWith("No proxy ID specified"), true);
});

Deno.test("parseDoctorArgs: options as a normal run, environment included", () => {
  const r = parseDoctorArgs(["-format=json", "-admin-bind", "127.0.0.1:0"], {
    CONNECT_SIDECAR_FOR: "web",
  }, "linux");
  if (r.kind !== "run") throw new Error("expected run");
  assertEquals(r.format, "json");
  assertEquals(r.options.sidecarFor, "web");
  assertEquals(r.options.adminBind, "127.0.0.1:0");
  assertEquals(parseDoctorArgs(["-h"], {}, "linux"), { kind: "help" });
  const byId = parseDoctorArgs([], { CONSUL_PROXY_ID: "p1" }, "linux");
  assertEquals(byId.kind === "run" && byId.options.proxyId, "p1");
});
