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
 * When Envoy exits by itself (a crash, a bad config) while connect-envoy
 * keeps a gateway registered, the re-registration stops and the gateway is
 * deregistered before connect-envoy exits with Envoy's status; that last
 * deregistration gets one short attempt, so a dead agent delays the exit by
 * at most a couple of seconds.
 *
 * @module
 */

import { secondsText } from "../units.ts";

/** Signals connect-envoy handles while supervising. */
export type SupervisedSignal = "SIGTERM" | "SIGINT" | "SIGHUP" | "SIGUSR1";

/** The machine's timers. */
export type TimerName = "grace" | "kill" | "reregister" | "exit";

/** How long the one deregistration attempt after Envoy exited by itself may take. */
export const EXIT_DEREGISTER_TIMEOUT_MS = 2_000;

/**
 * When connect-envoy exits anyway if that deregistration has not reported back
 * (a little later than the attempt's own limit, which logs the failure).
 */
export const EXIT_DEADLINE_MS = EXIT_DEREGISTER_TIMEOUT_MS + 250;

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
  /** Envoy exited; waiting (briefly) for the gateway's deregistration. */
  | "exiting"
  /** Envoy exited: nothing more happens. */
  | "exited";

/** The machine's whole state. */
export interface MachineState {
  phase: Phase;
  /** A deregistration was started and has not finished. */
  deregistering: boolean;
  /** Envoy's exit status, while `exiting`. */
  status?: number;
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
  /** Deregister the gateway; `timeoutMs` bounds the whole attempt when set. */
  | { kind: "deregister"; timeoutMs?: number }
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

function beginShutdown(cfg: MachineConfig, why: string): Step {
  const actions: Action[] = [];
  if (cfg.registered && cfg.reregisterIntervalMs > 0) {
    actions.push({ kind: "cancel_timer", timer: "reregister" });
  }
  actions.push({
    kind: "log",
    message: `${why}: shutting down Envoy (quit in ${secondsText(cfg.gracePeriodMs)}` +
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
          message: `Envoy still running ${secondsText(cfg.timeoutMs)} after quit: sending SIGKILL`,
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

function exited(status: number, pre: Action[]): Step {
  return {
    state: { phase: "exited", deregistering: false },
    actions: [...pre, { kind: "exit", status }],
  };
}

/**
 * Envoy is gone. A gateway still registered (Envoy exited while running) is
 * deregistered first; a deregistration already under way is waited for.
 * Both waits end at the exit deadline.
 */
function onEnvoyExited(state: MachineState, cfg: MachineConfig, status: number): Step {
  const cancelled = allTimersCancelled();
  const stillRegistered = cfg.registered && state.phase === "running";
  if (!stillRegistered && !state.deregistering) return exited(status, cancelled);
  const actions: Action[] = [...cancelled];
  if (stillRegistered) {
    actions.push(
      {
        kind: "log",
        message: `Envoy exited by itself (status ${status}): deregistering the gateway first`,
      },
      { kind: "deregister", timeoutMs: EXIT_DEREGISTER_TIMEOUT_MS },
    );
  }
  actions.push({ kind: "set_timer", timer: "exit", ms: EXIT_DEADLINE_MS });
  return { state: { phase: "exiting", deregistering: true, status }, actions };
}

/** After Envoy's exit, only the deregistration's end or the exit deadline matter. */
function onExiting(state: MachineState, event: MachineEvent): Step {
  const status = state.status ?? 1;
  if (event.type === "deregistered") {
    return exited(status, [{ kind: "cancel_timer", timer: "exit" }]);
  }
  if (event.type === "timer" && event.timer === "exit") {
    return exited(status, [{
      kind: "log",
      message:
        `Deregistration still unfinished ${secondsText(EXIT_DEADLINE_MS)} after Envoy exited: ` +
        "exiting without it",
    }]);
  }
  return { state, actions: [] };
}

/** Advance the machine by one event. Pure: the same inputs give the same step. */
export function step(state: MachineState, event: MachineEvent, cfg: MachineConfig): Step {
  if (state.phase === "exited") return { state, actions: [] };
  if (state.phase === "exiting") return onExiting(state, event);
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
      return onEnvoyExited(state, cfg, event.status);
  }
}
