import { assert, assertEquals, assertStringIncludes, assertThrows } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import type { Env, Options, ParsedArgs } from "../../src/cli/options.ts";
import { parseArgs, usageBlock, wantsHelp } from "../../src/cli/parse.ts";
import { FLAGS } from "../../src/cli/flags.ts";
import { ENVOY_VERSIONS } from "../../src/exec/supported_versions.ts";

function run(argv: string[], env: Env = {}, os = "linux") {
  const parsed: ParsedArgs = parseArgs(argv, env, os);
  if (parsed.kind !== "run") throw new Error(`expected run, got ${parsed.kind}`);
  return parsed;
}

function opts(argv: string[], env: Env = {}, os = "linux"): Options {
  return run(argv, env, os).options;
}

function parseError(argv: string[], env: Env = {}): CliError {
  return assertThrows(() => parseArgs(argv, env, "linux"), CliError) as CliError;
}

Deno.test("help pre-pass: -h/-help/--help anywhere before --", () => {
  const cases: [string[], boolean][] = [
    [["-h"], true],
    [["-help"], true],
    [["--help"], true],
    [["-proxy-id", "-h"], true], // value position still counts
    [["-bootstrap", "x", "--help"], true], // after the first positional
    [["-nope", "-help"], true], // before any parse error
    [["--", "-h"], false],
    [["-proxy-id", "web", "--", "--help"], false],
    [["-h=true"], false],
    [["---help"], false],
    [["-H"], false],
  ];
  for (const [argv, want] of cases) {
    assertEquals(wantsHelp(argv), want, argv.join(" "));
    if (want) assertEquals(parseArgs(argv, {}, "linux"), { kind: "help" });
  }
});

Deno.test("-h after -- is an Envoy argument", () => {
  assertEquals(run(["-proxy-id=web", "--", "-h"]).passthrough, ["-h"]);
});

Deno.test("defaults with no arguments and no environment", () => {
  const parsed = run([]);
  assertEquals(parsed.passthrough, []);
  const o = parsed.options;
  assertEquals(o.proxyId, "");
  assertEquals(o.sidecarFor, "");
  assertEquals(o.address, undefined);
  assertEquals(o.wanAddress, undefined);
  assertEquals(o.bindAddresses, []);
  assertEquals(o.deregisterAfterCritical, "6h");
  assertEquals(o.adminBind, "");
  assertEquals(o.adminAccessLogPath, "/dev/null");
  assertEquals(o.envoyVersion, ENVOY_VERSIONS[0]);
  assertEquals(o.envoyReadyBindPort, 0);
  assertEquals(o.prometheusScrapePath, "/metrics");
  assertEquals(o.waitForRegistrationMs, 0);
  assertEquals(o.validate, false);
  assertEquals(o.bootstrap, false);
  assertEquals(o.http, {});
});

Deno.test("every Options key is produced by the flag table", () => {
  const o = opts([]);
  const keys = new Set(Object.keys(o));
  for (const k of ["address", "wanAddress"]) keys.add(k); // optional: undefined when absent
  const expected = [
    "proxyId",
    "sidecarFor",
    "nodeName",
    "gateway",
    "meshGateway",
    "register",
    "service",
    "address",
    "wanAddress",
    "bindAddresses",
    "exposeServers",
    "deregisterAfterCritical",
    "adminBind",
    "adminAccessLogPath",
    "bootstrap",
    "noCentralConfig",
    "grpcAddr",
    "grpcCaFile",
    "grpcCaPath",
    "envoyBinary",
    "envoyVersion",
    "ignoreEnvoyCompatibility",
    "envoyReadyBindAddress",
    "envoyReadyBindPort",
    "omitDeprecatedTags",
    "prometheusBackendPort",
    "prometheusScrapePath",
    "prometheusCaFile",
    "prometheusCaPath",
    "prometheusCertFile",
    "prometheusKeyFile",
    "enableConfigGenLogging",
    "waitForRegistrationMs",
    "validate",
    "supervise",
    "shutdownGracePeriodMs",
    "shutdownTimeoutMs",
    "shutdownDrainListeners",
    "lifecycleBind",
    "reregisterIntervalMs",
    "http",
  ] satisfies (keyof Options)[];
  assertEquals([...keys].sort(), [...expected].sort());
});

