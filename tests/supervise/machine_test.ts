import { assert, assertEquals } from "../helpers/assert.ts";
import {
  type Action,
  EXIT_DEADLINE_MS,
  EXIT_DEREGISTER_TIMEOUT_MS,
  INITIAL_STATE,
  isReady,
  type MachineConfig,
  type MachineEvent,
  type MachineState,
  step,
  type TimerName,
} from "../../src/supervise/machine.ts";

const CFG: MachineConfig = {
  gracePeriodMs: 15_000,
  timeoutMs: 10_000,
  drainListeners: true,
  registered: false,
  reregisterIntervalMs: 30_000,
};

/**
 * Drives the machine on an injected clock: timers are kept in a table and
 * fire when `advance` passes their deadline. Returns every action with the
 * (virtual) time it was produced at, logs left out.
 */
function simulate(cfg: MachineConfig) {
  let now = 0;
  let state: MachineState = INITIAL_STATE;
  const timers = new Map<TimerName, number>();
  const done: string[] = [];
  const feed = (e: MachineEvent) => {
    const s = step(state, e, cfg);
    state = s.state;
    for (const a of s.actions) record(a);
  };
  const record = (a: Action) => {
    if (a.kind === "set_timer") timers.set(a.timer, now + a.ms);
    else if (a.kind === "cancel_timer") timers.delete(a.timer);
    else if (a.kind === "forward") done.push(`${now} forward ${a.signal}`);
    else if (a.kind === "exit") done.push(`${now} exit ${a.status}`);
    else if (a.kind !== "log") done.push(`${now} ${a.kind}`);
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers].sort((a, b) => a[1] - b[1])[0];
      if (next === undefined || next[1] > end) break;
      now = next[1];
      timers.delete(next[0]);
      feed({ type: "timer", timer: next[0] });
    }
    now = end;
  };
  feed({ type: "started" });
  return {
    feed,
    advance,
    done,
    state: () => state,
    timers,
  };
}

Deno.test("machine: one SIGTERM drains at once, quits after the grace period, kills after the timeout", () => {
  const sim = simulate(CFG);
  assert(isReady(sim.state()));
  sim.advance(1000);
  sim.feed({ type: "signal", signal: "SIGTERM" });
  assert(!isReady(sim.state()), "not ready once shutdown starts");
  sim.advance(15_000);
  assertEquals(sim.done, ["1000 drain", "16000 quit"]);
  sim.advance(10_000);
  assertEquals(sim.done, ["1000 drain", "16000 quit", "26000 kill"]);
  sim.feed({ type: "envoy_exited", status: 137 });
  assertEquals(sim.done.at(-1), "26000 exit 137");
  assertEquals(sim.timers.size, 0, "no timer left");
});

Deno.test("machine: Envoy exiting after quit ends the run before the kill", () => {
  const sim = simulate({ ...CFG, gracePeriodMs: 2000 });
  sim.feed({ type: "signal", signal: "SIGINT" });
  sim.advance(2500);
  sim.feed({ type: "envoy_exited", status: 0 });
  sim.advance(60_000);
  assertEquals(sim.done, ["0 drain", "2000 quit", "2500 exit 0"]);
});

Deno.test("machine: a second SIGTERM or SIGINT skips the rest of the grace period", () => {
  for (const second of ["SIGTERM", "SIGINT"] as const) {
    const sim = simulate(CFG);
    sim.feed({ type: "signal", signal: "SIGTERM" });
    sim.advance(100);
    sim.feed({ type: "signal", signal: second });
    sim.advance(20_000);
    assertEquals(sim.done, ["0 drain", "100 quit", "10100 kill"], second);
    // A third one changes nothing.
    sim.feed({ type: "signal", signal: "SIGTERM" });
    assertEquals(sim.done.length, 3);
  }
});

Deno.test("machine: -shutdown-drain-listeners=false only waits the grace period", () => {
  const sim = simulate({ ...CFG, drainListeners: false, gracePeriodMs: 5000 });
  sim.feed({ type: "signal", signal: "SIGTERM" });
  sim.advance(5000);
  assertEquals(sim.done, ["5000 quit"]);
});

