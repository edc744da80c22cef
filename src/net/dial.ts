/**
 * The xDS dial check: try to connect to the agent's gRPC endpoint within 3
 * seconds and close at once. A failure is only ever a warning (Consul's
 * sanity check before handing over to Envoy).
 *
 * @module
 */

import { joinHostPort } from "../go/net_ip.ts";

/** Connect timeout of the check. */
export const DIAL_TIMEOUT_MS = 3000;

/** Try the connection; resolve to a one-line error text, or `undefined` when it worked. */
export async function dialXds(
  target: { socket: string } | { host: string; port: string },
  timeoutMs = DIAL_TIMEOUT_MS,
): Promise<string | undefined> {
  const where = "socket" in target ? target.socket : joinHostPort(target.host, target.port);
  const timeoutText = `dial ${where}: i/o timeout`;
  // AbortSignal.timeout, not setTimeout: the first timer costs several ms.
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<string>((resolve) => {
    signal.addEventListener("abort", () => resolve(timeoutText), { once: true });
  });
  const attempt = (async () => {
    try {
      const conn = "socket" in target
        ? await Deno.connect({ transport: "unix", path: target.socket })
        : await Deno.connect({ hostname: target.host, port: Number(target.port), signal });
      conn.close();
      return undefined;
    } catch (err) {
      if (signal.aborted) return timeoutText;
      const reason = err instanceof Deno.errors.ConnectionRefused
        ? "connect: connection refused"
        : err instanceof Error
        ? err.message.replace(/ \(os error \d+\)$/, "")
        : String(err);
      return `dial ${where}: ${reason}`;
    }
  })();
  return await Promise.race([attempt, timedOut]);
}
