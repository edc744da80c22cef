/**
 * Transport on Deno's built-in `fetch`: HTTPS over TCP verified against the
 * system roots, with the default server name and no client certificate.
 * (Plain HTTP goes to `transport_raw.ts`, customised TLS and HTTPS over a
 * unix socket to undici.)
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

/** A fetch-based transport. */
export function createFetchTransport(limits: TransportLimits): Transport {
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
        throw transportFailure(req, networkReason(err));
      } finally {
        clearTimeout(timer);
      }
    },
    close(): Promise<void> {
      return Promise.resolve();
    },
  };
}
