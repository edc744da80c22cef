/**
 * A minimal HTTP/1.1 client over `Deno.connect`, for plain `http://` agents
 * on TCP or a unix socket — the common case. It exists for start-up speed:
 * the first `fetch()` of a process costs ~10 ms of client initialisation
 * (measured by `deno task bench`), a raw connection ~1 ms.
 *
 * One connection per request (`Connection: close`); bodies delimited by
 * `Content-Length`, chunked encoding, or the end of the connection.
 *
 * @module
 */

import {
  BodyTooLarge,
  formatDuration,
  networkReason,
  type Transport,
  transportFailure,
  type TransportLimits,
  type TransportRequest,
  type TransportResponse,
} from "./transport.ts";

/** Where to connect. */
export type RawTarget =
  | { kind: "tcp"; hostname: string; port: number; hostHeader: string }
  | { kind: "unix"; path: string };

const encoder = new TextEncoder();

/** Split `host[:port]` (IPv6 bracketed) into a TCP target; default port 80. */
export function tcpTarget(hostPort: string): RawTarget {
  const at = hostPort.lastIndexOf("@");
  const hp = at >= 0 ? hostPort.slice(at + 1) : hostPort;
  let hostname = hp;
  let port = 80;
  const m = /^\[([^\]]*)\](?::(\d*))?$/.exec(hp) ?? /^([^:]*)(?::(\d*))?$/.exec(hp);
  if (m !== null) {
    hostname = m[1];
    if (m[2]) port = Number(m[2]);
  }
  return { kind: "tcp", hostname, port, hostHeader: hp };
}

/** Serialise the request head and body. Throws on header values with line breaks. */
export function encodeRequest(req: TransportRequest, hostHeader: string): Uint8Array {
  let head = `${req.method} ${req.path} HTTP/1.1\r\nHost: ${hostHeader}\r\n`;
  for (const [name, value] of Object.entries(req.headers)) {
    if (/[\r\n\0]/.test(value)) throw new Error(`invalid value for header ${name}`);
    head += `${name}: ${value}\r\n`;
  }
  const body = req.body === undefined ? undefined : encoder.encode(req.body);
  if (body !== undefined) head += `Content-Length: ${body.byteLength}\r\n`;
  head += "Connection: close\r\n\r\n";
  const headBytes = encoder.encode(head);
  if (body === undefined) return headBytes;
  const all = new Uint8Array(headBytes.byteLength + body.byteLength);
  all.set(headBytes);
  all.set(body, headBytes.byteLength);
  return all;
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.byteLength;
  }
  return all;
}

