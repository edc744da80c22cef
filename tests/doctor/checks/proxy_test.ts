import { assertEquals, assertStringIncludes } from "../../helpers/assert.ts";
import {
  checkIntentions,
  checkService,
  checkServiceWrite,
  type IntentionAnswer,
  representedService,
  type ServiceFacts,
  serviceWriteRequest,
  upstreamsOf,
} from "../../../src/doctor/checks/proxy.ts";
import type { AgentAnswer } from "../../../src/doctor/types.ts";

Deno.test("checkService: pass names kind and service; failures get a matching hint", () => {
  const cases: [ServiceFacts, string, string, string][] = [
    [
      { ok: true, proxyId: "web-sidecar-proxy", kind: "connect-proxy", service: "web" },
      "pass",
      'web-sidecar-proxy (connect-proxy) for service "web"',
      "",
    ],
    [
      { ok: false, message: "No sidecar proxy registered for web", knownProxies: ["api-proxy"] },
      "fail",
      "No sidecar proxy registered for web",
      "registered with this agent: api-proxy",
    ],
    [
      { ok: false, message: "More than one sidecar proxy registered for web.\n    Start ..." },
      "fail",
      "More than one",
      "-proxy-id",
    ],
    [
      { ok: false, message: "No mesh-gateway services registered with this agent" },
      "fail",
      "mesh-gateway",
      "-register",
    ],
    [
      {
        ok: false,
        message: "failed fetch proxy config from local agent: Unexpected response code: 404 (x)",
      },
      "fail",
      "404",
      "check -proxy-id",
    ],
    [
      { ok: false, message: "service is not a Connect proxy or gateway" },
      "fail",
      "not a Connect proxy",
      "not of the service",
    ],
  ];
  for (const [facts, status, message, hint] of cases) {
    const v = checkService(facts);
    assertEquals(v.status, status);
    assertStringIncludes(v.message, message);
    if (hint === "") assertEquals(v.hint, "");
    else assertStringIncludes(v.hint, hint);
  }
});

Deno.test("representedService: destination of a sidecar, the name of a gateway", () => {
  assertEquals(
    representedService({ Service: "web-sidecar-proxy" }, { DestinationServiceName: "web" }),
    "web",
  );
  assertEquals(representedService({ Service: "mesh-gateway" }, {}), "mesh-gateway");
});

Deno.test("checkServiceWrite: allowed, denied (hint names the service), ACLs off, errors", () => {
  assertEquals(serviceWriteRequest("web"), [{
    Resource: "service",
    Access: "write",
    Segment: "web",
  }]);
  const allow = (a: boolean): AgentAnswer<unknown> => ({
    ok: true,
    value: [{ Resource: "service", Access: "write", Segment: "web", Allow: a }],
  });
  const cases: [AgentAnswer<unknown>, string, string][] = [
    [allow(true), "pass", 'the token may service:write "web"'],
    [allow(false), "fail", 'may not service:write "web"'],
    [
      { ok: false, status: 401, message: "Unexpected response code: 401 (ACL support disabled)" },
      "pass",
      "disabled",
    ],
    [
      { ok: false, status: 403, message: "Unexpected response code: 403 (ACL not found)" },
      "fail",
      "cannot ask",
    ],
    [
      { ok: false, status: 404, message: "Unexpected response code: 404 (no)" },
      "warn",
      "could not check",
    ],
    [{ ok: true, value: [] }, "warn", "no decision"],
    [{ ok: true, value: { odd: true } }, "warn", "no decision"],
  ];
  for (const [answer, status, message] of cases) {
    const v = checkServiceWrite("web", answer);
    assertEquals(v.status, status, message);
    assertStringIncludes(v.message, message);
  }
  assertStringIncludes(checkServiceWrite("web", allow(false)).hint, 'grant service:write on "web"');
});

Deno.test("upstreamsOf: services once each; prepared queries and peers named, not checked", () => {
  assertEquals(
    upstreamsOf({
      Upstreams: [
        { DestinationName: "db" },
        { DestinationType: "service", DestinationName: "db" },
        { DestinationType: "service", DestinationName: "cache" },
        { DestinationType: "prepared_query", DestinationName: "q" },
        { DestinationName: "remote", DestinationPeer: "east" },
        { DestinationName: "" },
        "junk",
      ],
    }),
    { services: ["db", "cache"], unchecked: ["q (prepared_query)", "remote (peer east)"] },
  );
  assertEquals(upstreamsOf({}), { services: [], unchecked: [] });
});

Deno.test("checkIntentions: all allowed, one denied (named), errors, none", () => {
  const allowed = (d: string, a: boolean): IntentionAnswer => ({
    destination: d,
    answer: { ok: true, value: { Allowed: a } },
  });
  const pass = checkIntentions("web", [allowed("db", true), allowed("cache", true)]);
  assertEquals(pass.status, "pass");
  assertStringIncludes(pass.message, '"db", "cache"');
  const denied = checkIntentions("web", [allowed("db", false), allowed("cache", true)]);
  assertEquals(denied.status, "warn");
  assertStringIncludes(denied.message, '"db"');
  assertEquals(denied.message.includes("cache"), false);
  assertStringIncludes(denied.hint, "consul intention create web db");
  const failed = checkIntentions("web", [{
    destination: "db",
    answer: { ok: false, status: 403, message: "Permission denied" },
  }]);
  assertEquals(failed.status, "warn");
  assertStringIncludes(failed.message, '"db": Permission denied');
  assertStringIncludes(failed.hint, 'service:read on "db"');
  const mixed = checkIntentions("web", [
    { destination: "db", answer: { ok: false, status: 500, message: "boom" } },
    { destination: "cache", answer: { ok: false, message: "connection reset" } },
  ]);
  assertStringIncludes(mixed.message, '"db" (boom), "cache" (connection reset)');
  assertStringIncludes(mixed.hint, "logs");
  const none = checkIntentions("web", [], ["q (prepared_query)"]);
  assertEquals(none.status, "pass");
  assertStringIncludes(none.message, "not checked: q (prepared_query)");
});

Deno.test("checkService: with -register, a gateway not registered yet only warns", () => {
  const v = checkService({
    ok: false,
    message: "failed fetch proxy config from local agent: Unexpected response code: 404 (x)",
    registerPending: true,
  });
  assertEquals(v.status, "warn");
  assertStringIncludes(v.hint, "-register");
});
