import { assertEquals } from "../helpers/assert.ts";
import {
  condenseOutput,
  MAX_REASON_LENGTH,
  validateArgs,
  validateBootstrap,
  type ValidateRunner,
} from "../../src/exec/validate.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("condenseOutput: Envoy log output becomes one line without log prefixes", () => {
  const out = [
    "[2025-11-18 10:00:00.123][42][info][main] [source/server/server.cc:430] initializing epoch 0",
    "[2025-11-18 10:00:00.124][42][critical][main] [source/server/server.cc:131] error " +
    "initializing configuration '/dev/fd/3': Protobuf message (type " +
    "envoy.config.bootstrap.v3.Bootstrap) has unknown fields",
    "",
    "   ",
  ].join("\n");
  assertEquals(
    condenseOutput(out),
    "initializing epoch 0; error initializing configuration '/dev/fd/3': Protobuf message " +
      "(type envoy.config.bootstrap.v3.Bootstrap) has unknown fields",
  );
  assertEquals(condenseOutput("plain\r\ntext\twith  spaces\n"), "plain; text with spaces");
  assertEquals(condenseOutput(""), "");
  const long = condenseOutput("x".repeat(5000));
  assertEquals(long.length, MAX_REASON_LENGTH);
});

async function outcome(run: ValidateRunner): Promise<string> {
  try {
    await validateBootstrap("/opt/envoy", "/dev/fd/5", {}, run);
    return "ok";
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return err.message;
  }
}

Deno.test("validateBootstrap: arguments, success and rejection", async () => {
  const seen: string[][] = [];
  const ok = await outcome((bin, args) => {
    seen.push([bin, ...args]);
    return Promise.resolve({ code: 0, output: "configuration '/dev/fd/5' OK\n" });
  });
  assertEquals(ok, "ok");
  assertEquals(seen, [["/opt/envoy", ...validateArgs("/dev/fd/5")]]);
  assertEquals(validateArgs("/dev/fd/5"), ["--mode", "validate", "--config-path", "/dev/fd/5"]);
  assertEquals(
    await outcome(() => Promise.resolve({ code: 1, output: "[x][1][critical] bad cluster\n" })),
    "Envoy rejected the bootstrap: bad cluster",
  );
  assertEquals(
    await outcome(() => Promise.resolve({ code: 2, output: "\n" })),
    "Envoy rejected the bootstrap: exit status 2",
  );
  assertEquals(
    await outcome(() => Promise.reject(new Error("No such file or directory (os error 2)"))),
    "Couldn't run envoy to validate the bootstrap: /opt/envoy: No such file or directory (os error 2)",
  );
});
