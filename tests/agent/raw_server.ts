/**
 * A test server that answers HTTP requests with raw bytes chosen by the
 * test, over TCP (127.0.0.1, port 0) or a unix socket, plain or TLS, and by
 * default keeps the connection open after answering (whatever the request's
 * `Connection: close`), so a client that waits for the close hangs.
 *
 * `proxyTo` turns any fake agent into such a server: each request is
 * forwarded with `fetch` and the answer re-framed with `Content-Length` or
 * chunked encoding (optionally in 1-byte chunks, optionally after a
 * `100 Continue`).
 *
 * @module
 */

import * as net from "node:net";
import * as tls from "node:tls";

/** A received request. */
export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  head: string;
  body: string;
}

/** Options of {@linkcode startRawServer}. */
export interface RawServerOptions {
  /** The bytes to send for a request (written in order, one write each). */
  answer: (req: RawRequest) => Uint8Array[] | Promise<Uint8Array[]>;
  /** Listen on this unix socket instead of TCP. */
  unixSocket?: string;
  /** Serve TLS with this certificate and key (PEM text); `clientCa`: require a client certificate from it. */
  tls?: { cert: string; key: string; clientCa?: string };
  /** Close after answering (default: keep the connection open). */
  closeAfter?: boolean;
}

/** A running server. */
export interface RawServer {
  /** `127.0.0.1:<port>` (TCP) or `""`. */
  addr: string;
  port: number;
  requests: RawRequest[];
  close(): Promise<void>;
}

/** `text` as Latin-1 bytes (so raw test bytes such as `\x15` stay single bytes). */
export function bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

function parseRequest(buf: Buffer): { req: RawRequest; used: number } | undefined {
  const end = buf.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const head = buf.subarray(0, end).toString("latin1");
  const [line, ...rest] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const h of rest) {
    const c = h.indexOf(":");
    headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
  }
  const len = Number(headers["content-length"] ?? "0");
  if (buf.length < end + 4 + len) return undefined;
  const [method, path] = line.split(" ");
  const body = buf.subarray(end + 4, end + 4 + len).toString("utf8");
  return { req: { method, path, headers, head, body }, used: end + 4 + len };
}

/** Start the server. */
export async function startRawServer(o: RawServerOptions): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<net.Socket>();
  const onConn = (sock: net.Socket) => {
    sockets.add(sock);
    sock.on("close", () => sockets.delete(sock));
    sock.on("error", () => {});
    let buf = Buffer.alloc(0);
    sock.on("data", async (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const parsed = parseRequest(buf);
      if (parsed === undefined) return;
      buf = buf.subarray(parsed.used);
      requests.push(parsed.req);
      for (const piece of await o.answer(parsed.req)) {
        if (sock.destroyed) return;
        sock.write(piece);
      }
      if (o.closeAfter) sock.end();
    });
  };
  const server = o.tls
    ? tls.createServer({
      cert: o.tls.cert,
      key: o.tls.key,
      ...(o.tls.clientCa
        ? { ca: [o.tls.clientCa], requestCert: true, rejectUnauthorized: true }
        : {}),
    }, onConn)
    : net.createServer(onConn);
  await new Promise<void>((resolve) => {
    if (o.unixSocket) server.listen(o.unixSocket, resolve);
    else server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    addr: o.unixSocket ? "" : `127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** How {@linkcode proxyTo} frames answers. */
export interface Reframe {
  framing: "length" | "chunked";
  /** Send every body byte as its own chunk (chunked only). */
  oneByteChunks?: boolean;
  /** Send `HTTP/1.1 100 Continue` first. */
  continueFirst?: boolean;
  /** Change a body before sending (by request path). */
  rewrite?: (path: string, body: Uint8Array) => Uint8Array;
}

function chunked(body: Uint8Array, oneByte: boolean): Uint8Array {
  if (body.length === 0) return bytes("0\r\n\r\n");
  if (!oneByte) {
    const head = bytes(`${body.length.toString(16)}\r\n`);
    const out = new Uint8Array(head.length + body.length + 7);
    out.set(head);
    out.set(body, head.length);
    out.set(bytes("\r\n0\r\n\r\n"), head.length + body.length);
    return out;
  }
  const out = new Uint8Array(body.length * 6 + 5);
  let o = 0;
  for (const b of body) {
    out[o++] = 0x31;
    out[o++] = 13;
    out[o++] = 10;
    out[o++] = b;
    out[o++] = 13;
    out[o++] = 10;
  }
  out.set(bytes("0\r\n\r\n"), o);
  return out;
}

/** An `answer` that forwards to `origin` (a fake agent) and re-frames the answer. */
export function proxyTo(origin: string, r: Reframe): RawServerOptions["answer"] {
  return async (req) => {
    const res = await fetch(origin + req.path, {
      method: req.method,
      headers: { "x-consul-token": req.headers["x-consul-token"] ?? "" },
      body: req.method === "GET" ? undefined : req.body,
    });
    let body: Uint8Array = new Uint8Array(await res.arrayBuffer());
    if (r.rewrite) body = r.rewrite(req.path, body);
    const pieces: Uint8Array[] = [];
    if (r.continueFirst) pieces.push(bytes("HTTP/1.1 100 Continue\r\n\r\n"));
    const type = res.headers.get("content-type") ?? "text/plain";
    const framing = r.framing === "length"
      ? `Content-Length: ${body.length}`
      : "Transfer-Encoding: chunked";
    pieces.push(
      bytes(`HTTP/1.1 ${res.status} X\r\nContent-Type: ${type}\r\n${framing}\r\n\r\n`),
    );
    pieces.push(r.framing === "length" ? body : chunked(body, r.oneByteChunks ?? false));
    return pieces;
  };
}
