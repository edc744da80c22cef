import { assertEquals, assertStringIncludes } from "../../helpers/assert.ts";
import {
  type AdminFacts,
  checkAdminPort,
  checkXds,
  type XdsFacts,
} from "../../../src/doctor/checks/network.ts";

Deno.test("checkXds: table", () => {
  const cases: [XdsFacts, string, string, string][] = [
    [
      { ok: true, where: "127.0.0.1:8502", tls: false, source: "agent" },
      "pass",
      "accepts connections (plaintext, discovered",
      "",
    ],
    [
      { ok: true, where: "127.0.0.1:8503", tls: true, source: "flag", caSource: "/ca.pem" },
      "pass",
      "verified with the CA from /ca.pem",
      "",
    ],
    [
      {
        ok: true,
        where: "127.0.0.1:8502",
        tls: false,
        source: "default",
        error: { phase: "connect", message: "connection refused" },
      },
      "fail",
      "cannot connect",
      "grpc = 8502",
    ],
    [
      {
        ok: true,
        where: "10.0.0.1:8502",
        tls: false,
        source: "flag",
        error: { phase: "connect", message: "i/o timeout" },
      },
      "fail",
      "i/o timeout",
      "check -grpc-addr",
    ],
    [
      {
        ok: true,
        where: "127.0.0.1:8503",
        tls: true,
        source: "agent",
        error: { phase: "tls", message: "unable to verify the first certificate" },
      },
      "fail",
      "TLS handshake",
      "-grpc-ca-file",
    ],
    [{ ok: false, problem: "ca", message: "No CA file or path..." }, "fail", "No CA", "-ca-file"],
    [
      { ok: false, problem: "address", message: "Invalid Consul HTTP address: x" },
      "fail",
      "Invalid",
      "-grpc-addr",
    ],
  ];
  for (const [facts, status, message, hint] of cases) {
    const v = checkXds(facts);
    assertEquals(v.status, status, message);
    assertStringIncludes(v.message, message);
    if (hint === "") assertEquals(v.hint, "");
    else assertStringIncludes(v.hint, hint);
  }
});

Deno.test("checkAdminPort: free, in use, other errors, bad address", () => {
  const cases: [AdminFacts, string, string][] = [
    [{ ok: true, address: "127.0.0.1:19000" }, "pass", "is free"],
    [
      { ok: true, address: "127.0.0.1:19000", error: { inUse: true, message: "x" } },
      "fail",
      "already in use",
    ],
    [
      { ok: true, address: "127.0.0.1:80", error: { inUse: false, message: "Permission denied" } },
      "fail",
      "cannot listen",
    ],
    [{ ok: false, message: "Invalid Consul HTTP address: missing port" }, "fail", "missing port"],
  ];
  for (const [facts, status, message] of cases) {
    const v = checkAdminPort(facts);
    assertEquals(v.status, status);
    assertStringIncludes(v.message, message);
    if (status !== "pass") assertStringIncludes(v.hint, "-admin-bind");
  }
});
