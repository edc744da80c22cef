/**
 * TLS connections through `node:tls`, which has Consul's trust semantics: a
 * given CA list REPLACES the default roots (Deno's own TLS APIs would trust
 * it in addition to them). Also client certificates, a server name that
 * differs from the dial address (SNI and verification), verification off
 * (`CONSUL_HTTP_SSL_VERIFY=false`), and TLS over a unix socket.
 *
 * Imported only when one of these is configured: loading Node compatibility
 * costs tens of milliseconds.
 *
 * @module
 */

import * as tls from "node:tls";
import type { Duplex } from "./transport_http1.ts";
import type { DialTarget } from "./dial.ts";
import type { TlsMaterial } from "./tls.ts";

/** How to set up TLS. */
export interface NodeTlsOptions {
  material: TlsMaterial;
  /** SNI and verification name; `""` ⇒ the dial host (`localhost` for a socket). */
  serverName: string;
  insecureSkipVerify: boolean;
}

/** True for a literal IPv4/IPv6 address (never sent as SNI). */
function isIp(name: string): boolean {
  return /^[0-9.]+$/.test(name) || name.includes(":");
}

function connectOptions(target: DialTarget, o: NodeTlsOptions): tls.ConnectionOptions {
  const name = o.serverName !== ""
    ? o.serverName
    : target.kind === "unix"
    ? "localhost"
    : target.hostname;
  const opts: tls.ConnectionOptions = {
    rejectUnauthorized: !o.insecureSkipVerify,
    checkServerIdentity: (_host, cert) => tls.checkServerIdentity(name, cert),
  };
  if (!isIp(name)) opts.servername = name;
  if (o.material.ca !== undefined) opts.ca = o.material.ca;
  if (o.material.cert !== undefined) {
    opts.cert = o.material.cert;
    opts.key = o.material.key;
  }
  if (target.kind === "unix") return { ...opts, path: target.path } as tls.ConnectionOptions;
  return { ...opts, host: target.hostname, port: target.port };
}

/** A `Duplex` over a connected TLS socket. */
function socketDuplex(sock: tls.TLSSocket): Duplex {
  let failure: Error | undefined;
  let onFailure: (err: Error) => void = () => {};
  sock.on("error", (err: Error) => {
    failure ??= err;
    onFailure(err);
  });
  return {
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        sock.write(bytes, (err?: Error | null) => (err ? reject(err) : resolve()));
      }),
    pump: (onData) =>
      new Promise<boolean>((resolve, reject) => {
        if (failure) return reject(failure);
        onFailure = reject;
        const ended = () => (failure ? reject(failure) : resolve(false));
        sock.on("end", ended);
        sock.on("close", ended);
        sock.on("data", (chunk: Uint8Array) => {
          try {
            if (onData(chunk)) {
              sock.removeAllListeners("data");
              resolve(true);
            }
          } catch (err) {
            reject(err);
          }
        });
      }),
    close: () => {
      sock.destroy();
    },
  };
}

/** A dialer opening verified (or, if asked, unverified) TLS connections. */
export function nodeTlsDialer(target: DialTarget, o: NodeTlsOptions): () => Promise<Duplex> {
  return () =>
    new Promise<Duplex>((resolve, reject) => {
      const sock = tls.connect(connectOptions(target, o));
      sock.setNoDelay?.(true);
      const fail = (err: Error) => {
        sock.destroy();
        reject(err);
      };
      sock.once("error", fail);
      sock.once("secureConnect", () => {
        sock.off("error", fail);
        resolve(socketDuplex(sock));
      });
    });
}
