/**
 * The xDS dial check (`../shared/spec/agent-api.md` §3.4, D1): try to
 * connect to the agent's gRPC endpoint within 3 seconds and close at once.
 * A failure is only ever a warning.
 *
 * @module
 */

/** Connect timeout of the check. */
export const DIAL_TIMEOUT_MS = 3000;

/** Try the connection; resolve to a one-line error text, or `undefined` when it worked. */
export async function dialXds(
  target: { socket: string } | { host: string; port: string },
  timeoutMs = DIAL_TIMEOUT_MS,
): Promise<string | undefined> {
  const where = "socket" in target
    ? target.socket
    : target.host.includes(":")
    ? `[${target.host}]:${target.port}`
    : `${target.host}:${target.port}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`dial ${where}: i/o timeout`), timeoutMs);
  });
  const attempt = (async () => {
    try {
      const conn = "socket" in target
        ? await Deno.connect({ transport: "unix", path: target.socket })
        : await Deno.connect({ hostname: target.host, port: Number(target.port) });
      conn.close();
      return undefined;
    } catch (err) {
      const reason = err instanceof Deno.errors.ConnectionRefused
        ? "connect: connection refused"
        : err instanceof Error
        ? err.message.replace(/ \(os error \d+\)$/, "")
        : String(err);
      return `dial ${where}: ${reason}`;
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
