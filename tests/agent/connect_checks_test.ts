/**
 * The agent client's doctor requests against the project's fake agent:
 * request shapes (method, path, query, body, token header) and answers.
 */

import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import { AgentRequestError } from "../../src/agent/types.ts";
import type { HttpConfig } from "../../src/agent/config.ts";

const TOKEN = "tok-1";

function config(addr: string, token = TOKEN): HttpConfig {
  return {
    address: addr,
    scheme: "http",
    hostPort: addr,
    unixSocket: "",
    pathPrefix: "",
    token,
    caFile: "",
    caPath: "",
    clientCert: "",
    clientKey: "",
    tlsServerName: "",
    insecureSkipVerify: false,
    namespace: "",
    partition: "",
  };
}

Deno.test("doctor requests: shapes and answers of a healthy agent", async () => {
  const agent = await startFakeAgent({
    acl: { enabled: true, tokens: [TOKEN], deny: ["service:write:api"] },
    connect: { deniedIntentions: ["web->db"] },
  });
  const client = await createAgentClient(config(agent.addr));
  try {
    const self = await client.aclTokenSelf();
    assertEquals(self.AccessorID, "00000000-0000-0000-0000-000000000001");
    const decisions = await client.aclAuthorize([
      { Resource: "service", Access: "write", Segment: "web" },
      { Resource: "service", Access: "write", Segment: "api" },
    ]);
    assertEquals((decisions as { Allow: boolean }[]).map((d) => d.Allow), [true, false]);
    const roots = await client.connectCaRoots();
    assert(Array.isArray(roots.Roots) && roots.Roots.length === 1);
    const leaf = await client.connectLeaf("web");
    assertEquals(String(leaf.ServiceURI).endsWith("/svc/web"), true);
    assertEquals((await client.intentionCheck("web", "db")).Allowed, false);
    assertEquals((await client.intentionCheck("web", "cache")).Allowed, true);
    const err = await assertRejects(() => client.connectLeaf("api"), AgentRequestError);
    assertEquals((err as AgentRequestError).status, 403);
  } finally {
    await client.close();
    await agent.close();
  }
  const seen = agent.requests.map((r) => `${r.method} ${r.path}?${r.query}`);
  assertEquals(seen.slice(0, 4), [
    "GET /v1/acl/token/self?stale=",
    "POST /v1/internal/acl/authorize?",
    "GET /v1/agent/connect/ca/roots?",
    "GET /v1/agent/connect/ca/leaf/web?",
  ]);
  assertEquals(seen[4], "GET /v1/connect/intentions/check?destination=db&source=web");
  assert(agent.requests.every((r) => r.token === TOKEN));
  assertEquals(JSON.parse(agent.requests[1].body)[0], {
    Resource: "service",
    Access: "write",
    Segment: "web",
  });
});

Deno.test("doctor requests: ACLs disabled and Connect disabled", async () => {
  const agent = await startFakeAgent({ connect: { enabled: false } });
  const client = await createAgentClient(config(agent.addr, ""));
  try {
    for (const call of [() => client.aclTokenSelf(), () => client.aclAuthorize([])]) {
      const err = await assertRejects(call, AgentRequestError);
      assertEquals((err as AgentRequestError).status, 401);
      assert(err.message.includes("ACL support disabled"));
    }
    const err = await assertRejects(() => client.connectCaRoots(), AgentRequestError);
    assert(err.message.includes("Connect must be enabled"));
  } finally {
    await client.close();
    await agent.close();
  }
});
