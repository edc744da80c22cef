import { assertEquals } from "../helpers/assert.ts";
import { envoyArgs, envoyArgv, isHotRestartOption } from "../../src/exec/argv.ts";

const P = "/dev/fd/3";

Deno.test("envoyArgs: --disable-hot-restart unless a hot-restart option is passed through", () => {
  const table: { pass: string[]; want: string[] }[] = [
    { pass: [], want: ["--config-path", P, "--disable-hot-restart"] },
    {
      pass: ["--log-level", "debug"],
      want: ["--config-path", P, "--disable-hot-restart", "--log-level", "debug"],
    },
    { pass: ["extra"], want: ["--config-path", P, "--disable-hot-restart", "extra"] },
    { pass: ["--restart-epoch", "1"], want: ["--config-path", P, "--restart-epoch", "1"] },
    { pass: ["--restart-epoch=1"], want: ["--config-path", P, "--restart-epoch=1"] },
    { pass: ["--drain-time-s=10"], want: ["--config-path", P, "--drain-time-s=10"] },
    { pass: ["--drain-time-s", "10"], want: ["--config-path", P, "--drain-time-s", "10"] },
    {
      pass: ["--hot-restart-version"],
      want: ["--config-path", P, "--hot-restart-version"],
    },
    {
      pass: ["-l", "info", "--parent-shutdown-time-s", "5"],
      want: ["--config-path", P, "-l", "info", "--parent-shutdown-time-s", "5"],
    },
    {
      pass: ["-restart-epoch", "1"],
      want: ["--config-path", P, "--disable-hot-restart", "-restart-epoch", "1"],
    },
    {
      pass: ["--restart-epochs=1"],
      want: ["--config-path", P, "--disable-hot-restart", "--restart-epochs=1"],
    },
  ];
  for (const c of table) assertEquals(envoyArgs(P, c.pass), c.want, c.pass.join(" "));
});

Deno.test("envoyArgv: argv[0] is the binary path", () => {
  assertEquals(envoyArgv("/usr/local/bin/envoy", P, ["-l", "debug"]), [
    "/usr/local/bin/envoy",
    "--config-path",
    P,
    "--disable-hot-restart",
    "-l",
    "debug",
  ]);
});

Deno.test("isHotRestartOption: exact or with =value, double dash only", () => {
  const yes = ["--restart-epoch", "--restart-epoch=0", "--hot-restart-version", "--drain-time-s=1"];
  const no = ["--restart-epoch0", "-drain-time-s", "restart-epoch", "--disable-hot-restart", ""];
  for (const a of yes) assertEquals(isHotRestartOption(a), true, a);
  for (const a of no) assertEquals(isHotRestartOption(a), false, a);
});