function indexOfCrlfCrlf(b: Uint8Array, from: number): number {
  for (let i = Math.max(0, from); i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}

/** Decode a chunked body; `undefined` when it is incomplete. */
export function decodeChunked(b: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let size = 0;
  let pos = 0;
  const text = new TextDecoder("latin1");
  while (true) {
    let eol = -1;
    for (let i = pos; i + 1 < b.length; i++) {
      if (b[i] === 13 && b[i + 1] === 10) {
        eol = i;
        break;
      }
    }
    if (eol < 0) return undefined;
    const len = parseInt(text.decode(b.subarray(pos, eol)).split(";")[0].trim(), 16);
    if (!Number.isFinite(len) || len < 0) throw new Error("malformed chunked encoding");
    pos = eol + 2;
    if (len === 0) return concat(parts, size);
    if (pos + len + 2 > b.length) return undefined;
    parts.push(b.subarray(pos, pos + len));
    size += len;
    pos += len + 2;
  }
}

/**
 * Parse a complete or partial response. Returns `undefined` while more
 * bytes are needed (`ended` = the peer closed the connection).
 */
export function parseResponse(
  b: Uint8Array,
  ended: boolean,
  maxBodyBytes = Infinity,
): TransportResponse | undefined {
  const end = indexOfCrlfCrlf(b, 0);
  if (end < 0) {
    if (ended) throw new Error("malformed HTTP response");
    return undefined;
  }
  const head = new TextDecoder("latin1").decode(b.subarray(0, end)).split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
  if (status === null) throw new Error("malformed HTTP response");
  const headers = new Map<string, string>();
  for (const line of head.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  const rest = b.subarray(end + 4);
  let body: Uint8Array | undefined;
  if ((headers.get("transfer-encoding") ?? "").toLowerCase().includes("chunked")) {
    body = decodeChunked(rest);
    if (body === undefined && ended) throw new Error("unexpected EOF in chunked body");
  } else if (headers.has("content-length")) {
    const len = Number(headers.get("content-length"));
    if (!Number.isInteger(len) || len < 0) throw new Error("malformed Content-Length");
    if (rest.byteLength >= len) body = rest.subarray(0, len);
    else if (ended) throw new Error("unexpected EOF in response body");
  } else if (ended) {
    body = rest;
  }
  if (body === undefined) return undefined;
  if (body.byteLength > maxBodyBytes) throw new BodyTooLarge(maxBodyBytes);
  return { status: Number(status[1]), body: new TextDecoder().decode(body) };
}

/**
 * Connect, or fail after `ms` with `message` (closing a connection that
 * arrives late). Timeouts use `AbortSignal.timeout`: the first `setTimeout`
 * of a Deno process costs ~5 ms of start-up, an abort signal almost nothing.
 */
async function connectWithin(target: RawTarget, ms: number, message: string): Promise<Deno.Conn> {
  const connecting = target.kind === "unix"
    ? Deno.connect({ transport: "unix", path: target.path })
    : Deno.connect({ hostname: target.hostname, port: target.port });
  const signal = AbortSignal.timeout(ms);
  let onAbort = () => {};
  const timeout = new Promise<never>((_, reject) => {
    onAbort = () => {
      connecting.then((c) => c.close(), () => {});
      reject(new ConnectTimeout(message));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([connecting, timeout]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

class ConnectTimeout extends Error {}

/**
 * A transport that speaks HTTP/1.1 itself over one fresh connection per
 * request. The request says `Connection: close`, so the answer is read to
 * the end of the connection and parsed once.
 */
export function createRawTransport(target: RawTarget, limits: TransportLimits): Transport {
  const open = new Set<Deno.Conn>();
  return {
    async send(req: TransportRequest): Promise<TransportResponse> {
      let conn: Deno.Conn | undefined;
      let timedOut = false;
      const deadline = AbortSignal.timeout(limits.requestTimeoutMs);
      const onDeadline = () => {
        timedOut = true;
        try {
          conn?.close();
        } catch { /* already closed */ }
      };
      try {
        const bytes = encodeRequest(
          req,
          target.kind === "unix" ? "localhost" : target.hostHeader,
        );
        conn = await connectWithin(
          target,
          limits.connectTimeoutMs,
          `connect timed out after ${formatDuration(limits.connectTimeoutMs)}`,
        );
        open.add(conn);
        const c = conn;
        if (deadline.aborted) onDeadline();
        deadline.addEventListener("abort", onDeadline, { once: true });
        let written = 0;
        while (written < bytes.byteLength) written += await c.write(bytes.subarray(written));
        const chunks: Uint8Array[] = [];
        let size = 0;
        const buf = new Uint8Array(64 * 1024);
        while (true) {
          const n = await c.read(buf);
          if (n === null) break;
          size += n;
          // Head and chunk framing are small; past this the body is surely too large.
          if (size > limits.maxBodyBytes + 64 * 1024) throw new BodyTooLarge(limits.maxBodyBytes);
          chunks.push(buf.slice(0, n));
        }
        const res = parseResponse(concat(chunks, size), true, limits.maxBodyBytes);
        if (res === undefined) throw new Error("unexpected EOF");
        return res;
      } catch (err) {
        if (err instanceof BodyTooLarge) throw transportFailure(req, err.message);
        if (err instanceof ConnectTimeout) throw transportFailure(req, err.message);
        if (timedOut) {
          throw transportFailure(req, `timed out after ${formatDuration(limits.requestTimeoutMs)}`);
        }
        const reason = networkReason(err);
        throw transportFailure(
          req,
          target.kind === "unix" ? `dial unix ${target.path}: ${reason}` : reason,
        );
      } finally {
        deadline.removeEventListener("abort", onDeadline);
        if (conn !== undefined) {
          open.delete(conn);
          try {
            conn.close();
          } catch { /* closed by the timeout */ }
        }
      }
    },
    close(): Promise<void> {
      for (const c of open) {
        try {
          c.close();
        } catch { /* already closed */ }
      }
      open.clear();
      return Promise.resolve();
    },
  };
}
