/**
 * The optional lifecycle endpoint (`-lifecycle-bind`): `GET /ready` answers
 * 200 only while no shutdown has started and Envoy's own `/ready` says
 * `LIVE` (asked on each probe: no polling loop), `POST /graceful_shutdown`
 * starts the same sequence as SIGTERM. Anything else is 404 (405 for a
 * known path with the wrong method).
 *
 * @module
 */

import type { AdminCall } from "./admin_http.ts";
import type { HostPort } from "./lifecycle_bind.ts";
import { CliError, errorText } from "../errors.ts";
import { joinHostPort } from "../go/net_ip.ts";

/** What the endpoint needs from the supervisor. */
export interface LifecycleHooks {
  /** True while no shutdown has started. */
  accepting(): boolean;
  /** Envoy's admin API (for its `/ready`). */
  admin: AdminCall;
  /** Start the graceful shutdown (idempotent). */
  shutdown(): void;
}

function reply(status: number, body: string): Response {
  return new Response(body + "\n", { status, headers: { "content-type": "text/plain" } });
}

/** The request handler (exported for tests that do not bind a socket). */
export function lifecycleHandler(hooks: LifecycleHooks): (req: Request) => Promise<Response> {
  return async (req) => {
    const path = new URL(req.url).pathname;
    if (path === "/ready") {
      if (req.method !== "GET" && req.method !== "HEAD") return reply(405, "method not allowed");
      if (!hooks.accepting()) return reply(503, "shutting down");
      let envoy: string;
      try {
        const r = await hooks.admin("GET", "/ready");
        envoy = r.status === 200 && r.body.trim() === "LIVE"
          ? "LIVE"
          : r.body.trim() || `${r.status}`;
      } catch (err) {
        return reply(503, `envoy admin: ${errorText(err)}`);
      }
      if (!hooks.accepting()) return reply(503, "shutting down");
      return envoy === "LIVE" ? reply(200, "LIVE") : reply(503, `envoy: ${envoy}`);
    }
    if (path === "/graceful_shutdown") {
      if (req.method !== "POST") return reply(405, "method not allowed");
      hooks.shutdown();
      return reply(200, "shutting down");
    }
    return reply(404, "not found");
  };
}

/** Serve the endpoint on `bind`; throws a one-line CliError naming the flag when it cannot. */
export function startLifecycleServer(bind: HostPort, hooks: LifecycleHooks): Deno.HttpServer {
  try {
    return Deno.serve(
      { hostname: bind.host, port: bind.port, onListen: () => {} },
      lifecycleHandler(hooks),
    );
  } catch (err) {
    const shown = joinHostPort(bind.host, bind.port);
    throw new CliError(`-lifecycle-bind ${shown}: cannot listen: ${errorText(err)}`);
  }
}
