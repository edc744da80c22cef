import { assertEquals } from "../helpers/assert.ts";
import { exitStatusOf, signalNumber } from "../../src/supervise/exit_status.ts";

Deno.test("exitStatusOf: the exit code, or 128 + the signal number of the OS", () => {
  const cases: [string, { code: number; signal: string | null }, number][] = [
    ["linux", { code: 0, signal: null }, 0],
    ["linux", { code: 3, signal: null }, 3],
    ["linux", { code: 137, signal: "SIGKILL" }, 137],
    ["darwin", { code: 137, signal: "SIGKILL" }, 137],
    ["linux", { code: 0, signal: "SIGSEGV" }, 139],
    ["linux", { code: 0, signal: "SIGUSR1" }, 138],
    ["darwin", { code: 0, signal: "SIGUSR1" }, 158],
    ["darwin", { code: 0, signal: "SIGBUS" }, 138],
    ["linux", { code: 0, signal: "SIGBUS" }, 135],
    ["linux", { code: 200, signal: "SIGNOPE" }, 200],
  ];
  for (const [os, st, want] of cases) {
    assertEquals(exitStatusOf(st, os), want, `${os} ${JSON.stringify(st)}`);
  }
});

Deno.test("signalNumber: SIGHUP/SIGTERM agree; SIGUSR1 differs between Linux and macOS", () => {
  assertEquals([signalNumber("SIGTERM", "linux"), signalNumber("SIGTERM", "darwin")], [15, 15]);
  assertEquals([signalNumber("SIGUSR1", "linux"), signalNumber("SIGUSR1", "darwin")], [10, 30]);
  assertEquals(signalNumber("SIGWHAT", "linux"), undefined);
});
