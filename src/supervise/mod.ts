/**
 * Supervise mode's imperative shell: start Envoy as a child, feed signals,
 * timers, lifecycle requests and Envoy's exit into the pure state machine
 * (`machine.ts`), and perform the actions it returns (admin calls, agent
 * calls, signals to Envoy, timers). Resolves to the exit status
 * connect-envoy must exit with. Idle, it runs nothing: no polling, only the
 * re-registration timer when a gateway was registered.
 *
 * @module
 */

import type { AgentClient } from "../agent/types.ts";
import type { Io } from "../io.ts";
import type { SuperviseSettings } from "./flags.ts";
import {
  type Action,
  INITIAL_STATE,
  isReady,
  type MachineConfig,
  type MachineEvent,
  step,
  type SupervisedSignal,
  type TimerName,
} from "./machine.ts";
import type { HostPort } from "./lifecycle_bind.ts";
import { type AdminCall, adminClient } from "./admin_http.ts";
import { exitStatusOf } from "./exit_status.ts";
import { startLifecycleServer } from "./lifecycle_server.ts";
import { createRegistrationKeeper, type RegistrationKeeper } from "./registration_keeper.ts";
import { spawnEnvoy, spawnPlan } from "./spawn.ts";
import { errorText } from "../errors.ts";
import { guardInspectorPort } from "./inspector_guard.ts";

/** The admin paths of the shutdown sequence. */
export const ADMIN_PATHS = {
  healthcheckFail: "/healthcheck/fail",
  drain: "/drain_listeners?inboundonly&graceful&skip_exit",
  quit: "/quitquitquit",
} as const;

/** Everything the supervisor needs. */
export interface SuperviseRequest {
  /** Envoy's full argv (binary first), as on the exec path. */
  argv: string[];
  /** Envoy's environment (credentials removed). */
  env: Record<string, string>;
  /** The hand-over descriptor Envoy inherits; closed here once Envoy started. */
  handoff: { rewind(): void; close(): void };
  /** Where Envoy's admin API answers (see `adminTarget`). */
  admin: HostPort;
  settings: SuperviseSettings;
  /** The gateway registration made with `-register`, with a client factory. */
  registration?: { serviceId: string; body: string; connect(): Promise<AgentClient> };
  io: Io;
  os: string;
}

const SIGNALS: readonly SupervisedSignal[] = ["SIGTERM", "SIGINT", "SIGHUP", "SIGUSR1"];

function logger(io: Io): (line: string) => void {
  return (line) => io.stderr(`${new Date().toISOString()} [INFO] connect-envoy: ${line}\n`);
}

async function adminPost(admin: AdminCall, path: string, log: (l: string) => void) {
  try {
    const r = await admin("POST", path);
    if (r.status !== 200) log(`Envoy admin POST ${path}: status ${r.status}`);
  } catch (err) {
    log(`Envoy admin POST ${path} failed: ${errorText(err)}`);
  }
}

/**
 * How long quit waits for the drain calls still in flight: a drain that
 * reaches Envoy after quit is useless, but a slow admin API must not delay
 * quit much (a second SIGTERM promises a prompt quit).
 */
export const QUIT_AFTER_DRAIN_MAX_MS = 500;

/** Resolves when `p` settles or after `ms`, whichever comes first. */
function settledWithin(p: Promise<unknown>, ms: number): Promise<void> {
  const signal = AbortSignal.timeout(ms);
  return new Promise<void>((resolve) => {
    signal.addEventListener("abort", () => resolve(), { once: true });
    p.then(() => resolve(), () => resolve());
  });
}

/** What the machine's actions act on. */
interface Effects {
  admin: AdminCall;
  log: (line: string) => void;
  keeper?: RegistrationKeeper;
  child(): Deno.ChildProcess | undefined;
  finish(status: number): void;
}

