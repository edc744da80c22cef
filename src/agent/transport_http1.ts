/**
 * The agent transport: one connection per request (`Connection: close`),
 * opened by the endpoint's dialer (plain TCP or unix socket, Deno's native
 * TLS, or `node:tls`), with the request written and the answer read by the
 * HTTP/1.1 reader of `http1.ts`. The answer ends where its framing says, not
 * when the peer closes.
 *
 * Limits: a connect timeout, an overall request deadline (both
 * `AbortSignal.timeout`: the first `setTimeout` of a process costs several
 * milliseconds, an abort signal almost nothing) and the body cap.
 *
 * @module
 */

import { BodyTooLarge, encodeRequest, FramingError, ResponseReader, TlsAnswer } from "./http1.ts";
import {
  formatDuration,
  type Transport,
  transportFailure,
  type TransportLimits,
  type TransportRequest,
  type TransportResponse,
} from "./transport.ts";
import { type FailureContext, failureReason } from "./failure_reason.ts";

/** A connected byte stream. */
export interface Duplex {
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Hand received bytes to `onData` until it returns true (resolves true) or
   * the peer closes the connection (resolves false).
   */
  pump(onData: (bytes: Uint8Array) => boolean): Promise<boolean>;
  /** Close now (idempotent; makes a pending `pump` settle). */
  close(): void;
}

/** Where requests go and how to connect there. */
export interface Endpoint {
  /** Open a connection (including any TLS handshake). */
  dial(): Promise<Duplex>;
  /** `Host` header value. */
  hostHeader: string;
  /** The agent address for messages: `tcp 127.0.0.1:8500`, `unix /run/consul.sock`. */
  where: string;
  /** What hints may use. */
  context: FailureContext;
}

class ConnectTimeout extends Error {}

/** `promise`, or a `ConnectTimeout` after `ms`; a late connection is closed. */
async function within(promise: Promise<Duplex>, ms: number): Promise<Duplex> {
  const signal = AbortSignal.timeout(ms);
  let onAbort = () => {};
  const timeout = new Promise<never>((_, reject) => {
    onAbort = () => {
      promise.then((d) => d.close(), () => {});
      reject(new ConnectTimeout());
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** Read one response from `conn` after writing `bytes`. */
async function exchange(
  conn: Duplex,
  bytes: Uint8Array,
  reader: ResponseReader,
): Promise<TransportResponse> {
  await conn.write(bytes);
  const complete = await conn.pump((chunk) => reader.feed(chunk));
  if (!complete) reader.finish();
  const res = reader.response();
  return {
    status: res.status,
    headers: res.headers,
    body: new TextDecoder().decode(res.body),
  };
}

/** A transport over `endpoint`. */
export function createHttp1Transport(endpoint: Endpoint, limits: TransportLimits): Transport {
  const open = new Set<Duplex>();
  return {
    async send(req: TransportRequest): Promise<TransportResponse> {
      let bytes: Uint8Array;
      try {
        bytes = encodeRequest(req.method, req.path, {
          Host: endpoint.hostHeader,
          ...req.headers,
        }, req.body);
      } catch (err) {
        throw transportFailure(req, (err as Error).message);
      }
      let conn: Duplex | undefined;
      let phase: "connect" | "exchange" = "connect";
      let timedOut = false;
      const deadline = AbortSignal.timeout(limits.requestTimeoutMs);
      const onDeadline = () => {
        timedOut = true;
        conn?.close();
      };
      deadline.addEventListener("abort", onDeadline, { once: true });
      try {
        conn = await within(endpoint.dial(), limits.connectTimeoutMs);
        open.add(conn);
        if (deadline.aborted) onDeadline();
        phase = "exchange";
        return await exchange(conn, bytes, new ResponseReader(limits.maxBodyBytes, req.method));
      } catch (err) {
        throw transportFailure(req, reasonFor(err, endpoint, phase, timedOut, limits));
      } finally {
        deadline.removeEventListener("abort", onDeadline);
        if (conn !== undefined) {
          open.delete(conn);
          conn.close();
        }
      }
    },
    close(): Promise<void> {
      for (const c of open) c.close();
      open.clear();
      return Promise.resolve();
    },
  };
}

/**
 * A dial that did not finish in time. Over https the dial includes the TLS
 * handshake, which is what stalls when the address serves something that
 * waits for the client to speak first.
 */
export function connectTimeoutReason(endpoint: Endpoint, limits: TransportLimits): string {
  const after = formatDuration(limits.connectTimeoutMs);
  if (endpoint.context.scheme === "https") {
    return `dial ${endpoint.where}: connect or TLS handshake timed out after ${after} ` +
      `(is it serving TLS at this address?)`;
  }
  return `dial ${endpoint.where}: connect timed out after ${after}`;
}

/** The one-line reason of a failed request, naming the agent address. */
function reasonFor(
  err: unknown,
  endpoint: Endpoint,
  phase: "connect" | "exchange",
  timedOut: boolean,
  limits: TransportLimits,
): string {
  const at = endpoint.where;
  if (err instanceof ConnectTimeout) return connectTimeoutReason(endpoint, limits);
  if (timedOut) return `${at}: timed out after ${formatDuration(limits.requestTimeoutMs)}`;
  if (err instanceof BodyTooLarge) return `${at}: ${err.message}`;
  if (err instanceof TlsAnswer) {
    return `${at}: ${err.message} (use an https:// address, or CONSUL_HTTP_SSL=true)`;
  }
  if (err instanceof FramingError) return `${at}: ${err.message}`;
  const reason = failureReason(err, endpoint.context);
  return phase === "connect" ? `dial ${at}: ${reason}` : `${at}: ${reason}`;
}
