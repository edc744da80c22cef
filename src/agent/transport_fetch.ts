/**
 * Transport on Deno's built-in `fetch` (no start-up cost): plain HTTP over
 * TCP, HTTP over a unix socket, and HTTPS verified against the system roots
 * with the default server name and no client certificate.
 *
 * `fetch` has no separate connect timeout: the whole-request deadline bounds
 * the connection phase too.
 *
 * @module
 */

import {
  BodyTooLarge,
  formatDuration,
  readCapped,
  type Transport,
  transportFailure,
  type TransportLimits,
  type TransportRequest,
  type TransportResponse,
} from "./transport.ts";
import { networkReason } from "./transport.ts";

/** A fetch-based transport; `unixSocket` routes every connection to that socket. */
export function createFetchTransport(
  limits: TransportLimits,
  unixSocket = "",
): Transport {
  const client = unixSocket === ""
    ? undefined
    : Deno.createHttpClient({ proxy: { transport: "unix", path: unixSocket } });
  return {
    async send(req: TransportRequest): Promise<TransportResponse> {
      const ctrl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort();
      }, limits.requestTimeoutMs);
      try {
        const res = await fetch(req.url, {
          method: req.method,
          headers: req.headers,
          body: req.body,
          redirect: "manual",
          signal: ctrl.signal,
          ...(client ? { client } : {}),
        });
        const declared = Number(res.headers.get("content-length") ?? "0");
        if (declared > limits.maxBodyBytes) {
          await res.body?.cancel();
          throw new BodyTooLarge(limits.maxBodyBytes);
        }
        const body = res.body ? await readCapped(res.body, limits.maxBodyBytes) : "";
        return { status: res.status, body };
      } catch (err) {
        if (err instanceof BodyTooLarge) {
          ctrl.abort();
          throw transportFailure(req, err.message);
        }
        if (timedOut) {
          throw transportFailure(req, `timed out after ${formatDuration(limits.requestTimeoutMs)}`);
        }
        const reason = networkReason(err);
        throw transportFailure(
          req,
          unixSocket === "" ? reason : `dial unix ${unixSocket}: ${reason}`,
        );
      } finally {
        clearTimeout(timer);
      }
    },
    close(): Promise<void> {
      client?.close();
      return Promise.resolve();
    },
  };
}