Deno.test("-admin-access-log-path defaults to the OS null device", () => {
  assertEquals(opts([], {}, "linux").adminAccessLogPath, "/dev/null");
  assertEquals(opts([], {}, "darwin").adminAccessLogPath, "/dev/null");
  assertEquals(opts([], {}, "windows").adminAccessLogPath, "NUL");
  assertEquals(opts(["-admin-access-log-path=/tmp/a"], {}, "windows").adminAccessLogPath, "/tmp/a");
});

Deno.test("every flag is settable and lands in its option", () => {
  const stringFlags: [string, keyof Options][] = [
    ["proxy-id", "proxyId"],
    ["sidecar-for", "sidecarFor"],
    ["node-name", "nodeName"],
    ["gateway", "gateway"],
    ["service", "service"],
    ["address", "address"],
    ["wan-address", "wanAddress"],
    ["admin-bind", "adminBind"],
    ["admin-access-log-path", "adminAccessLogPath"],
    ["grpc-addr", "grpcAddr"],
    ["grpc-ca-file", "grpcCaFile"],
    ["grpc-ca-path", "grpcCaPath"],
    ["envoy-binary", "envoyBinary"],
    ["envoy-version", "envoyVersion"],
    ["envoy-ready-bind-address", "envoyReadyBindAddress"],
    ["prometheus-backend-port", "prometheusBackendPort"],
    ["prometheus-scrape-path", "prometheusScrapePath"],
    ["prometheus-ca-file", "prometheusCaFile"],
    ["prometheus-ca-path", "prometheusCaPath"],
    ["prometheus-cert-file", "prometheusCertFile"],
    ["prometheus-key-file", "prometheusKeyFile"],
  ];
  for (const [flag, key] of stringFlags) {
    assertEquals(opts([`-${flag}`, "v-1"])[key], "v-1", flag);
    assertEquals(opts([`--${flag}=`])[key], "", flag);
  }
  // A Go duration, passed to the agent as given.
  assertEquals(opts(["-deregister-after-critical", "90m"]).deregisterAfterCritical, "90m");
  assertEquals(opts(["--deregister-after-critical="]).deregisterAfterCritical, "");
  const boolFlags: [string, keyof Options][] = [
    ["mesh-gateway", "meshGateway"],
    ["register", "register"],
    ["expose-servers", "exposeServers"],
    ["bootstrap", "bootstrap"],
    ["no-central-config", "noCentralConfig"],
    ["ignore-envoy-compatibility", "ignoreEnvoyCompatibility"],
    ["omit-deprecated-tags", "omitDeprecatedTags"],
    ["enable-config-gen-logging", "enableConfigGenLogging"],
    ["validate", "validate"],
  ];
  for (const [flag, key] of boolFlags) {
    assertEquals(opts([`-${flag}`])[key], true, flag);
    assertEquals(opts([`-${flag}=false`])[key], false, flag);
  }
  assertEquals(opts(["-envoy-ready-bind-port", "21000"]).envoyReadyBindPort, 21000);
  assertEquals(opts(["-wait-for-registration", "2s"]).waitForRegistrationMs, 2000);
});

Deno.test("-envoy-ready-bind-port uses Go integer syntax", () => {
  const cases: [string, number][] = [
    ["0x1F", 31],
    ["0o17", 15],
    ["017", 15],
    ["0b101", 5],
    ["1_000", 1000],
    ["-1", -1],
    ["+7", 7],
  ];
  for (const [text, want] of cases) {
    assertEquals(opts([`-envoy-ready-bind-port=${text}`]).envoyReadyBindPort, want, text);
  }
  assertEquals(
    parseError(["-envoy-ready-bind-port", "9223372036854775808"]).message,
    'invalid value "9223372036854775808" for flag -envoy-ready-bind-port: value out of range',
  );
  assertEquals(
    parseError(["-envoy-ready-bind-port", "08"]).message,
    'invalid value "08" for flag -envoy-ready-bind-port: parse error',
  );
});