Deno.test("machine: Envoy exiting by itself ends the run at once, in every phase", () => {
  const phases: [string, (s: ReturnType<typeof simulate>) => void][] = [
    ["running", () => {}],
    ["draining", (s) => s.feed({ type: "signal", signal: "SIGTERM" })],
    ["quitting", (s) => {
      s.feed({ type: "signal", signal: "SIGTERM" });
      s.advance(CFG.gracePeriodMs);
    }],
  ];
  for (const [name, setup] of phases) {
    const sim = simulate(CFG);
    setup(sim);
    sim.feed({ type: "envoy_exited", status: 3 });
    assertEquals(sim.done.at(-1)?.endsWith("exit 3"), true, name);
    assertEquals(sim.timers.size, 0, `${name}: timers cancelled`);
    const before = sim.done.length;
    sim.feed({ type: "signal", signal: "SIGTERM" });
    sim.advance(100_000);
    assertEquals(sim.done.length, before, `${name}: nothing after the exit`);
  }
});

Deno.test("machine: SIGHUP and SIGUSR1 are forwarded, and never start a shutdown", () => {
  const sim = simulate(CFG);
  sim.feed({ type: "signal", signal: "SIGHUP" });
  sim.feed({ type: "signal", signal: "SIGUSR1" });
  assert(isReady(sim.state()));
  sim.feed({ type: "signal", signal: "SIGTERM" });
  sim.feed({ type: "signal", signal: "SIGHUP" });
  assertEquals(sim.done, ["0 forward SIGHUP", "0 forward SIGUSR1", "0 drain", "0 forward SIGHUP"]);
});

Deno.test("machine: the lifecycle shutdown request starts the same sequence once", () => {
  const sim = simulate({ ...CFG, gracePeriodMs: 1000 });
  sim.feed({ type: "shutdown_requested" });
  sim.feed({ type: "shutdown_requested" });
  sim.advance(1000);
  assertEquals(sim.done, ["0 drain", "1000 quit"]);
});

Deno.test("machine: never a SIGTERM for Envoy: only quit over the admin API, then SIGKILL", () => {
  const sim = simulate(CFG);
  for (const sig of ["SIGTERM", "SIGINT", "SIGTERM", "SIGINT"] as const) {
    sim.feed({ type: "signal", signal: sig });
    sim.advance(5000);
  }
  sim.advance(60_000);
  assert(sim.done.every((d) => !d.includes("SIGTERM") && !d.includes("SIGINT")), `${sim.done}`);
  assertEquals(sim.done.filter((d) => d.endsWith("kill")).length, 1);
});

Deno.test("machine (registered gateway): checks every interval while running, deregisters before quit", () => {
  const cfg = { ...CFG, registered: true, reregisterIntervalMs: 30_000, gracePeriodMs: 1000 };
  const sim = simulate(cfg);
  sim.advance(65_000);
  assertEquals(sim.done, ["30000 check_registration", "60000 check_registration"]);
  sim.feed({ type: "signal", signal: "SIGTERM" });
  assertEquals(sim.done.slice(2), ["65000 deregister", "65000 drain"]);
  // The deregistration is slow: quit waits for it, and no check runs meanwhile.
  sim.advance(40_000);
  assertEquals(sim.done.length, 4, "no quit and no check before the deregistration ends");
  sim.feed({ type: "deregistered" });
  assertEquals(sim.done.at(-1), "105000 quit");
});

Deno.test("machine (registered gateway): a second signal still waits for the deregistration", () => {
  const sim = simulate({ ...CFG, registered: true });
  sim.feed({ type: "signal", signal: "SIGTERM" });
  sim.feed({ type: "signal", signal: "SIGTERM" });
  assertEquals(sim.done, ["0 deregister", "0 drain"]);
  sim.advance(50);
  sim.feed({ type: "deregistered" });
  assertEquals(sim.done.at(-1), "50 quit");
  // A fast deregistration does not shorten the grace period.
  const fast = simulate({ ...CFG, registered: true, gracePeriodMs: 3000 });
  fast.feed({ type: "signal", signal: "SIGTERM" });
  fast.feed({ type: "deregistered" });
  fast.advance(3000);
  assertEquals(fast.done, ["0 deregister", "0 drain", "3000 quit"]);
});

