/**
 * The supervise shutdown sequence as a pure state machine: events in,
 * actions out. No clock, no I/O: timers are actions ("set timer X for N ms")
 * and their expiry is an event, so every path is unit-tested without
 * waiting. The shell (`mod.ts`) performs the actions.
 *
 * Sequence on the first SIGTERM/SIGINT (or a lifecycle shutdown request):
 * mark not-ready, deregister the gateway (when connect-envoy registered it),
 * fail Envoy's health check and drain its inbound listeners (unless
 * disabled), wait the grace period, ask Envoy to quit, and SIGKILL it when
 * it is still running after the shutdown timeout. A second SIGTERM/SIGINT
 * skips the rest of the grace period. Quitting waits for a pending
 * deregistration, so the catalog never lists a gateway that is gone.
 *
 * @module
 */

/** Signals connect-envoy handles while supervising. */
export type SupervisedSignal = "SIGTERM" | "SIGINT" | "SIGHUP" | "SIGUSR1";

/** The machine's timers. */
export type TimerName = "grace" | "kill" | "reregister";

/** Fixed settings of one supervised run. */
export interface MachineConfig {
  gracePeriodMs: number;
  timeoutMs: number;
  /** POST /healthcheck/fail and /drain_listeners at the start of shutdown. */
  drainListeners: boolean;
  /** connect-envoy registered the service (deregister it; keep it registered). */
  registered: boolean;
  /** How often to check the registration still exists (0 = never). */
  reregisterIntervalMs: number;
}

/** Where the run is. */
export type Phase =
  /** Envoy runs; ready when Envoy is. */
  | "running"
  /** Shutdown started: draining until the grace period ends. */
  | "draining"
  /** Waiting for a deregistration before sending quit. */
  | "awaiting_deregistration"
  /** Quit sent; SIGKILL when the shutdown timeout ends. */
  | "quitting"
  /** SIGKILL sent; waiting for Envoy's exit. */
  | "killed"
  /** Envoy exited: nothing more happens. */
  | "exited";

/** The machine's whole state. */
export interface MachineState {
  phase: Phase;
  /** A deregistration was started and has not finished. */
  deregistering: boolean;
}

/** Something that happened. */
export type MachineEvent =
  | { type: "started" }
  | { type: "signal"; signal: SupervisedSignal }
  /** `POST /graceful_shutdown` on the lifecycle endpoint. */
  | { type: "shutdown_requested" }
  | { type: "timer"; timer: TimerName }
  /** The deregistration finished (successfully or not). */
  | { type: "deregistered" }
  /** Envoy exited; `status` is the exit status connect-envoy reports. */
  | { type: "envoy_exited"; status: number };

/** Something the shell must do. */
export type Action =
  | { kind: "set_timer"; timer: TimerName; ms: number }
  | { kind: "cancel_timer"; timer: TimerName }
  | { kind: "log"; message: string }
  | { kind: "deregister" }
  | { kind: "drain" }
  | { kind: "check_registration" }
  | { kind: "quit" }
  | { kind: "kill" }
  | { kind: "forward"; signal: SupervisedSignal }
  | { kind: "exit"; status: number };

/** The result of one step. */
export interface Step {
  state: MachineState;
  actions: Action[];
}

/** The state before Envoy is started. */
export const INITIAL_STATE: MachineState = { phase: "running", deregistering: false };

/** True while no shutdown has started (the lifecycle `/ready` also asks Envoy). */
export function isReady(state: MachineState): boolean {
  return state.phase === "running";
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

function beginShutdown(cfg: MachineConfig, why: string): Step {
  const actions: Action[] = [];
  if (cfg.registered && cfg.reregisterIntervalMs > 0) {
    actions.push({ kind: "cancel_timer", timer: "reregister" });
  }
  actions.push({
    kind: "log",
    message: `${why}: shutting down Envoy (quit in ${seconds(cfg.gracePeriodMs)}` +
      `${cfg.drainListeners ? ", draining inbound listeners until then" : ""})`,
  });
  if (cfg.registered) actions.push({ kind: "deregister" });
  if (cfg.drainListeners) actions.push({ kind: "drain" });
  actions.push({ kind: "set_timer", timer: "grace", ms: cfg.gracePeriodMs });
  return { state: { phase: "draining", deregistering: cfg.registered }, actions };
}

function quit(state: MachineState, cfg: MachineConfig, pre: Action[] = []): Step {
  if (state.deregistering) {
    return { state: { ...state, phase: "awaiting_deregistration" }, actions: pre };
  }
  return {
    state: { ...state, phase: "quitting" },
    actions: [...pre, { kind: "quit" }, { kind: "set_timer", timer: "kill", ms: cfg.timeoutMs }],
  };
}

function onStop(state: MachineState, cfg: MachineConfig, why: string): Step {
  if (state.phase === "running") return beginShutdown(cfg, why);
  if (state.phase === "draining") {
    return quit(state, cfg, [
      { kind: "cancel_timer", timer: "grace" },
      { kind: "log", message: `${why} again: quitting Envoy now` },
    ]);
  }
  return { state, actions: [] };
}

function onTimer(state: MachineState, cfg: MachineConfig, timer: TimerName): Step {
  if (timer === "reregister" && state.phase === "running") {
    return {
      state,
      actions: [
        { kind: "check_registration" },
        { kind: "set_timer", timer: "reregister", ms: cfg.reregisterIntervalMs },
      ],
    };
  }
  if (timer === "grace" && state.phase === "draining") return quit(state, cfg);
  if (timer === "kill" && state.phase === "quitting") {
    return {
      state: { ...state, phase: "killed" },
      actions: [
        {
          kind: "log",
          message: `Envoy still running ${seconds(cfg.timeoutMs)} after quit: sending SIGKILL`,
        },
        { kind: "kill" },
      ],
    };
  }
  return { state, actions: [] };
}

function allTimersCancelled(): Action[] {
  return (["grace", "kill", "reregister"] as const).map((timer) => ({
    kind: "cancel_timer",
    timer,
  }));
}

/** Advance the machine by one event. Pure: the same inputs give the same step. */
export function step(state: MachineState, event: MachineEvent, cfg: MachineConfig): Step {
  if (state.phase === "exited") return { state, actions: [] };
  switch (event.type) {
    case "started":
      return {
        state,
        actions: cfg.registered && cfg.reregisterIntervalMs > 0
          ? [{ kind: "set_timer", timer: "reregister", ms: cfg.reregisterIntervalMs }]
          : [],
      };
    case "signal":
      if (event.signal === "SIGHUP" || event.signal === "SIGUSR1") {
        return { state, actions: [{ kind: "forward", signal: event.signal }] };
      }
      return onStop(state, cfg, `Received ${event.signal}`);
    case "shutdown_requested":
      return state.phase === "running"
        ? beginShutdown(cfg, "Graceful shutdown requested")
        : { state, actions: [] };
    case "timer":
      return onTimer(state, cfg, event.timer);
    case "deregistered": {
      const next = { ...state, deregistering: false };
      return state.phase === "awaiting_deregistration"
        ? quit(next, cfg)
        : { state: next, actions: [] };
    }
    case "envoy_exited":
      return {
        state: { phase: "exited", deregistering: false },
        actions: [...allTimersCancelled(), { kind: "exit", status: event.status }],
      };
  }
}
