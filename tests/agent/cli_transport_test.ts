/**
 * The whole CLI (`deno run` with the binary's permissions) against agents
 * that frame their answers in unusual but valid ways: connections kept open
 * after the answer (Content-Length and chunked, TCP and unix socket), a
 * `100 Continue` first, a 2 MB body in 1-byte chunks on every transport
 * (peak RSS bounded); plus request hygiene, Consul's CA trust rule and the
 * one-line TLS hints.
 */
import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { tlsFixtures } from "../helpers/tls_fixtures.ts";
import { demoSpec } from "../helpers/demo_agent.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { cliCommand } from "../../src/permissions.ts";
import { detectRssMethod, measureRun } from "../../scripts/bench/measure.ts";
import { denoRunArgs } from "../../src/permissions.ts";
import { bytes, proxyTo, type RawServer, type Reframe, startRawServer } from "./raw_server.ts";

const ARGS = ["-bootstrap", "-proxy-id", "web-sidecar-proxy"];
const f = await tlsFixtures();
const decoder = new TextDecoder();

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const k of ["PATH", "HOME", "DENO_DIR", "TMPDIR"]) {
    const v = Deno.env.get(k);
    if (v !== undefined) env[k] = v;
  }
  return env;
}

async function cli(args: string[], env: Record<string, string>) {
  const t0 = performance.now();
  const out = await cliCommand(args, { env: { ...baseEnv(), ...env }, clearEnv: true }).output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
    ms: performance.now() - t0,
  };
}

type Listen = "tcp" | "unix";