Deno.test("-wait-for-registration: Go durations stored in milliseconds", () => {
  const cases: [string, number][] = [
    ["0", 0],
    ["-0", 0],
    ["30s", 30_000],
    ["1m30s", 90_000],
    ["500ms", 500],
    ["1.5h", 5_400_000],
    ["1ns", 1],
    ["1500us", 2], // sub-millisecond remainders round up: never 0 for a non-zero wait
  ];
  for (const [text, want] of cases) {
    assertEquals(opts(["-wait-for-registration", text]).waitForRegistrationMs, want, text);
  }
  for (const bad of ["30", "abc", "1x", "", "-1s", "-1ns"]) {
    assertEquals(
      parseError([`-wait-for-registration=${bad}`]).message.startsWith(
        `invalid value "${bad}" for flag -wait-for-registration: parse error (`,
      ),
      true,
      bad,
    );
  }
});

Deno.test("flags stop at the first non-flag; the rest is pass-through", () => {
  const a = run(["-sidecar-for", "web", "extra", "-bootstrap"]);
  assertEquals(a.options.sidecarFor, "web");
  assertEquals(a.options.bootstrap, false);
  assertEquals(a.passthrough, ["extra", "-bootstrap"]);

  const b = run(["-bootstrap", "false"]);
  assertEquals(b.options.bootstrap, true);
  assertEquals(b.passthrough, ["false"]);

  const c = run(["-proxy-id", "-x"]);
  assertEquals(c.options.proxyId, "-x");
  assertEquals(c.passthrough, []);

  assertEquals(run(["-", "-bootstrap"]).passthrough, ["-", "-bootstrap"]);
  assertEquals(run(["--", "--", "-l"]).passthrough, ["--", "-l"]);
  assertEquals(run(["--proxy-id=a", "--", "--base-id", "1"]).passthrough, ["--base-id", "1"]);
});

Deno.test("repeated flags: last wins; -bind-address accumulates", () => {
  const o = opts([
    "-proxy-id=a",
    "-proxy-id",
    "b",
    "-bind-address",
    "x=1.2.3.4",
    "-bind-address=y=[::1]:1",
    "-bind-address",
    "=z",
  ]);
  assertEquals(o.proxyId, "b");
  assertEquals(o.bindAddresses, ["x=1.2.3.4", "y=[::1]:1", "=z"]);
});

Deno.test("-address/-wan-address are kept raw", () => {
  const o = opts(["-address", "{{ GetPrivateIP }}:1", "-wan-address="]);
  assertEquals(o.address, "{{ GetPrivateIP }}:1");
  assertEquals(o.wanAddress, "");
});

Deno.test("environment fallbacks and precedence", () => {
  type Case = [string, string[], Env, keyof Options, string];
  const cases: Case[] = [
    ["CONNECT_PROXY_ID", [], { CONNECT_PROXY_ID: "c" }, "proxyId", "c"],
    ["CONSUL_PROXY_ID", [], { CONSUL_PROXY_ID: "p" }, "proxyId", "p"],
    ["CONNECT over CONSUL", [], { CONNECT_PROXY_ID: "c", CONSUL_PROXY_ID: "p" }, "proxyId", "c"],
    ["empty CONNECT is unset", [], { CONNECT_PROXY_ID: "", CONSUL_PROXY_ID: "p" }, "proxyId", "p"],
    [
      "flag over env",
      ["-proxy-id=f"],
      { CONNECT_PROXY_ID: "c", CONSUL_PROXY_ID: "p" },
      "proxyId",
      "f",
    ],
    ["explicit empty flag wins", ["-proxy-id="], { CONNECT_PROXY_ID: "c" }, "proxyId", ""],
    ["CONNECT_SIDECAR_FOR", [], { CONNECT_SIDECAR_FOR: "web" }, "sidecarFor", "web"],
    [
      "sidecar flag wins",
      ["-sidecar-for", "api"],
      { CONNECT_SIDECAR_FOR: "web" },
      "sidecarFor",
      "api",
    ],
    ["CONSUL_GRPC_ADDR", [], { CONSUL_GRPC_ADDR: "h:8502" }, "grpcAddr", "h:8502"],
    ["grpc flag wins", ["-grpc-addr="], { CONSUL_GRPC_ADDR: "h:8502" }, "grpcAddr", ""],
    ["CONSUL_GRPC_CACERT", [], { CONSUL_GRPC_CACERT: "/ca" }, "grpcCaFile", "/ca"],
    ["CONSUL_GRPC_CAPATH", [], { CONSUL_GRPC_CAPATH: "/cas" }, "grpcCaPath", "/cas"],
    ["empty CONSUL_GRPC_CAPATH", [], { CONSUL_GRPC_CAPATH: "" }, "grpcCaPath", ""],
  ];
  for (const [label, argv, env, key, want] of cases) {
    assertEquals(opts(argv, env)[key], want, label);
  }
});

