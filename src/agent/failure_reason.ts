/**
 * One-line reasons for connection and TLS failures, from the errors of
 * `Deno.connect`/`Deno.startTls` and of `node:tls`, each with a hint where
 * the operator's next step is clear: an unknown certificate authority
 * suggests `-ca-file`/`CONSUL_CACERT`, a name mismatch `-tls-server-name`,
 * and `https://` against a plain-http agent says so. Internal error strings
 * of the TLS libraries never reach the user.
 *
 * @module
 */

/** What the caller knows about the connection, for hints. */
export interface FailureContext {
  scheme: "http" | "https";
  /** The name the certificate is checked against (server name or dial host). */
  verifyName?: string;
  /** A CA file or directory was given (it replaces the system roots). */
  caGiven?: boolean;
}

interface ErrorLink {
  code?: unknown;
  message?: unknown;
  name?: unknown;
}

/** Every `message`, `code` and `name` along the `cause` chain. */
function describeChain(err: unknown): { text: string; codes: string[] } {
  const texts: string[] = [];
  const codes: string[] = [];
  for (let cur: unknown = err, i = 0; cur !== undefined && cur !== null && i < 5; i++) {
    const link = cur as ErrorLink;
    if (typeof link.message === "string") texts.push(link.message);
    else texts.push(String(cur));
    if (typeof link.code === "string") codes.push(link.code);
    if (typeof link.name === "string") codes.push(link.name);
    cur = (cur as { cause?: unknown }).cause;
  }
  return { text: texts.join(" | "), codes };
}

const UNKNOWN_ISSUER = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_SIGNATURE_FAILURE",
]);

/** Error code of a dial refused because the CA directory held no certificates. */
export const EMPTY_CA_PATH = "ERR_EMPTY_CA_PATH";

/** A TLS verification or handshake failure as one line with a hint, or `undefined`. */
export function tlsReason(err: unknown, ctx: FailureContext): string | undefined {
  const { text, codes } = describeChain(err);
  const has = (c: string) => codes.includes(c);
  const verify = "TLS certificate verification failed";
  if (has(EMPTY_CA_PATH)) {
    return `${verify}: certificate signed by unknown authority (the CA path given with -ca-path or CONSUL_CAPATH holds no certificates)`;
  }
  if (codes.some((c) => UNKNOWN_ISSUER.has(c)) || /UnknownIssuer|unknown ?issuer/i.test(text)) {
    return ctx.caGiven
      ? `${verify}: the agent's certificate is not signed by the CA given with -ca-file/-ca-path (CONSUL_CACERT/CONSUL_CAPATH); only that CA is trusted`
      : `${verify}: certificate signed by unknown authority (give the agent's CA with -ca-file or CONSUL_CACERT)`;
  }
  if (has("ERR_TLS_CERT_ALTNAME_INVALID") || /NotValidForName|not valid for name/i.test(text)) {
    const name = ctx.verifyName ? ` ${ctx.verifyName}` : " the agent's address";
    return `${verify}: the certificate is not valid for${name} (set -tls-server-name or CONSUL_TLS_SERVER_NAME to a name in the certificate)`;
  }
  if (has("CERT_HAS_EXPIRED") || has("CERT_NOT_YET_VALID") || /Expired|NotValidYet/.test(text)) {
    return `${verify}: the agent's certificate has expired or is not yet valid`;
  }
  if (/CaUsedAsEndEntity/.test(text) || has("INVALID_CA")) {
    return `${verify}: the agent presented a CA certificate as its own certificate`;
  }
  if (
    has("ERR_SSL_WRONG_VERSION_NUMBER") || has("ERR_SSL_PACKET_LENGTH_TOO_LONG") ||
    /InvalidContentType|wrong version number|packet length too long|corrupt message/i.test(text)
  ) {
    return "TLS handshake failed: the agent does not speak TLS at this address (use an http:// address, or unset CONSUL_HTTP_SSL)";
  }
  if (
    codes.some((c) =>
      c.startsWith("ERR_SSL") || c.startsWith("ERR_TLS") || c.startsWith("CERT_")
    ) ||
    /handshake|invalid peer certificate|certificate|tls|ssl/i.test(text)
  ) {
    if (ctx.scheme !== "https" && !/certificate/i.test(text)) return undefined;
    if (/CertificateRequired|CERTIFICATE_REQUIRED/i.test(text + codes.join(" "))) {
      return "TLS handshake failed: the agent requires a client certificate (give one with -client-cert and -client-key)";
    }
    const alert = /BadCertificate|UnknownCA|CertificateUnknown|BAD_CERTIFICATE|UNKNOWN_CA/i.test(
      text + codes.join(" "),
    );
    return alert
      ? "TLS handshake failed: the agent refused the client certificate (check -client-cert and -client-key)"
      : `TLS handshake failed: ${clip(firstWords(text))}`;
  }
  return undefined;
}

/** The first clause of an error text: no internal enum dumps, no OS error numbers. */
function firstWords(text: string): string {
  const first = text.split(" | ")[0].replace(/\s*\(os error \d+\)/g, "");
  const cut = first.search(/[({\[]|: [A-Z][a-z]+\(/);
  const shown = (cut > 0 ? first.slice(0, cut) : first).trim().replace(/[:,]$/, "");
  return shown.charAt(0).toLowerCase() + shown.slice(1);
}

function clip(text: string, max = 160): string {
  return text.length > max ? text.slice(0, max) + "…" : text;
}

/**
 * A one-line reason for a connection-level failure: `connection refused`,
 * `no such file or directory`, a TLS reason with its hint, ...
 */
export function failureReason(err: unknown, ctx: FailureContext): string {
  const tls = tlsReason(err, ctx);
  if (tls !== undefined) return tls;
  const { text, codes } = describeChain(err);
  const has = (...c: string[]) => c.some((x) => codes.includes(x));
  if (has("ECONNREFUSED", "ConnectionRefused") || /connection refused/i.test(text)) {
    return "connection refused";
  }
  if (has("ENOENT", "NotFound") || /no such file or directory/i.test(text)) {
    return "no such file or directory";
  }
  if (has("ECONNRESET", "ConnectionReset") || /connection reset/i.test(text)) {
    return "connection reset by peer";
  }
  if (has("EPIPE", "BrokenPipe") || /broken pipe/i.test(text)) return "broken pipe";
  // A Deno permission the program lacks: keep Deno's text, it names the flag.
  if (has("NotCapable")) return clip(firstWords(text), 300);
  if (has("EACCES", "PermissionDenied") || /permission denied/i.test(text)) {
    return "permission denied";
  }
  if (
    has("ENOTFOUND", "EAI_AGAIN") ||
    /dns error|failed to lookup|name or service not known/i.test(text)
  ) {
    return "no such host";
  }
  if (has("ECONNABORTED", "ConnectionAborted")) return "connection aborted";
  return clip(firstWords(text) || "connection failed");
}
