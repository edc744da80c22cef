/**
 * The lifecycle of a gateway registration made with `-register`, while
 * supervising: check that the agent still has it (and register it again
 * with the same body if the agent lost it, e.g. after an agent restart),
 * and deregister it at shutdown. Agent calls never overlap, and nothing is
 * registered once the deregistration has begun.
 *
 * @module
 */

import type { AgentClient } from "../agent/types.ts";
import { AgentRequestError } from "../agent/types.ts";
import { errorText } from "../errors.ts";
import { secondsText } from "../units.ts";

/** The registration to keep. */
export interface KeptRegistration {
  serviceId: string;
  /** The exact body of the original registration. */
  body: string;
}

/** Checks and deregisters one registration. */
export interface RegistrationKeeper {
  /** Re-register if the agent lost the service; skipped while a call is in flight. */
  check(): Promise<void>;
  /**
   * Deregister (after any call in flight), all within `timeoutMs` (default:
   * the keeper's per-call limit); never rejects, logs one line either way.
   */
  deregister(timeoutMs?: number): Promise<void>;
}

/** Longest any one agent call may take here. */
export const KEEPER_CALL_TIMEOUT_MS = 5_000;

function bounded<T>(p: Promise<T>, ms: number): Promise<T> {
  const signal = AbortSignal.timeout(ms);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(`no answer within ${secondsText(ms)}`));
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function isMissing(err: unknown): boolean {
  return err instanceof AgentRequestError && err.status === 404;
}

/** A keeper for `reg` using `client`; `log` takes one line (no newline). */
export function createRegistrationKeeper(
  client: AgentClient,
  reg: KeptRegistration,
  log: (line: string) => void,
  timeoutMs = KEEPER_CALL_TIMEOUT_MS,
): RegistrationKeeper {
  let busy: Promise<void> | undefined;
  let stopped = false;
  const id = JSON.stringify(reg.serviceId);

  async function checkOnce(): Promise<void> {
    try {
      await bounded(client.service(reg.serviceId), timeoutMs);
      return;
    } catch (err) {
      if (!isMissing(err)) {
        log(`Could not check the registration of service ${id}: ${errorText(err)}`);
        return;
      }
    }
    if (stopped) return;
    try {
      await bounded(client.register(reg.body), timeoutMs);
      log(`The agent had lost service ${id}: registered it again`);
    } catch (err) {
      log(`The agent has lost service ${id}; registering it again failed: ${errorText(err)}`);
    }
  }

  return {
    check() {
      if (busy !== undefined || stopped) return busy ?? Promise.resolve();
      busy = checkOnce().finally(() => busy = undefined);
      return busy;
    },
    async deregister(ms = timeoutMs) {
      stopped = true;
      const inFlight = busy ?? Promise.resolve();
      try {
        await bounded(inFlight.then(() => client.deregister(reg.serviceId)), ms);
        log(`Deregistered service ${id}`);
      } catch (err) {
        log(`Deregistering service ${id} failed: ${errorText(err)}`);
      }
    },
  };
}
