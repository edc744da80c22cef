/**
 * Opening agent connections with Deno's own network APIs: plain TCP or a
 * unix socket, and TLS verified against the default roots (`Deno.startTls`
 * on a TCP connection with Nagle's algorithm off: without that, each request
 * stalls ~40 ms on delayed acknowledgements). Trust that must be customised
 * (a CA that replaces the roots, client certificates, verification off, TLS
 * over a unix socket) goes through `dial_node_tls.ts` instead.
 *
 * @module
 */

import type { Duplex } from "./transport_http1.ts";

/** Where to connect. */
export type DialTarget =
  | { kind: "tcp"; hostname: string; port: number; hostHeader: string }
  | { kind: "unix"; path: string };

/** Split `host[:port]` (IPv6 bracketed) into a TCP target; `defaultPort` when absent. */
export function tcpTarget(hostPort: string, defaultPort = 80): DialTarget {
  const at = hostPort.lastIndexOf("@");
  const hp = at >= 0 ? hostPort.slice(at + 1) : hostPort;
  let hostname = hp;
  let port = defaultPort;
  const m = /^\[([^\]]*)\](?::(\d*))?$/.exec(hp) ?? /^([^:]*)(?::(\d*))?$/.exec(hp);
  if (m !== null) {
    hostname = m[1];
    if (m[2]) port = Number(m[2]);
  }
  return { kind: "tcp", hostname, port, hostHeader: hp };
}

/** Message form of a target: `tcp 127.0.0.1:8500`, `unix /run/consul.sock`. */
export function describeTarget(target: DialTarget): string {
  if (target.kind === "unix") return `unix ${target.path}`;
  const host = target.hostname.includes(":") ? `[${target.hostname}]` : target.hostname;
  return `tcp ${host}:${target.port}`;
}

/** A `Duplex` over a Deno connection. */
export function denoDuplex(conn: Deno.Conn): Duplex {
  let closed = false;
  return {
    async write(bytes) {
      let written = 0;
      while (written < bytes.byteLength) written += await conn.write(bytes.subarray(written));
    },
    async pump(onData) {
      const buf = new Uint8Array(64 * 1024);
      while (true) {
        const n = await conn.read(buf);
        if (n === null) return false;
        if (onData(buf.subarray(0, n))) return true;
      }
    },
    close() {
      if (closed) return;
      closed = true;
      quietClose(conn);
    },
  };
}

/** Close without throwing. */
export function quietClose(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch { /* already closed */ }
}

/** A TCP connection to `target` with Nagle's algorithm off. */
export async function connectTcp(target: DialTarget & { kind: "tcp" }): Promise<Deno.TcpConn> {
  const conn = await Deno.connect({ hostname: target.hostname, port: target.port });
  conn.setNoDelay(true);
  return conn;
}

async function connectDeno(target: DialTarget): Promise<Deno.Conn> {
  if (target.kind === "unix") return await Deno.connect({ transport: "unix", path: target.path });
  return await connectTcp(target);
}

/** Plain connections. */
export function plainDialer(target: DialTarget): () => Promise<Duplex> {
  return async () => denoDuplex(await connectDeno(target));
}

/**
 * TLS over TCP verified against Deno's default roots, checking the
 * certificate against `serverName` (also sent as SNI), else the dial host.
 */
export function nativeTlsDialer(
  target: DialTarget & { kind: "tcp" },
  serverName: string,
): () => Promise<Duplex> {
  return async () => {
    const tcp = await connectTcp(target);
    try {
      const tls = await Deno.startTls(tcp, { hostname: serverName || target.hostname });
      await tls.handshake();
      return denoDuplex(tls);
    } catch (err) {
      quietClose(tcp); // may already be closed by the failed handshake
      throw err;
    }
  };
}