/** A keep-alive re-framing server in front of the demo agent. */
async function withServer(
  listen: Listen,
  reframe: Reframe,
  tls: boolean,
  fn: (s: RawServer, address: string) => Promise<void>,
) {
  const agent = await startFakeAgent(demoSpec());
  const dir = await Deno.makeTempDir();
  const sock = `${dir}/agent.sock`;
  const server = await startRawServer({
    answer: proxyTo(`http://${agent.addr}`, reframe),
    unixSocket: listen === "unix" ? sock : undefined,
    tls: tls
      ? { cert: await Deno.readTextFile(f.ipCert), key: await Deno.readTextFile(f.ipKey) }
      : undefined,
  });
  const scheme = tls ? "https" : "http";
  const address = listen === "unix" ? `unix://${sock}` : `${scheme}://${server.addr}`;
  try {
    await fn(server, address);
  } finally {
    await server.close();
    await agent.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("CLI: agents that keep the connection open, or send 100 Continue first, answer at once", async (t) => {
  const cases: [Listen, Reframe][] = [
    ["tcp", { framing: "length" }],
    ["tcp", { framing: "chunked" }],
    ["unix", { framing: "length" }],
    ["unix", { framing: "chunked" }],
    ["tcp", { framing: "length", continueFirst: true }],
    ["unix", { framing: "chunked", continueFirst: true }],
  ];
  for (const [listen, reframe] of cases) {
    const name = `${listen} ${reframe.framing}${
      reframe.continueFirst ? " after 100 Continue" : ""
    }`;
    await t.step(name, async () => {
      await withServer(listen, reframe, false, async (server, address) => {
        const r = await cli(ARGS, { CONSUL_HTTP_ADDR: address });
        assertEquals(r.code, 0, r.stderr);
        JSON.parse(r.stdout);
        assert(server.requests.length >= 4);
        // A client waiting for the close would hang until its 30 s deadline.
        assert(r.ms < 5000, `took ${Math.round(r.ms)} ms`);
      });
    });
  }
});

/** `/v1/agent/self` padded with 2 MB, to be sent in 1-byte chunks. */
function padSelf(path: string, body: Uint8Array): Uint8Array {
  if (!path.startsWith("/v1/agent/self")) return body;
  const doc = JSON.parse(decoder.decode(body));
  doc.Pad = { Text: "x".repeat(2 * 1024 * 1024) };
  return new TextEncoder().encode(JSON.stringify(doc));
}

Deno.test("CLI: a 2 MB body in 1-byte chunks stays under 150 MiB on every transport", async (t) => {
  const method = await detectRssMethod();
  const cases: { name: string; listen: Listen; tls: boolean; env: Record<string, string> }[] = [
    { name: "http tcp", listen: "tcp", tls: false, env: {} },
    { name: "http unix", listen: "unix", tls: false, env: {} },
    {
      name: "https tcp, CA file (node:tls)",
      listen: "tcp",
      tls: true,
      env: { CONSUL_CACERT: f.caCert },
    },
    // The CA is added to Deno's root store, so the default-roots path is taken.
    {
      name: "https tcp, default roots (Deno TLS)",
      listen: "tcp",
      tls: true,
      env: { DENO_CERT: f.caCert },
    },
    {
      name: "https unix, CA file (node:tls)",
      listen: "unix",
      tls: true,
      env: {
        CONSUL_CACERT: f.caCert,
        CONSUL_HTTP_SSL: "true",
        CONSUL_TLS_SERVER_NAME: "127.0.0.1",
      },
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const reframe: Reframe = { framing: "chunked", oneByteChunks: true, rewrite: padSelf };
      await withServer(c.listen, reframe, c.tls, async (_server, address) => {
        const sample = await measureRun({
          program: Deno.execPath(),
          args: denoRunArgs(ARGS),
          env: { ...baseEnv(), ...c.env, CONSUL_HTTP_ADDR: address },
        }, method);
        assertEquals(sample.code, 0, sample.stderr);
        const mib = sample.peakRssKiB / 1024;
        console.log(`  ${c.name}: peak RSS ${mib.toFixed(1)} MiB, ${Math.round(sample.wallMs)} ms`);
        assert(mib < 150, `peak RSS ${mib.toFixed(1)} MiB`);
      });
    });
  }
});

Deno.test("CLI: malformed framing is one line naming the address, exit 1, nothing on stdout", async (t) => {
  const answers: [string, string][] = [
    ["4-digit status", "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\n{}"],
    [
      "conflicting Content-Length",
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x",
    ],
    [
      "bad chunk size",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    ],
  ];
  for (const [name, raw] of answers) {
    await t.step(name, async () => {
      const server = await startRawServer({ answer: () => [bytes(raw)] });
      try {
        const r = await cli(ARGS, { CONSUL_HTTP_ADDR: server.addr });
        assertEquals(r.code, 1);
        assertEquals(r.stdout, "");
        assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
        assertStringIncludes(r.stderr, server.addr);
        assert(r.ms < 5000, `took ${Math.round(r.ms)} ms`);
      } finally {
        await server.close();
      }
    });
  }
});

Deno.test("CLI: CR/LF in the agent address is one line, exit 1, nothing sent", async () => {
  const server = await startRawServer({ answer: () => [bytes("HTTP/1.1 200 OK\r\n\r\n")] });
  try {
    const addr = `http://${server.addr}/pre\r\nX-Injected: yes\r\nfoo`;
    for (
      const [args, env] of [[["-http-addr", addr, ...ARGS], {}], [ARGS, {
        CONSUL_HTTP_ADDR: addr,
      }]] as const
    ) {
      const r = await cli([...args], { ...env });
      assertEquals(r.code, 1);
      assertEquals(r.stdout, "");
      assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
      assertStringIncludes(r.stderr, "control character");
      assert(!r.stderr.includes("X-Injected"), r.stderr);
    }
    assertEquals(server.requests.length, 0);
  } finally {
    await server.close();
  }
});

interface TrustCase {
  name: string;
  env: Record<string, string>;
  code: number;
  says?: string;
}

/** Trust and hint cases against an IP-certificate, a DNS-certificate and a plain agent. */
function trustCases(
  tlsAgent: { addr: string },
  dnsAgent: { addr: string },
  plainAgent: { addr: string },
): TrustCase[] {
  const https = (a: { addr: string }) => `https://${a.addr}`;
  const cases: TrustCase[] = [
    {
      name: "default roots (Deno TLS) with a server name",
      env: {
        CONSUL_HTTP_ADDR: https(dnsAgent),
        DENO_CERT: f.caCert,
        CONSUL_TLS_SERVER_NAME: "consul.test",
      },
      code: 0,
    },
    {
      name: "default roots (Deno TLS), name mismatch",
      env: { CONSUL_HTTP_ADDR: https(dnsAgent), DENO_CERT: f.caCert },
      code: 1,
      says: "-tls-server-name",
    },
    {
      name: "CA file trusted",
      env: { CONSUL_HTTP_ADDR: https(tlsAgent), CONSUL_CACERT: f.caCert },
      code: 0,
    },
    {
      name: "server's CA in Deno's root store, no CA file: trusted",
      env: { CONSUL_HTTP_ADDR: https(tlsAgent), DENO_CERT: f.caCert },
      code: 0,
    },
    {
      name: "server's CA in Deno's root store but another CA given: refused",
      env: { CONSUL_HTTP_ADDR: https(tlsAgent), DENO_CERT: f.caCert, CONSUL_CACERT: f.otherCaCert },
      code: 1,
      says: "not signed by the CA given with -ca-file",
    },
    {
      name: "unknown issuer suggests -ca-file",
      env: { CONSUL_HTTP_ADDR: https(tlsAgent) },
      code: 1,
      says: "-ca-file or CONSUL_CACERT",
    },
    {
      name: "name mismatch suggests -tls-server-name",
      env: { CONSUL_HTTP_ADDR: https(dnsAgent), CONSUL_CACERT: f.caCert },
      code: 1,
      says: "-tls-server-name",
    },
    {
      name: "name mismatch fixed by CONSUL_TLS_SERVER_NAME",
      env: {
        CONSUL_HTTP_ADDR: https(dnsAgent),
        CONSUL_CACERT: f.caCert,
        CONSUL_TLS_SERVER_NAME: "consul.test",
      },
      code: 0,
    },
    {
      name: "https:// against a plain agent",
      env: { CONSUL_HTTP_ADDR: https(plainAgent), CONSUL_CACERT: f.caCert },
      code: 1,
      says: "does not speak TLS",
    },
    {
      name: "http:// against a TLS agent",
      env: { CONSUL_HTTP_ADDR: `http://${tlsAgent.addr}` },
      code: 1,
      says: "https://",
    },
    {
      name: "verification off",
      env: { CONSUL_HTTP_ADDR: https(dnsAgent), CONSUL_HTTP_SSL_VERIFY: "false" },
      code: 0,
    },
  ];
  return cases;
}

Deno.test("CLI: a given CA replaces the default roots, and TLS failures say what to do", async (t) => {
  const tlsAgent = await startFakeAgent({
    ...demoSpec(),
    tls: { certFile: f.ipCert, keyFile: f.ipKey },
  });
  const dnsAgent = await startFakeAgent({
    ...demoSpec(),
    tls: { certFile: f.serverCert, keyFile: f.serverKey },
  });
  const plainAgent = await startFakeAgent(demoSpec());
  const cases = trustCases(tlsAgent, dnsAgent, plainAgent);
  try {
    for (const c of cases) {
      await t.step(c.name, async () => {
        const r = await cli(ARGS, c.env);
        assertEquals(r.code, c.code, r.stderr);
        if (c.code === 0) return;
        assertEquals(r.stdout, "");
        assertEquals(r.stderr.trim().split("\n").length, 1, r.stderr);
        assertStringIncludes(r.stderr, c.says!);
        assert(!/Other\(|OtherError|InvalidCertificate\(/.test(r.stderr), r.stderr);
      });
    }
  } finally {
    await tlsAgent.close();
    await dnsAgent.close();
    await plainAgent.close();
  }
});
