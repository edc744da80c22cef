/**
 * The agent client against raw socket servers: Go's redirect rules (same
 * origin only, at most 10), agent error bodies made printable, the token
 * never in a message, the agent address in every transport error, and the
 * 404 hint for servers that are not Consul agents.
 */
import { assert, assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { httpConfig } from "../helpers/http_config.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import { AgentRequestError } from "../../src/agent/types.ts";
import { hasControl } from "../../src/agent/http1.ts";
import { bytes, type RawRequest, startRawServer } from "./raw_server.ts";

const TOKEN = "redir-t0ken-secret";

function answer(status: number, headers: string, body = ""): Uint8Array[] {
  return [bytes(`HTTP/1.1 ${status} X\r\n${headers}Content-Length: ${body.length}\r\n\r\n${body}`)];
}

Deno.test("redirects: same-origin GET redirects are followed, at most 10", async (t) => {
  const server = await startRawServer({
    answer: (req: RawRequest) => {
      const m = /^\/hop\/(\d+)/.exec(req.path);
      const n = m ? Number(m[1]) : 0;
      const limit = Number(/limit=(\d+)/.exec(req.path)?.[1] ?? "0");
      if (req.path.startsWith("/v1/agent/self")) {
        return answer(302, "Location: /hop/1?limit=10\r\n");
      }
      if (req.path.startsWith("/v1/agent/services")) {
        return answer(307, "Location: /hop/1?limit=11\r\n");
      }
      if (n < limit) {
        // alternate relative and absolute targets
        const next = n % 2 === 0
          ? `/hop/${n + 1}?limit=${limit}`
          : `http://${req.headers.host}/hop/${n + 1}?limit=${limit}`;
        return answer([301, 303, 308][n % 3], `Location: ${next}\r\n`);
      }
      return answer(200, "Content-Type: application/json\r\n", '{"Config":{}}');
    },
  });
  const c = await createAgentClient(httpConfig(server.addr, { token: TOKEN }));
  try {
    await t.step("10 redirects in a row: followed", async () => {
      assertEquals(await c.self(), { Config: {} });
    });
    await t.step("11: stopped", async () => {
      const e = await assertRejects(() => c.services(), AgentRequestError);
      assertStringIncludes(e.message, "stopped after 10 redirects");
    });
    assert(server.requests.every((r) => r.headers["x-consul-token"] === TOKEN));
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("redirects: another origin is refused, naming both, and gets nothing", async (t) => {
  const other = await startRawServer({ answer: () => answer(200, "", "{}") });
  const server = await startRawServer({
    answer: (req) =>
      req.path.startsWith("/v1/agent/self")
        ? answer(302, `Location: http://${other.addr}/v1/agent/self\r\n`)
        : req.path.startsWith("/v1/agent/services")
        ? answer(301, "Location: https://" + req.headers.host + "/x\r\n")
        : answer(307, "Location: /elsewhere\r\n"),
  });
  const c = await createAgentClient(httpConfig(server.addr, { token: TOKEN }));
  try {
    await t.step("another port", async () => {
      const e = await assertRejects(() => c.self(), AgentRequestError);
      assertStringIncludes(e.message, `http://${server.addr}`);
      assertStringIncludes(e.message, `http://${other.addr}`);
      assert(!e.message.includes(TOKEN));
    });
    await t.step("another scheme", async () => {
      const e = await assertRejects(() => c.services(), AgentRequestError);
      assertStringIncludes(e.message, `to https://${server.addr}`);
    });
    await t.step("PUT: the redirect status is the answer", async () => {
      const e = await assertRejects(() => c.register("{}"), AgentRequestError);
      assertStringIncludes(e.message, "Unexpected response code: 307");
    });
    assertEquals(other.requests.length, 0);
  } finally {
    await c.close();
    await server.close();
    await other.close();
  }
});

Deno.test("error bodies: escapes and controls removed, cut to ~500 chars, token redacted", async () => {
  const body = `\x1b[2J\x1b]0;pwned\x07denied\x00 for ${TOKEN}\r\n${"y".repeat(3000)}`;
  const server = await startRawServer({ answer: () => answer(403, "", body) });
  const c = await createAgentClient(httpConfig(server.addr, { token: TOKEN }));
  try {
    const e = await assertRejects(() => c.self(), AgentRequestError);
    assert(!hasControl(e.message), JSON.stringify(e.message.slice(0, 80)));
    assert(!e.message.includes(TOKEN));
    assert(!e.message.includes("pwned"));
    assertStringIncludes(e.message, "Unexpected response code: 403 (denied for <redacted> yyy");
    assert(e.message.length < 600, `${e.message.length} chars`);
  } finally {
    await c.close();
    await server.close();
  }
});

Deno.test("404: a hint only when the server does not answer like a Consul agent", async () => {
  const cases: [string, Uint8Array[], boolean][] = [
    ["Go default mux", answer(404, "", "404 page not found\n"), true],
    ["HTML page", answer(404, "Content-Type: text/html\r\n", "<html>Not Found</html>"), true],
    ["empty body", answer(404, ""), true],
    ["Consul text", answer(404, "", 'Unknown service ID "x"'), false],
    ["Consul headers", answer(404, "X-Consul-Index: 3\r\n", "not found"), false],
  ];
  for (const [name, raw, hint] of cases) {
    const server = await startRawServer({ answer: () => raw });
    const c = await createAgentClient(httpConfig(server.addr));
    try {
      const e = await assertRejects(() => c.service("x"), AgentRequestError);
      assertEquals(e.message.includes("may not be a Consul agent"), hint, name);
    } finally {
      await c.close();
      await server.close();
    }
  }
});

Deno.test("transport errors name the unix socket path", async () => {
  const dir = await Deno.makeTempDir();
  const sock = `${dir}/agent.sock`;
  const server = await startRawServer({ unixSocket: sock, answer: () => [] });
  const c = await createAgentClient(httpConfig("", { unixSocket: sock }), {
    requestTimeoutMs: 200,
  });
  try {
    const e = await assertRejects(() => c.self(), AgentRequestError);
    assertStringIncludes(e.message, `unix ${sock}: timed out after 200ms`);
  } finally {
    await c.close();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
