import { assert, assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import {
  detectRssMethod,
  measureRun,
  parseVmHwm,
  parseWrapperReport,
  type RssMethod,
} from "../../scripts/bench/measure.ts";

Deno.test("parseVmHwm reads the peak RSS line of /proc/<pid>/status", () => {
  const status = "Name:\tdeno\nVmPeak:\t 1000 kB\nVmHWM:\t   51234 kB\nVmRSS:\t   50000 kB\n";
  assertEquals(parseVmHwm(status), 51234);
  assertEquals(parseVmHwm("Name:\tzombie\nState:\tZ (zombie)\n"), undefined);
});

Deno.test("parseWrapperReport splits the report off the child's stderr", () => {
  const marker = "\n@@bench-measure@@";
  const stderr =
    `child warning\nno newline at end${marker}{"wallMs":12.5,"peakRssKiB":40960,"code":3}\n`;
  const { report, childStderr } = parseWrapperReport(stderr);
  assertEquals(report, { wallMs: 12.5, peakRssKiB: 40960, code: 3 });
  assertEquals(childStderr, "child warning\nno newline at end");
  assertThrowsMatching(
    () => parseWrapperReport("Traceback: boom\n"),
    /measurement wrapper failed: Traceback: boom/,
  );
});

// A child that holds ~64 MiB for a moment, then exits with status 7.
const CHILD = [
  "eval",
  "const b = new Uint8Array(64 * 1024 * 1024); b.fill(1); await new Promise((r) => setTimeout(r, 100)); console.log(b[5]); console.error('bye'); Deno.exit(7);",
];

async function check(method: RssMethod) {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const k of ["PATH", "HOME", "DENO_DIR"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) env[k] = v;
  }
  const s = await measureRun({ program: Deno.execPath(), args: CHILD, env }, method);
  assertEquals(s.code, 7);
  assertEquals(s.stdout, "1\n");
  assertEquals(s.stderr.trim(), "bye");
  assert(s.peakRssKiB >= 64 * 1024, `${method}: peak ${s.peakRssKiB} KiB`);
  assert(s.wallMs >= 100 && s.wallMs < 10_000, `${method}: wall ${s.wallMs} ms`);
}

Deno.test("measureRun via /proc polling sees the child's peak RSS, exit code and output", async () => {
  await check("proc");
});

Deno.test("measureRun via the wait4 wrapper (when python3 is available)", async (t) => {
  if ((await detectRssMethod()) !== "wait4") {
    await t.step({ name: "python3 missing", ignore: true, fn: () => {} });
    return;
  }
  await check("wait4");
});
