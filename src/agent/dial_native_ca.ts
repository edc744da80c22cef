/**
 * TLS to an agent whose CA was given (`-ca-file`/`-ca-path`), over Deno's
 * own TLS, with Consul's rule that ONLY the given CAs are trusted.
 *
 * Deno's TLS trusts a given CA in addition to the default roots, so a
 * successful handshake alone proves too little. After it, the server's
 * certificate is checked to be signed directly by one of the given CAs
 * (`x509_anchor.ts`). When that is not proven (a certificate from another
 * CA, an intermediate in between, an algorithm not handled there) or the
 * handshake itself fails, the connection is closed and the `fallback` dialer
 * (`node:tls`, which trusts only the given CAs) decides and reports, so the
 * outcome and the error text are always those of the CA-only verifier. The
 * fast path just avoids loading Node compatibility in the common case.
 *
 * The peer certificate comes from an accessor Deno keeps for its Node
 * compatibility layer; when it is missing (another Deno version), every dial
 * takes the fallback.
 *
 * @module
 */

import type { Duplex } from "./transport_http1.ts";
import { connectTcp, denoDuplex, type DialTarget, quietClose } from "./dial.ts";
import { sameBytes, signedByOneOf } from "./x509_anchor.ts";
import { pemBlocks } from "./tls.ts";

/** What the fast path needs; anything else goes to the fallback. */
export interface NativeCaOptions {
  /** The given CA certificates (PEM), trusted exclusively. */
  ca: string[];
  /** SNI and verification name; `""` ⇒ the dial host. */
  serverName: string;
}

/** `Deno.startTls` on a TCP connection with Nagle's algorithm off. */
async function openTls(
  target: DialTarget & { kind: "tcp" },
  o: NativeCaOptions,
): Promise<Deno.TlsConn> {
  const tcp = await connectTcp(target);
  try {
    return await Deno.startTls(tcp, { hostname: o.serverName || target.hostname, caCerts: o.ca });
  } catch (err) {
    quietClose(tcp);
    throw err;
  }
}

type PeerCertificate = (detailed: boolean) => { raw?: Uint8Array } | undefined;

/** The key under which a `Deno.TlsConn` gives its peer certificate, if this Deno has one. */
export function peerCertificateKey(): symbol | undefined {
  const internal = (Deno as unknown as Record<symbol, unknown>)[
    (Deno as unknown as { internal: symbol }).internal
  ] as { getPeerCertificate?: unknown } | undefined;
  const key = internal?.getPeerCertificate;
  return typeof key === "symbol" ? key : undefined;
}

/** The DER of the server certificate of `conn`, or `undefined`. */
export function peerCertificateDer(conn: Deno.TlsConn, key: symbol): Uint8Array | undefined {
  try {
    const get = (conn as unknown as Record<symbol, PeerCertificate>)[key];
    const raw = typeof get === "function" ? get.call(conn, false)?.raw : undefined;
    return raw instanceof Uint8Array ? raw : undefined;
  } catch {
    return undefined;
  }
}

/** The DER blocks of the given CA PEMs. */
function caDers(pems: string[]): Uint8Array[] {
  return pems.flatMap((p) => pemBlocks(p).flatMap((b) => (b.der ? [b.der] : [])));
}

/** A failure to reach the agent at all (no TLS involved): the fallback would fail alike. */
function isConnectFailure(err: unknown): boolean {
  const e = Deno.errors;
  return [e.ConnectionRefused, e.TimedOut, e.AddrNotAvailable, e.NetworkUnreachable]
    .some((kind) => err instanceof kind);
}

/**
 * A dialer for a TCP agent with a given CA: Deno TLS plus the anchor check,
 * else `fallback`. A refused or unreachable address is reported as is (the
 * fallback would fail the same way, after the same wait).
 */
export function nativeCaDialer(
  target: DialTarget & { kind: "tcp" },
  o: NativeCaOptions,
  fallback: () => Promise<Duplex>,
): () => Promise<Duplex> {
  const key = peerCertificateKey();
  if (key === undefined) return fallback;
  const anchors = caDers(o.ca);
  // Server certificates already proven, byte for byte (one connection per request).
  const proven: Uint8Array[] = [];
  const anchored = async (der: Uint8Array) => {
    if (proven.some((p) => sameBytes(p, der))) return true;
    const ok = await signedByOneOf(der, anchors);
    if (ok) proven.push(der);
    return ok;
  };
  return async () => {
    let tls: Deno.TlsConn;
    try {
      tls = await openTls(target, o);
    } catch (err) {
      if (isConnectFailure(err)) throw err;
      return await fallback();
    }
    try {
      await tls.handshake();
      const der = peerCertificateDer(tls, key);
      if (der !== undefined && await anchored(der)) return denoDuplex(tls);
    } catch { /* the fallback decides and says why */ }
    quietClose(tls);
    return await fallback();
  };
}