/** The machine with its state and timers: `dispatch` feeds an event and performs the actions. */
function createDriver(cfg: MachineConfig, fx: Effects) {
  let state = INITIAL_STATE;
  const timers = new Map<TimerName, ReturnType<typeof setTimeout>>();
  let draining: Promise<void> = Promise.resolve();
  const signalChild = (sig: Deno.Signal) => {
    try {
      fx.child()?.kill(sig);
    } catch (err) {
      fx.log(`Sending ${sig} to Envoy failed: ${errorText(err)}`);
    }
  };
  const perform = (a: Action): void => {
    switch (a.kind) {
      case "set_timer":
        timers.set(a.timer, setTimeout(() => dispatch({ type: "timer", timer: a.timer }), a.ms));
        return;
      case "cancel_timer":
        clearTimeout(timers.get(a.timer));
        timers.delete(a.timer);
        return;
      case "log":
        return fx.log(a.message);
      case "deregister":
        fx.keeper?.deregister(a.timeoutMs).then(() => dispatch({ type: "deregistered" }));
        return;
      case "drain":
        draining = adminPost(fx.admin, ADMIN_PATHS.healthcheckFail, fx.log)
          .then(() => adminPost(fx.admin, ADMIN_PATHS.drain, fx.log));
        return;
      case "check_registration":
        fx.keeper?.check();
        return;
      case "quit":
        settledWithin(draining, QUIT_AFTER_DRAIN_MAX_MS)
          .then(() => adminPost(fx.admin, ADMIN_PATHS.quit, fx.log));
        return;
      case "kill":
        return signalChild("SIGKILL");
      case "forward":
        return signalChild(a.signal);
      case "exit":
        return fx.finish(a.status);
    }
  };
  function dispatch(event: MachineEvent): void {
    const next = step(state, event, cfg);
    state = next.state;
    for (const a of next.actions) perform(a);
  }
  return {
    dispatch,
    ready: () => isReady(state),
    clearTimers: () => timers.forEach((t) => clearTimeout(t)),
  };
}

function machineConfig(req: SuperviseRequest): MachineConfig {
  const s = req.settings;
  return {
    gracePeriodMs: s.gracePeriodMs,
    timeoutMs: s.timeoutMs,
    drainListeners: s.drainListeners,
    registered: req.registration !== undefined,
    reregisterIntervalMs: s.reregisterIntervalMs,
  };
}

/** Run Envoy under supervision; resolves to connect-envoy's exit status. */
export async function superviseEnvoy(req: SuperviseRequest): Promise<number> {
  const plan = spawnPlan(req.os);
  let child: Deno.ChildProcess | undefined;
  let finish: (status: number) => void = () => {};
  const finished = new Promise<number>((resolve) => finish = resolve);
  const fx: Effects = {
    admin: adminClient(req.admin.host, req.admin.port),
    log: logger(req.io),
    child: () => child,
    finish: (status) => finish(status),
  };
  const driver = createDriver(machineConfig(req), fx);
  const lifecycle = req.settings.lifecycle;
  const server = lifecycle === undefined ? undefined : startLifecycleServer(lifecycle, {
    accepting: driver.ready,
    admin: fx.admin,
    shutdown: () => driver.dispatch({ type: "shutdown_requested" }),
  });
  let client: AgentClient | undefined;
  if (req.registration !== undefined) {
    try {
      client = await req.registration.connect();
    } catch (err) {
      await server?.shutdown();
      throw err;
    }
    fx.keeper = createRegistrationKeeper(client, req.registration, fx.log);
  }
  // Forwarded SIGUSR1s must not open the runtime's debugger (see inspector_guard.ts).
  const inspectorGuard = guardInspectorPort();
  const handlers = SIGNALS.map((sig) => {
    const h = () => driver.dispatch({ type: "signal", signal: sig });
    Deno.addSignalListener(sig, h);
    return [sig, h] as const;
  });
  try {
    if (plan.rewind) req.handoff.rewind();
    child = spawnEnvoy(req.argv, req.env, plan);
    req.handoff.close();
    child.status.then((st) =>
      driver.dispatch({ type: "envoy_exited", status: exitStatusOf(st, req.os) })
    );
    driver.dispatch({ type: "started" });
    return await finished;
  } finally {
    for (const [sig, h] of handlers) Deno.removeSignalListener(sig, h);
    inspectorGuard.close();
    driver.clearTimers();
    await server?.shutdown();
    await client?.close();
  }
}
