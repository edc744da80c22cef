/**
 * Acceptance tests of `-supervise` (Linux): the real CLI with the binary's
 * permissions, the fake agent and a fake Envoy that logs every admin
 * request and signal with a timestamp.
 */

import { assert, assertEquals } from "../helpers/assert.ts";
import {
  filesContaining,
  freePort,
  requests,
  SIDECAR,
  started,
  startRun,
  TOKEN,
} from "./harness.ts";

const linuxOnly = Deno.build.os !== "linux";
const SIDECAR_ARGS = ["-sidecar-for", "web", "-supervise"];

Deno.test({
  name: "supervise: one SIGTERM drains inbound, quits after the grace period, exit 0",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun([...SIDECAR_ARGS, "-shutdown-grace-period", "2s"]);
    try {
      const first = await run.waitFor(started);
      const start = first.find((e) => e.event === "start")!;
      run.child.kill("SIGTERM");
      const log = await run.waitFor((e) => requests(e, "/quitquitquit").length > 0, 10_000);
      const out = await run.finish();
      assertEquals(out.code, 0, out.stderr);
      const drain = requests(log, "/drain_listeners");
      assertEquals(drain.length, 1);
      const params = new Set(drain[0].query!.split("&"));
      for (const p of ["inboundonly", "graceful", "skip_exit"]) assert(params.has(p), p);
      assertEquals(drain[0].method, "POST");
      const fail = requests(log, "/healthcheck/fail");
      assertEquals(fail.length, 1);
      assert(fail[0].t <= drain[0].t, "health check failed before the drain");
      const quitAt = requests(log, "/quitquitquit")[0].t;
      const gap = quitAt - drain[0].t;
      assert(gap >= 1800 && gap <= 3000, `quit ${gap} ms after the drain`);
      assertEquals(run.events().filter((e) => e.event === "signal"), [], "no signal reached Envoy");

      // Hygiene: token only in the bootstrap; descriptors; sealed memfd.
      assert(!JSON.stringify(start.argv).includes(TOKEN), "token not in argv");
      assert(!JSON.stringify(start.env).includes(TOKEN), "token not in environment");
      assertEquals(start.env!.CONSUL_HTTP_TOKEN, undefined);
      assertEquals(filesContaining(run.root, TOKEN, [`${run.root}/envoy.log`]), []);
      assert(start.write!.startsWith("refused"), `config memfd sealed: ${start.write}`);
      const cfg = /^\/dev\/fd\/(\d+)$/.exec(start.argv![1])!;
      const { before, envoy } = run.fds();
      const expected = new Map(before);
      expected.set(Number(cfg[1]), envoy.get(Number(cfg[1])) ?? "<missing>");
      assert(envoy.get(Number(cfg[1]))!.startsWith("/memfd:"), "config is a memfd");
      assertEquals(envoy, expected, "inherited descriptors + the config, nothing else");
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "supervise: a second SIGTERM 100 ms later quits within 1 s",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun([...SIDECAR_ARGS, "-shutdown-grace-period", "20s"]);
    try {
      await run.waitFor(started);
      run.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 100));
      const second = Date.now();
      run.child.kill("SIGTERM");
      const log = await run.waitFor((e) => requests(e, "/quitquitquit").length > 0, 5_000);
      const out = await run.finish();
      assertEquals(out.code, 0, out.stderr);
      const quitAt = requests(log, "/quitquitquit")[0].t;
      assert(quitAt - second < 1000, `quit ${quitAt - second} ms after the second SIGTERM`);
      assertEquals(run.events().filter((e) => e.event === "signal"), []);
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "supervise: Envoy ignoring quit is killed after -shutdown-timeout, exit 137",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun(
      [...SIDECAR_ARGS, "-shutdown-grace-period", "0s", "-shutdown-timeout", "1s"],
      { mode: "ignore_quit" },
    );
    try {
      await run.waitFor(started);
      run.child.kill("SIGTERM");
      const log = await run.waitFor((e) => requests(e, "/quitquitquit").length > 0, 5_000);
      const out = await run.finish();
      const end = Date.now();
      assertEquals(out.code, 137, out.stderr);
      const quitAt = requests(log, "/quitquitquit")[0].t;
      assert(end - quitAt >= 900, `killed ${end - quitAt} ms after quit`);
      assert(out.stderr.includes("SIGKILL"), out.stderr);
      assertEquals(run.events().filter((e) => e.event === "signal"), []);
      // Even with no grace period, quit comes after the drain calls, never before them.
      assertEquals(
        run.events().filter((e) => e.event === "request" && e.method === "POST").map((e) => e.path),
        ["/healthcheck/fail", "/drain_listeners", "/quitquitquit"],
      );
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "supervise: Envoy exiting 3 by itself makes connect-envoy exit 3",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun(SIDECAR_ARGS, { mode: "exit3" });
    try {
      const out = await run.finish();
      assertEquals(out.code, 3, out.stderr);
      assert(started(run.events()));
      assertEquals(requests(run.events(), "/quitquitquit"), []);
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "supervise: a registered gateway whose Envoy exits 3 is deregistered, then exit 3",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun(
      ["-gateway", "mesh", "-register", "-supervise", "-reregister-interval", "100ms"],
      { mode: "exit3", agent: { registerAdds: true, acl: { enabled: true, tokens: [TOKEN] } } },
    );
    try {
      const out = await run.finish();
      const end = Date.now();
      assertEquals(out.code, 3, out.stderr);
      assert(started(run.events()));
      assertEquals(requests(run.events(), "/quitquitquit"), []);
      const paths = run.agent.requests.map((r) => `${r.method} ${r.path}`);
      const dereg = paths.indexOf("PUT /v1/agent/service/deregister/mesh-gateway");
      assert(dereg >= 0, `deregistered: ${paths}`);
      assertEquals(
        paths.slice(dereg + 1),
        [],
        "nothing after the deregistration (no re-registration)",
      );
      assertEquals(paths.filter((p) => p.endsWith("/register")).length, 1, "registered once");
      const deregEnd = run.agentStartWall + run.agent.requests[dereg].endMs;
      assert(deregEnd <= end, "deregistered before connect-envoy exited");
      assert(out.stderr.includes("Envoy exited by itself (status 3)"), out.stderr);
      assert(out.stderr.includes('Deregistered service "mesh-gateway"'), out.stderr);
    } finally {
      await run.cleanup();
    }
  },
});

/** What answers `GET /json/list` on Deno's inspector address ("" when nothing does). */
async function probeInspector(): Promise<string> {
  let conn: Deno.Conn;
  try {
    conn = await Deno.connect({ hostname: "127.0.0.1", port: 9229 });
  } catch {
    return "";
  }
  try {
    await conn.write(new TextEncoder().encode("GET /json/list HTTP/1.0\r\n\r\n"));
    const chunks: string[] = [];
    const buf = new Uint8Array(4096);
    const deadline = AbortSignal.timeout(2_000);
    while (!deadline.aborted) {
      const n = await conn.read(buf);
      if (n === null) break;
      chunks.push(new TextDecoder().decode(buf.subarray(0, n)));
    }
    return chunks.join("");
  } catch {
    return "";
  } finally {
    conn.close();
  }
}

Deno.test({
  name: "supervise: exec's argv rules; SIGHUP and SIGUSR1 are forwarded to Envoy",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun([
      ...SIDECAR_ARGS,
      "-shutdown-grace-period",
      "0s",
      "--",
      "--log-level",
      "debug",
    ]);
    try {
      const first = await run.waitFor(started);
      const argv = first.find((e) => e.event === "start")!.argv!;
      assert(/^\/dev\/fd\/\d+$/.test(argv[1]), argv[1]);
      assertEquals(argv, [
        "--config-path",
        argv[1],
        "--disable-hot-restart",
        "--log-level",
        "debug",
      ]);
      run.child.kill("SIGHUP");
      await run.waitFor((e) => e.some((x) => x.signal === "SIGHUP"), 5_000);
      // The runtime arms its SIGUSR1 debugger half a second after start: signal after that.
      await new Promise((r) => setTimeout(r, 1_000));
      run.child.kill("SIGUSR1");
      await run.waitFor((e) => e.some((x) => x.signal === "SIGUSR1"), 5_000);
      // Deno opens a debugger on 127.0.0.1:9229 on SIGUSR1; the supervisor must keep it shut.
      const debuggerAnswer = await probeInspector();
      assertEquals(debuggerAnswer, "", "no inspector answers after a forwarded SIGUSR1");
      run.child.kill("SIGINT");
      const out = await run.finish();
      assertEquals(out.code, 0, out.stderr);
      assert(!out.stderr.includes("Debugger listening"), out.stderr);
      assertEquals(
        run.events().filter((e) => e.event === "signal").map((e) => e.signal),
        ["SIGHUP", "SIGUSR1"],
      );
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "supervise: -lifecycle-bind serves /ready and starts the sequence on /graceful_shutdown",
  ignore: linuxOnly,
  fn: async () => {
    const port = freePort();
    const run = await startRun([
      ...SIDECAR_ARGS,
      "-shutdown-grace-period",
      "1s",
      "-lifecycle-bind",
      `:${port}`,
    ]);
    try {
      await run.waitFor(started);
      const url = `http://127.0.0.1:${port}`;
      const ready = await fetch(`${url}/ready`);
      assertEquals([ready.status, (await ready.text()).trim()], [200, "LIVE"]);
      const stop = await fetch(`${url}/graceful_shutdown`, { method: "POST" });
      assertEquals(stop.status, 200);
      await stop.body?.cancel();
      const after = await fetch(`${url}/ready`);
      assertEquals(after.status, 503);
      await after.body?.cancel();
      await run.waitFor((e) => requests(e, "/quitquitquit").length > 0, 5_000);
      const out = await run.finish();
      assertEquals(out.code, 0, out.stderr);
      assertEquals(requests(run.events(), "/drain_listeners").length, 1);
      assertEquals(run.events().filter((e) => e.event === "signal"), []);
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "supervise: -register keeps the gateway registered and deregisters it before quit",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun(
      [
        "-gateway",
        "mesh",
        "-register",
        "-supervise",
        "-reregister-interval",
        "1s",
        "-shutdown-grace-period",
        "1s",
      ],
      { agent: { registerAdds: true, acl: { enabled: true, tokens: [TOKEN] } } },
    );
    try {
      await run.waitFor(started);
      const puts = () =>
        run.agent.requests.filter((r) => r.path === "/v1/agent/service/register").length;
      assertEquals(puts(), 1);
      assert(run.agent.forget("mesh-gateway"), "the agent knew the gateway");
      const forgotten = Date.now();
      while (puts() < 2 && Date.now() - forgotten < 3_000) {
        await new Promise((r) => setTimeout(r, 25));
      }
      assertEquals(puts(), 2, "registered again");
      assert(Date.now() - forgotten <= 2_000, `re-registered after ${Date.now() - forgotten} ms`);
      const again = run.agent.requests.filter((r) => r.path === "/v1/agent/service/register");
      assertEquals(again[1].body, again[0].body, "the same body");
      assertEquals(again[1].token, TOKEN);

      run.child.kill("SIGTERM");
      const log = await run.waitFor((e) => requests(e, "/quitquitquit").length > 0, 5_000);
      const out = await run.finish();
      assertEquals(out.code, 0, out.stderr);
      const dereg = run.agent.requests.find((r) =>
        r.path === "/v1/agent/service/deregister/mesh-gateway"
      );
      assert(dereg !== undefined, "deregistered");
      assertEquals(dereg.method, "PUT");
      const deregWall = run.agentStartWall + dereg.endMs;
      const quitAt = requests(log, "/quitquitquit")[0].t;
      assert(deregWall < quitAt, `deregistered ${quitAt - deregWall} ms before quit`);
      assertEquals(run.agent.requests.filter((r) => r.path.endsWith("/register")).length, 2);
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "start-up: envoy --version runs while the agent requests are in flight",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun([...SIDECAR_ARGS, "-shutdown-grace-period", "0s"], {
      agent: {
        services: { "web-sidecar-proxy": SIDECAR },
        acl: { enabled: true, tokens: [TOKEN] },
        latencyMs: 250,
      },
      env: { FAKE_ENVOY_VERSION_LOG: "version.log" },
    });
    try {
      await run.waitFor(started);
      run.child.kill("SIGTERM");
      assertEquals((await run.finish()).code, 0);
      const versionAt = Number(Deno.readTextFileSync(`${run.root}/version.log`).trim());
      const lastAgentEnd = Math.max(...run.agent.requests.map((r) => r.endMs)) +
        run.agentStartWall;
      assert(versionAt < lastAgentEnd - 100, `version ${lastAgentEnd - versionAt} ms before`);
    } finally {
      await run.cleanup();
    }
  },
});

Deno.test({
  name:
    "supervise: a -lifecycle-bind address in use is one line naming the flag; Envoy not started",
  ignore: linuxOnly,
  fn: async () => {
    const busy = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (busy.addr as Deno.NetAddr).port;
    const run = await startRun([...SIDECAR_ARGS, "-lifecycle-bind", `127.0.0.1:${port}`]);
    try {
      const out = await run.finish();
      assertEquals(out.code, 1);
      const lines = out.stderr.trim().split("\n");
      assertEquals(lines.length, 1, out.stderr);
      assert(lines[0].startsWith(`-lifecycle-bind 127.0.0.1:${port}: cannot listen`), lines[0]);
      assertEquals(run.events(), [], "Envoy was not started");
    } finally {
      busy.close();
      await run.cleanup();
    }
  },
});

Deno.test({
  name: "supervise: a failing admin call is one log line and the sequence goes on",
  ignore: linuxOnly,
  fn: async () => {
    const run = await startRun([...SIDECAR_ARGS, "-shutdown-grace-period", "300ms"], {
      mode: "admin_fail",
    });
    try {
      await run.waitFor(started);
      run.child.kill("SIGTERM");
      await run.waitFor((e) => requests(e, "/quitquitquit").length > 0, 5_000);
      const out = await run.finish();
      assertEquals(out.code, 0, out.stderr);
      const failures = out.stderr.split("\n").filter((l) => l.includes("status 500"));
      assertEquals(failures.length, 2, out.stderr);
      assert(failures[0].endsWith("Envoy admin POST /healthcheck/fail: status 500"), failures[0]);
      assert(failures[1].includes("/drain_listeners?inboundonly&graceful&skip_exit"));
    } finally {
      await run.cleanup();
    }
  },
});