Deno.test("HTTP flags: only those present, values as given, env not applied", () => {
  const env: Env = { CONSUL_HTTP_ADDR: "e:1", CONSUL_HTTP_TOKEN: "secret" };
  assertEquals(opts([], env).http, {});
  assertEquals(
    opts([
      "-http-addr",
      "h:1",
      "-token=",
      "-token-file",
      "/t",
      "-ca-file=/a",
      "-ca-path=/p",
      "-client-cert=/c",
      "-client-key=/k",
      "-tls-server-name=s:1",
      "-namespace=ns",
      "-partition=pt",
    ], env).http,
    {
      httpAddr: "h:1",
      token: "",
      tokenFile: "/t",
      caFile: "/a",
      caPath: "/p",
      clientCert: "/c",
      clientKey: "/k",
      tlsServerName: "s:1",
      namespace: "ns",
      partition: "pt",
    },
  );
});

Deno.test("-version", () => {
  assertEquals(parseArgs(["-version"], {}, "linux"), { kind: "version" });
  assertEquals(parseArgs(["--version", "-proxy-id=x"], {}, "linux"), { kind: "version" });
  assertEquals(run(["-version=false"]).options.proxyId, "");
  // Parsing must succeed first.
  assertEquals(parseError(["-version", "-nope"]).message, "flag provided but not defined: -nope");
  // After a positional it is an Envoy argument.
  assertEquals(run(["x", "-version"]).passthrough, ["x", "-version"]);
});

Deno.test("parse errors: Go's line, one line only (no usage block), hints for typos", () => {
  const cases: [string[], string][] = [
    [["---x"], "bad flag syntax: ---x"],
    [["-=x"], "bad flag syntax: -=x"],
    [["-proxy-id"], "flag needs an argument: -proxy-id"],
    [["-bootstrap=yes"], 'invalid boolean value "yes" for -bootstrap: parse error'],
    [["-datacenter", "dc1"], "flag provided but not defined: -datacenter"],
    [["-stale"], "flag provided but not defined: -stale"],
    [["-peer=x"], "flag provided but not defined: -peer"],
    [["-Proxy-id=x"], "flag provided but not defined: -Proxy-id (did you mean -proxy-id?)"],
    [
      ["-sidecar-fro", "web"],
      "flag provided but not defined: -sidecar-fro (did you mean -sidecar-for?)",
    ],
    [
      ["-bind-address", "nope"],
      'invalid value "nope" for flag -bind-address: Missing "=" in argument: nope',
    ],
  ];
  for (const [argv, message] of cases) {
    const err = parseError(argv);
    assertEquals(err.message, message, argv.join(" "));
    assertEquals(err.exitCode, 1);
    assertEquals(err.detail, undefined, `no usage block for ${argv}`);
  }
});

Deno.test("-h=true / -help=x: usage block only, exit 1", () => {
  for (const argv of [["-h=true"], ["--help=1"], ["-help=x"], ["-proxy-id=a", "-h=0"]]) {
    const err = parseError(argv);
    assertEquals(err.message, "Usage:");
    assertEquals(err.exitCode, 1);
    assert(err.detail?.startsWith("  -address value\n"));
  }
});

Deno.test("usage block lists every flag in byte order with env-derived defaults", () => {
  const block = usageBlock(
    { CONSUL_PROXY_ID: "from-env", CONSUL_HTTP_TOKEN: "tok-secret" },
    "linux",
  );
  const names = [...block.matchAll(/^ {2}-([a-z-]+)/gm)].map((m) => m[1]);
  assertEquals(names, FLAGS.map((f) => f.name).sort());
  assertStringIncludes(block, '(default "from-env")');
  assertStringIncludes(block, '(default "6h")');
  assertStringIncludes(block, '(default "/dev/null")');
  assert(!block.includes("tok-secret"), "the token never appears in the usage block");
  assertStringIncludes(usageBlock({}, "windows"), '(default "NUL")');
});
