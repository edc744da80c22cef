import { assertEquals, assertStringIncludes } from "../../helpers/assert.ts";
import { agentReachable, checkAclToken, checkAgent } from "../../../src/doctor/checks/agent.ts";
import { humanDuration } from "../../../src/doctor/checks/time_text.ts";
import type { AgentAnswer } from "../../../src/doctor/types.ts";
import type { JsonObject } from "../../../src/agent/types.ts";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const H = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ok = (value: JsonObject): AgentAnswer<JsonObject> => ({ ok: true, value });
const err = (message: string, status?: number): AgentAnswer<JsonObject> => ({
  ok: false,
  status,
  message,
});

Deno.test("checkAgent: status, message and hint per answer", () => {
  const cases: [string, AgentAnswer<JsonObject>, string, string, string][] = [
    [
      "reachable",
      ok({ Config: { Version: "1.21.4", Datacenter: "dc1", NodeName: "n1" } }),
      "pass",
      "Consul 1.21.4, datacenter dc1, node n1 at 127.0.0.1:8500",
      "",
    ],
    ["no config", ok({}), "pass", "Consul at 127.0.0.1:8500", ""],
    [
      "no agent:read",
      err("Unexpected response code: 403 (Permission denied)", 403),
      "warn",
      "may not read",
      "agent:read",
    ],
    ["server error", err("Unexpected response code: 500 (boom)", 500), "fail", "boom", "logs"],
    [
      "down",
      err('Get "http://127.0.0.1:8500/v1/agent/self": connection refused'),
      "fail",
      "cannot reach the agent at 127.0.0.1:8500",
      "-http-addr",
    ],
  ];
  for (const [name, answer, status, message, hint] of cases) {
    const v = checkAgent(answer, "127.0.0.1:8500");
    assertEquals(v.status, status, name);
    assertStringIncludes(v.message, message, name);
    if (hint === "") assertEquals(v.hint, "", name);
    else assertStringIncludes(v.hint, hint, name);
  }
});

Deno.test("agentReachable: any HTTP status counts, transport failures do not", () => {
  assertEquals(agentReachable(ok({})), true);
  assertEquals(agentReachable(err("x", 403)), true);
  assertEquals(agentReachable(err("connection refused")), false);
});

Deno.test("checkAclToken: disabled, unknown, missing, expired, expiring, valid", () => {
  const cases: [string, AgentAnswer<JsonObject>, boolean, string, string][] = [
    [
      "disabled",
      err("Unexpected response code: 401 (ACL support disabled)", 401),
      true,
      "pass",
      "disabled",
    ],
    [
      "no token",
      err("Unexpected response code: 403 (ACL not found)", 403),
      false,
      "fail",
      "no token",
    ],
    [
      "unknown",
      err("Unexpected response code: 403 (ACL not found)", 403),
      true,
      "fail",
      "does not accept",
    ],
    ["5xx", err("Unexpected response code: 500 (x)", 500), true, "fail", "cannot read"],
    ["expired", ok({ AccessorID: "a-1", ExpirationTime: iso(NOW - H) }), true, "fail", "expired"],
    [
      "expiring",
      ok({ AccessorID: "a-1", ExpirationTime: iso(NOW + 3 * H) }),
      true,
      "warn",
      "expires in 3h",
    ],
    [
      "valid for a while",
      ok({ AccessorID: "a-1", ExpirationTime: iso(NOW + 50 * H) }),
      true,
      "pass",
      "valid for 2d 2h",
    ],
    [
      "no expiry",
      ok({ AccessorID: "a-1", Description: "web", SecretID: "s3cr3t" }),
      true,
      "pass",
      'token a-1 ("web") is valid',
    ],
    [
      "zero time",
      ok({ AccessorID: "a-1", ExpirationTime: "0001-01-01T00:00:00Z" }),
      true,
      "pass",
      "valid",
    ],
  ];
  for (const [name, answer, tokenGiven, status, message] of cases) {
    const v = checkAclToken(answer, { tokenGiven, nowMs: NOW });
    assertEquals(v.status, status, name);
    assertStringIncludes(v.message, message, name);
    assertEquals(v.message.includes("s3cr3t"), false, name);
    assertEquals(v.hint === "", status === "pass", name);
  }
});

Deno.test("humanDuration", () => {
  assertEquals(humanDuration(30_000), "30s");
  assertEquals(humanDuration(42 * 60_000), "42m");
  assertEquals(humanDuration(5 * H + 12 * 60_000), "5h 12m");
  assertEquals(humanDuration(72 * H), "3d");
  assertEquals(humanDuration(-5), "0s");
});
