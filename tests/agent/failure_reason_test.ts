/** One-line reasons and hints for connection and TLS failures, from Deno and node:tls errors. */
import { assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { failureReason } from "../../src/agent/failure_reason.ts";

function nodeErr(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

Deno.test("failureReason: hints for TLS failures, no internal strings", () => {
  const https = { scheme: "https" as const, verifyName: "consul.test" };
  const cases: [string, unknown, typeof https & { caGiven?: boolean }, string, string?][] = [
    [
      "node unknown issuer",
      nodeErr("UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"),
      https,
      "-ca-file or CONSUL_CACERT",
    ],
    [
      "node unknown issuer with a CA given",
      nodeErr("SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"),
      { ...https, caGiven: true },
      "not signed by the CA given",
    ],
    [
      "Deno unknown issuer",
      new Error("invalid peer certificate: UnknownIssuer"),
      https,
      "-ca-file or CONSUL_CACERT",
    ],
    [
      "node name mismatch",
      nodeErr("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames"),
      https,
      "not valid for consul.test",
      "-tls-server-name",
    ],
    [
      "Deno name mismatch",
      new Error("invalid peer certificate: NotValidForName"),
      https,
      "-tls-server-name",
    ],
    [
      "rustls CA used as end entity",
      new Error("invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))"),
      https,
      "presented a CA certificate",
    ],
    [
      "plain agent behind https://",
      nodeErr("ERR_SSL_WRONG_VERSION_NUMBER", "wrong version number"),
      https,
      "does not speak TLS",
    ],
    [
      "Deno: plain agent behind https://",
      new Error("received corrupt message of type InvalidContentType"),
      https,
      "does not speak TLS",
    ],
    ["expired", nodeErr("CERT_HAS_EXPIRED", "certificate has expired"), https, "expired"],
  ];
  for (const [name, err, ctx, want, also] of cases) {
    const got = failureReason(err, ctx);
    assertStringIncludes(got, want, name);
    if (also) assertStringIncludes(got, also, name);
    assertEquals(/Other\(|OtherError|\(os error/.test(got), false, `${name}: ${got}`);
  }
});

Deno.test("failureReason: connection errors in Go's words", () => {
  const http = { scheme: "http" as const };
  const cases: [unknown, string][] = [
    [new Deno.errors.ConnectionRefused("Connection refused (os error 111)"), "connection refused"],
    [nodeErr("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"), "connection refused"],
    [
      new Deno.errors.NotFound("No such file or directory (os error 2)"),
      "no such file or directory",
    ],
    [new Deno.errors.ConnectionReset("reset"), "connection reset by peer"],
    [new Error("failed to lookup address information: Name or service not known"), "no such host"],
    [new Deno.errors.PermissionDenied("Permission denied (os error 13)"), "permission denied"],
  ];
  for (const [err, want] of cases) assertEquals(failureReason(err, http), want);
});
