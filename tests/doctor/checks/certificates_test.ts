import { assertEquals, assertStringIncludes } from "../../helpers/assert.ts";
import {
  activeRoot,
  checkCaRoots,
  checkLeafCert,
  spiffeService,
} from "../../../src/doctor/checks/certificates.ts";
import type { AgentAnswer } from "../../../src/doctor/types.ts";
import type { JsonObject } from "../../../src/agent/types.ts";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const H = 3600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString();
const roots = (...list: JsonObject[]): AgentAnswer<JsonObject> => ({
  ok: true,
  value: { TrustDomain: "td.consul", Roots: list },
});

Deno.test("checkCaRoots: table", () => {
  const cases: [string, AgentAnswer<JsonObject>, string, string][] = [
    [
      "valid",
      roots({ Name: "r1", Active: true, NotAfter: iso(NOW + 400 * D) }),
      "pass",
      "valid until",
    ],
    [
      "expiring",
      roots({ Name: "r1", Active: true, NotAfter: iso(NOW + 10 * D) }),
      "warn",
      "expires in 10d",
    ],
    [
      "expired",
      roots({ Name: "r1", Active: true, NotAfter: iso(NOW - D) }),
      "fail",
      "expired on 2026-05-31",
    ],
    [
      "no active",
      roots({ Name: "old", Active: false, NotAfter: iso(NOW + 400 * D) }),
      "fail",
      "no active",
    ],
    ["empty", roots(), "fail", "no active"],
    ["no expiry", roots({ Name: "r1", Active: true }), "pass", "not reported"],
    [
      "disabled",
      {
        ok: false,
        status: 500,
        message:
          "Unexpected response code: 500 (Connect must be enabled in order to use this endpoint)",
      },
      "fail",
      "not enabled",
    ],
    ["error", { ok: false, status: 500, message: "boom" }, "fail", "cannot read"],
  ];
  for (const [name, answer, status, message] of cases) {
    const v = checkCaRoots(answer, NOW);
    assertEquals(v.status, status, name);
    assertStringIncludes(v.message, message, name);
  }
});

Deno.test("activeRoot: the Active flag, else ActiveRootID", () => {
  assertEquals(activeRoot({ ActiveRootID: "b", Roots: [{ ID: "a" }, { ID: "b" }] }), { ID: "b" });
  assertEquals(activeRoot({ Roots: [{ ID: "a" }] }), undefined);
});

Deno.test("spiffeService", () => {
  assertEquals(spiffeService("spiffe://td.consul/ns/default/dc/dc1/svc/web"), "web");
  assertEquals(spiffeService("spiffe://td.consul/ap/p/ns/default/dc/dc1/svc/a%20b"), "a b");
  assertEquals(spiffeService("spiffe://td.consul/agent/client/dc/dc1/id/x"), undefined);
  assertEquals(spiffeService(""), undefined);
});

Deno.test("checkLeafCert: table (a tenth of the lifetime, not a flat number of days)", () => {
  const leaf = (uriSvc: string, leftH: number, lifeH: number): AgentAnswer<JsonObject> => ({
    ok: true,
    value: {
      ServiceURI: `spiffe://td.consul/ns/default/dc/dc1/svc/${uriSvc}`,
      ValidAfter: iso(NOW + (leftH - lifeH) * H),
      ValidBefore: iso(NOW + leftH * H),
      PrivateKeyPEM: "-----BEGIN EC PRIVATE KEY-----\nsecret\n",
    },
  });
  const cases: [string, AgentAnswer<JsonObject>, string, string][] = [
    ["fresh", leaf("web", 70, 72), "pass", "2d 22h of 3d left"],
    ["just above a tenth", leaf("web", 7.5, 72), "pass", "left"],
    ["near expiry", leaf("web", 5, 72), "warn", "5h of 3d left"],
    ["long-lived, 20 days left of 365", leaf("web", 20 * 24, 365 * 24), "warn", "20d of 365d"],
    ["expired", leaf("web", -1, 72), "fail", "has expired"],
    ["other service", leaf("api", 70, 72), "fail", 'does not name "web"'],
    ["refused", { ok: false, status: 403, message: "Permission denied" }, "fail", "did not issue"],
  ];
  for (const [name, answer, status, message] of cases) {
    const v = checkLeafCert("web", answer, NOW);
    assertEquals(v.status, status, name);
    assertStringIncludes(v.message, message, name);
    assertEquals(v.message.includes("secret"), false, name);
  }
  assertStringIncludes(
    checkLeafCert("web", { ok: false, status: 403, message: "Permission denied" }, NOW).hint,
    'service:write on "web"',
  );
});
