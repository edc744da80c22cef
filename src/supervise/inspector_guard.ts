/**
 * Keeping the runtime's debugger closed while supervising.
 *
 * Deno (from 2.9.2, like Node) starts a V8 inspector server on
 * 127.0.0.1:9229 when the process receives SIGUSR1, with no permission
 * check and no way to opt out. Supervise mode forwards SIGUSR1 to Envoy
 * (its log-reopen signal), so without a guard every forwarded SIGUSR1 would
 * also open an unauthenticated debugger on loopback: anything sharing the
 * network namespace (the application container of the same pod) could then
 * run code inside connect-envoy and read the ACL token from its memory.
 *
 * The guard holds that address itself for as long as Envoy is supervised,
 * so the runtime's inspector fails to bind (it logs one line and stays
 * off). Connections to the guard are closed at once. If something else
 * already holds the address, the inspector cannot bind there either, and
 * the guard does nothing.
 *
 * @module
 */

/** Where Deno's SIGUSR1-activated inspector listens (fixed by the runtime). */
export const INSPECTOR_ADDRESS = { hostname: "127.0.0.1", port: 9229 } as const;

/** A held inspector address; `close()` releases it. */
export interface InspectorGuard {
  /** Whether the address is held by this guard (false: someone else holds it). */
  readonly holding: boolean;
  close(): void;
}

/** The one Deno call the guard needs (injected by tests). */
export type Listen = (opts: { hostname: string; port: number }) => Deno.Listener;

async function closeEveryConnection(listener: Deno.Listener): Promise<void> {
  try {
    for await (const conn of listener) {
      try {
        conn.close();
      } catch {
        // already closed by the peer
      }
    }
  } catch {
    // the listener was closed: the guard is released
  }
}

/**
 * Hold {@linkcode INSPECTOR_ADDRESS} so a SIGUSR1 cannot open the runtime's
 * debugger. Never throws: when the address is taken or cannot be bound,
 * the returned guard is inert.
 */
export function guardInspectorPort(
  listen: Listen = (opts) => Deno.listen({ ...opts, transport: "tcp" }),
): InspectorGuard {
  let listener: Deno.Listener;
  try {
    listener = listen({ ...INSPECTOR_ADDRESS });
  } catch {
    return { holding: false, close() {} };
  }
  closeEveryConnection(listener);
  return {
    holding: true,
    close() {
      try {
        listener.close();
      } catch {
        // already closed
      }
    },
  };
}
