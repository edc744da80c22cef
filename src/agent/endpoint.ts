/**
 * Which connection each agent configuration needs, and the transport on it.
 * Every path speaks HTTP/1.1 through the same reader (`http1.ts`); only the
 * way the connection is opened differs:
 *
 * - `http://` (TCP or unix socket): `Deno.connect`;
 * - `https://` over TCP verified against the default roots (with or without
 *   `-tls-server-name`): `Deno.startTls`, the cheapest TLS to start;
 * - `https://` over TCP with a CA file or directory (which must REPLACE the
 *   default roots, as in Consul) and nothing else custom: `Deno.startTls`,
 *   then a check that a given CA signed the server's certificate
 *   (`dial_native_ca.ts`); when that is not proven, `node:tls` decides;
 * - `https://` with a client certificate (whose key check already loads
 *   Node compatibility), verification off, or over a unix socket:
 *   `node:tls`, imported only then.
 *
 * @module
 */

import type { HttpConfig } from "./config.ts";
import type { TlsMaterial } from "./tls.ts";
import type { Transport, TransportLimits } from "./transport.ts";
import { createHttp1Transport, type Endpoint } from "./transport_http1.ts";
import { EMPTY_CA_PATH } from "./failure_reason.ts";
import {
  describeTarget,
  type DialTarget,
  nativeTlsDialer,
  plainDialer,
  tcpTarget,
} from "./dial.ts";

/** The connection kinds of the module description. */
export type TransportKind = "plain" | "native-tls" | "native-ca" | "node-tls";

/** The connection kind `config` needs. */
export function transportKind(config: HttpConfig, tls: TlsMaterial): TransportKind {
  if (config.scheme !== "https") return "plain";
  const custom = tls.ca !== undefined || tls.cert !== undefined || config.insecureSkipVerify ||
    config.unixSocket !== "";
  if (!custom) return "native-tls";
  const caOnly = tls.ca !== undefined && tls.ca.length > 0 && tls.cert === undefined &&
    !config.insecureSkipVerify && config.unixSocket === "";
  return caOnly ? "native-ca" : "node-tls";
}

/** The dial target of `config` (port 443 by default for https, 80 for http). */
export function dialTarget(config: HttpConfig): DialTarget {
  return config.unixSocket !== ""
    ? { kind: "unix", path: config.unixSocket }
    : tcpTarget(config.hostPort, config.scheme === "https" ? 443 : 80);
}

/** Build the transport; imports `node:tls` only for the `node-tls` kind. */
export async function createTransport(
  config: HttpConfig,
  tls: TlsMaterial,
  limits: TransportLimits,
): Promise<Transport> {
  const target = dialTarget(config);
  const kind = transportKind(config, tls);
  const endpoint: Endpoint = {
    dial: plainDialer(target),
    hostHeader: target.kind === "unix" ? "localhost" : target.hostHeader,
    where: describeTarget(target),
    context: {
      scheme: config.scheme,
      verifyName: config.tlsServerName ||
        (target.kind === "unix" ? "localhost" : target.hostname),
      caGiven: tls.ca !== undefined,
    },
  };
  const nodeOptions = {
    material: tls,
    serverName: config.tlsServerName,
    insecureSkipVerify: config.insecureSkipVerify,
  };
  if (kind === "native-tls" && target.kind === "tcp") {
    endpoint.dial = nativeTlsDialer(target, config.tlsServerName);
  } else if (kind === "native-ca" && target.kind === "tcp") {
    const { nativeCaDialer } = await import("./dial_native_ca.ts");
    const fallback = async () => {
      const { nodeTlsDialer } = await import("./dial_node_tls.ts");
      return await nodeTlsDialer(target, nodeOptions)();
    };
    endpoint.dial = nativeCaDialer(
      target,
      { ca: tls.ca!, serverName: config.tlsServerName },
      fallback,
    );
  } else if (kind === "node-tls") {
    if (tls.ca !== undefined && tls.ca.length === 0 && !config.insecureSkipVerify) {
      // Nothing is trusted: every handshake would fail; say why without trying.
      endpoint.dial = () => Promise.reject(Object.assign(new Error(), { code: EMPTY_CA_PATH }));
      return createHttp1Transport(endpoint, limits);
    }
    const { nodeTlsDialer } = await import("./dial_node_tls.ts");
    endpoint.dial = nodeTlsDialer(target, nodeOptions);
  }
  return createHttp1Transport(endpoint, limits);
}