Deno.test("machine: -reregister-interval 0 or no registration: no timer at all", () => {
  for (const cfg of [{ ...CFG, registered: true, reregisterIntervalMs: 0 }, CFG]) {
    const sim = simulate(cfg);
    assertEquals(sim.timers.size, 0);
    sim.advance(1_000_000);
    assertEquals(sim.done, []);
  }
});

Deno.test("machine: shutdown logs one line naming the cause and the grace period", () => {
  const s = step(INITIAL_STATE, { type: "signal", signal: "SIGTERM" }, CFG);
  const logs = s.actions.filter((a) => a.kind === "log");
  assertEquals(logs.length, 1);
  assertEquals(
    (logs[0] as { message: string }).message,
    "Received SIGTERM: shutting down Envoy (quit in 15s, draining inbound listeners until then)",
  );
});

Deno.test("machine (registered gateway): Envoy exiting by itself is deregistered first, then exit with its status", () => {
  const sim = simulate({ ...CFG, registered: true, reregisterIntervalMs: 1000 });
  sim.advance(1500);
  sim.feed({ type: "envoy_exited", status: 3 });
  assertEquals(sim.done, ["1000 check_registration", "1500 deregister"]);
  assert(!sim.timers.has("reregister"), "the re-registration timer is stopped");
  // However long the deregistration takes (within the deadline), nothing else runs meanwhile.
  sim.advance(EXIT_DEREGISTER_TIMEOUT_MS - 100);
  sim.feed({ type: "signal", signal: "SIGTERM" });
  sim.feed({ type: "signal", signal: "SIGHUP" });
  sim.feed({ type: "shutdown_requested" });
  assertEquals(sim.done.length, 2, `${sim.done}`);
  sim.feed({ type: "deregistered" });
  assertEquals(sim.done.at(-1), `${1500 + EXIT_DEREGISTER_TIMEOUT_MS - 100} exit 3`);
  assertEquals(sim.timers.size, 0, "no timer left");
  sim.advance(100_000);
  assertEquals(sim.done.length, 3, "never a check or a re-registration after Envoy is gone");
});

Deno.test("machine (registered gateway): the one attempt is bounded, with a deadline as backstop", () => {
  const running = { phase: "running", deregistering: false } as const;
  const cfg = { ...CFG, registered: true };
  const s = step(running, { type: "envoy_exited", status: 134 }, cfg);
  assertEquals(s.actions.filter((a) => a.kind === "deregister"), [
    { kind: "deregister", timeoutMs: EXIT_DEREGISTER_TIMEOUT_MS },
  ]);
  assert(EXIT_DEREGISTER_TIMEOUT_MS <= 2_000 && EXIT_DEADLINE_MS > EXIT_DEREGISTER_TIMEOUT_MS);
  const logs = s.actions.filter((a) => a.kind === "log");
  assertEquals(logs.length, 1);
  // The deregistration never reports back: exit at the deadline, with one log line.
  const sim = simulate(cfg);
  sim.feed({ type: "envoy_exited", status: 134 });
  sim.advance(EXIT_DEADLINE_MS - 1);
  assertEquals(sim.done, ["0 deregister"]);
  sim.advance(1);
  assertEquals(sim.done, ["0 deregister", `${EXIT_DEADLINE_MS} exit 134`]);
  const late = step(sim.state(), { type: "deregistered" }, cfg);
  assertEquals(late.actions, [], "a late answer changes nothing");
});

Deno.test("machine (registered gateway): Envoy dying during a shutdown waits for that deregistration only", () => {
  const cfg = { ...CFG, registered: true };
  const sim = simulate(cfg);
  sim.feed({ type: "signal", signal: "SIGTERM" });
  sim.advance(200);
  sim.feed({ type: "envoy_exited", status: 139 });
  sim.advance(300);
  sim.feed({ type: "deregistered" });
  assertEquals(sim.done, ["0 deregister", "0 drain", "500 exit 139"]);
  // Deregistration already done (quit sent, Envoy exits): exit at once, no second deregistration.
  const after = simulate({ ...cfg, gracePeriodMs: 1000 });
  after.feed({ type: "signal", signal: "SIGTERM" });
  after.feed({ type: "deregistered" });
  after.advance(1500);
  after.feed({ type: "envoy_exited", status: 0 });
  assertEquals(after.done, ["0 deregister", "0 drain", "1000 quit", "1500 exit 0"]);
});
