/**
 * The Deno half of the supervise tests' fake Envoy (started by
 * `fake_envoy.sh`). It reads the bootstrap from `--config-path`, tries to
 * write to it (a sealed memfd refuses), serves the admin endpoints of the
 * bootstrap's `admin.address.socket_address` and logs, as JSON lines with
 * a wall-clock timestamp, its start (argv, environment, seal result), every
 * admin request (with its query) and every signal to `$FAKE_ENVOY_LOG`.
 *
 * `$FAKE_ENVOY_MODE`: `normal` (quit exits 0), `ignore_quit` (quit is
 * answered but ignored), `exit3` (exits 3 by itself 300 ms after start),
 * `admin_fail` (every admin call but quit answers 500).
 *
 * @module
 */

const logPath = Deno.env.get("FAKE_ENVOY_LOG") ?? "";
const mode = Deno.env.get("FAKE_ENVOY_MODE") ?? "normal";

function log(event: Record<string, unknown>): void {
  Deno.writeTextFileSync(logPath, JSON.stringify({ t: Date.now(), ...event }) + "\n", {
    append: true,
  });
}

const at = Deno.args.indexOf("--config-path");
const configPath = Deno.args[at + 1] ?? "";
const config = Deno.readTextFileSync(configPath);

function trySealedWrite(): string {
  try {
    const f = Deno.openSync(configPath, { write: true });
    try {
      f.writeSync(new TextEncoder().encode(" "));
      return "written";
    } finally {
      f.close();
    }
  } catch (err) {
    return `refused: ${(err as Error).name}`;
  }
}

const sa = JSON.parse(config).admin.address.socket_address;
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP", "SIGUSR1"] as const) {
  Deno.addSignalListener(sig, () => {
    log({ event: "signal", signal: sig });
    if (sig === "SIGTERM" || sig === "SIGINT") Deno.exit(1);
  });
}
const server = Deno.serve(
  { hostname: sa.address, port: sa.port_value, onListen: () => {} },
  (req) => {
    const url = new URL(req.url);
    log({ event: "request", method: req.method, path: url.pathname, query: url.search.slice(1) });
    if (url.pathname === "/ready") return new Response("LIVE\n");
    if (mode === "admin_fail" && url.pathname !== "/quitquitquit") {
      return new Response("boom\n", { status: 500 });
    }
    if (url.pathname === "/quitquitquit" && mode !== "ignore_quit") {
      setTimeout(() => Deno.exit(0), 20);
    }
    return new Response("OK\n");
  },
);
log({
  event: "start",
  pid: Deno.pid,
  argv: Deno.args,
  env: Deno.env.toObject(),
  configBytes: config.length,
  write: trySealedWrite(),
  admin: `${sa.address}:${(server.addr as Deno.NetAddr).port}`,
});
if (mode === "exit3") setTimeout(() => Deno.exit(3), 300);
