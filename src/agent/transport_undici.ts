/**
 * Transport on `npm:undici`, loaded lazily (its import costs ~90 ms) and only
 * for what `fetch` cannot do: trusting exclusively a custom CA, client
 * certificates, an SNI/verification-name override, disabled verification,
 * and HTTPS over a unix socket.
 *
 * @module
 */

import type { TlsMaterial } from "./tls.ts";
import {
  BodyTooLarge,
  formatDuration,
  networkReason,
  readCapped,
  type Transport,
  transportFailure,
  type TransportLimits,
  type TransportRequest,
  type TransportResponse,
} from "./transport.ts";

/** Where and how to connect. */
export interface UndiciTarget {
  /** `http://host:port`, `https://host:port`, or `http(s)://localhost` for a socket. */
  origin: string;
  unixSocket: string;
  tls: TlsMaterial;
  /** SNI and verification name (`""` ⇒ the origin's host). */
  serverName: string;
  insecureSkipVerify: boolean;
}

/** undici's `connect` options: the connect timeout and, over https, the TLS settings. */
function connectOptions(target: UndiciTarget, limits: TransportLimits): Record<string, unknown> {
  const connect: Record<string, unknown> = { timeout: limits.connectTimeoutMs };
  if (target.origin.startsWith("https:")) {
    if (target.tls.ca !== undefined) connect.ca = target.tls.ca;
    if (target.tls.cert !== undefined) {
      connect.cert = target.tls.cert;
      connect.key = target.tls.key;
    }
    if (target.serverName !== "") connect.servername = target.serverName;
    if (target.insecureSkipVerify) connect.rejectUnauthorized = false;
  }
  return connect;
}

/** The one-line transport failure for an error undici threw. */
function sendFailure(
  err: unknown,
  req: TransportRequest,
  target: UndiciTarget,
  limits: TransportLimits,
  timedOut: boolean,
): Error {
  if (err instanceof BodyTooLarge) return transportFailure(req, err.message);
  const code = (err as { code?: string }).code ?? "";
  if (code === "UND_ERR_CONNECT_TIMEOUT") {
    return transportFailure(
      req,
      `connect timed out after ${formatDuration(limits.connectTimeoutMs)}`,
    );
  }
  if (timedOut || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return transportFailure(req, `timed out after ${formatDuration(limits.requestTimeoutMs)}`);
  }
  const reason = networkReason(err);
  return transportFailure(
    req,
    target.unixSocket === "" ? reason : `dial unix ${target.unixSocket}: ${reason}`,
  );
}

/** Build the undici-backed transport (imports undici now). */
export async function createUndiciTransport(
  target: UndiciTarget,
  limits: TransportLimits,
): Promise<Transport> {
  const { Client } = await import("undici");
  const client = new Client(target.origin, {
    connect: connectOptions(target, limits),
    socketPath: target.unixSocket === "" ? undefined : target.unixSocket,
    headersTimeout: limits.requestTimeoutMs,
    bodyTimeout: limits.requestTimeoutMs,
  });
  const emptyCa = target.origin.startsWith("https:") && !target.insecureSkipVerify &&
    target.tls.ca !== undefined && target.tls.ca.length === 0;
  return {
    async send(req: TransportRequest): Promise<TransportResponse> {
      if (emptyCa) {
        throw transportFailure(
          req,
          "TLS certificate verification failed: certificate signed by unknown authority (the CA path holds no certificates)",
        );
      }
      const ctrl = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctrl.abort();
      }, limits.requestTimeoutMs);
      try {
        const res = await client.request({
          method: req.method,
          path: req.path,
          headers: req.headers,
          body: req.body,
          signal: ctrl.signal,
        });
        const declared = Number(res.headers["content-length"] ?? "0");
        try {
          if (declared > limits.maxBodyBytes) throw new BodyTooLarge(limits.maxBodyBytes);
          const body = await readCapped(res.body, limits.maxBodyBytes);
          return { status: res.statusCode, body };
        } catch (err) {
          res.body.destroy();
          throw err;
        }
      } catch (err) {
        throw sendFailure(err, req, target, limits, timedOut);
      } finally {
        clearTimeout(timer);
      }
    },
    async close(): Promise<void> {
      await client.destroy();
    },
  };
}
