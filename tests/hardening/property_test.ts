/**
 * Property tests: random inputs to the flag parser, the weak
 * decoder and the bootstrap builder never throw anything but `CliError`,
 * and whatever they return is well-formed. Seeded, so a failure names the
 * seed and iteration that reproduce it.
 */

import { assert } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import { parseArgs } from "../../src/cli/parse.ts";
import { FLAGS } from "../../src/cli/flags.ts";
import {
  decodeProxyConfig,
  PROXY_CONFIG_KEYS,
  weakDecodeProxyConfig,
} from "../../src/bootstrap/proxy_config.ts";
import { renderBootstrap } from "../../src/bootstrap/mod.ts";
import type { BootstrapInput } from "../../src/bootstrap/input.ts";
import { NO_ENV, sidecarInput } from "../bootstrap/fixtures.ts";
import { NASTY_ALPHABET, Prng, randomJson, randomJsonText } from "./prng.ts";

const SEED = 0x5eed_0006;

/** Run `body` `n` times with one PRNG; failures name seed and iteration. */
function forAll(n: number, seed: number, body: (rng: Prng, i: number) => void): void {
  const rng = new Prng(seed);
  for (let i = 0; i < n; i++) {
    try {
      body(rng, i);
    } catch (err) {
      const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new Error(`seed ${seed}, iteration ${i}: ${text}`);
    }
  }
}

/** `fn` returns, or throws a CliError with a non-empty message and exit code 1. */
function returnsOrCliError<T>(fn: () => T, input: unknown): T | undefined {
  try {
    return fn();
  } catch (err) {
    return checkCliError(err, input);
  }
}

/** `fn` resolves, or rejects with a CliError with a non-empty message and exit code 1. */
async function resolvesOrCliError<T>(fn: () => Promise<T>, input: unknown): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    return checkCliError(err, input);
  }
}

function checkCliError(err: unknown, input: unknown): undefined {
  if (!(err instanceof CliError)) {
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new Error(`not a CliError (${what}) for input ${JSON.stringify(input)}`);
  }
  assert(err.message.trim() !== "", `empty CliError message for ${JSON.stringify(input)}`);
  assert(err.exitCode === 1, `exit code ${err.exitCode} for ${JSON.stringify(input)}`);
  return undefined;
}

const FLAG_NAMES = FLAGS.map((f) => f.name);
const VALUES = [
  "",
  "web",
  "-",
  "--",
  "=",
  "==x",
  "0",
  "1",
  "-1",
  "true",
  "FALSE",
  "t",
  "maybe",
  "5s",
  "1h2m3.5s",
  "-1s",
  "1e3",
  "0x1F",
  "0o17",
  "0b101",
  "1_000",
  "9223372036854775807",
  "9223372036854775808",
  "-9223372036854775809",
  "127.0.0.1:8500",
  "[::1]:19000",
  "::1",
  "a=b",
  "unix:///tmp/x.sock",
  "{{ GetPrivateIP }}",
  "\u00e9\u4e2d",
];

function randomArg(rng: Prng): string {
  switch (rng.int(7)) {
    case 0:
      return rng.pick(VALUES);
    case 1:
      return rng.string(8, NASTY_ALPHABET);
    case 2:
      return rng.pick(["--", "-", "---", "-=", "--=x"]);
    default: {
      const dashes = rng.pick(["-", "-", "--", "---"]);
      let name = rng.chance(0.9) ? rng.pick(FLAG_NAMES) : rng.string(6, "abcdefhxyz-");
      if (rng.chance(0.05)) name = name.toUpperCase();
      const inline = rng.chance(0.4)
        ? `=${rng.chance(0.7) ? rng.pick(VALUES) : rng.string(5, NASTY_ALPHABET)}`
        : "";
      return `${dashes}${name}${inline}`;
    }
  }
}

const ENV_KEYS = [
  "CONNECT_PROXY_ID",
  "CONSUL_PROXY_ID",
  "CONNECT_SIDECAR_FOR",
  "CONSUL_GRPC_ADDR",
  "CONSUL_GRPC_CACERT",
  "CONSUL_HTTP_ADDR",
];

Deno.test("property: parseArgs returns or throws CliError for random argv", () => {
  let parsed = 0;
  let failed = 0;
  forAll(4000, SEED, (rng) => {
    const argv = Array.from({ length: rng.int(8) }, () => randomArg(rng));
    const env: Record<string, string> = {};
    for (const k of ENV_KEYS) if (rng.chance(0.2)) env[k] = rng.pick(VALUES);
    const r = returnsOrCliError(() => parseArgs(argv, env, rng.pick(["linux", "windows"])), argv);
    if (r === undefined) {
      failed++;
      return;
    }
    parsed++;
    if (r.kind !== "run") return;
    const o = r.options;
    assert(Array.isArray(r.passthrough), `passthrough for ${JSON.stringify(argv)}`);
    assert(
      Number.isFinite(o.waitForRegistrationMs) && o.waitForRegistrationMs >= 0,
      `wait ${o.waitForRegistrationMs} for ${JSON.stringify(argv)}`,
    );
    assert(Number.isFinite(o.envoyReadyBindPort), `port for ${JSON.stringify(argv)}`);
    assert(Array.isArray(o.bindAddresses), `bind addresses for ${JSON.stringify(argv)}`);
  });
  // Both outcomes must actually be exercised, or the generator is useless.
  assert(parsed > 400 && failed > 400, `parsed ${parsed}, failed ${failed}`);
});

const KEYS = PROXY_CONFIG_KEYS.map((k) => k.key);

/** A key as users might spell it: exact, upper-case, or mixed case. */
function spelled(rng: Prng, key: string): string {
  if (rng.chance(0.8)) return key;
  return rng.chance(0.5)
    ? key.toUpperCase()
    : [...key].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join("");
}

const TEMPLATE_PIECES = [
  "{{",
  "}}",
  "{{-",
  "-}}",
  " .ProxyID ",
  " .AgentAddress ",
  " .Nope ",
  " if ",
  " else ",
  " end ",
  " range $i, $e := .StatsSinksJSON ",
  " with .GRPC ",
  ' printf "%d" ',
  " len ",
  " index ",
  " eq 1 ",
  '"',
  '{"a": ',
  "}",
  "[",
  "]",
  ",",
  "/*",
  "*/",
  " $x := 3 ",
  " $x ",
  "(",
  ")",
  "|",
];

function randomTemplate(rng: Prng): string {
  if (rng.chance(0.2)) return '{"node": {"id": "{{ .ProxyID }}"}}';
  return Array.from({ length: rng.int(12) }, () => rng.pick(TEMPLATE_PIECES)).join("");
}

/** A random `Proxy.Config` map touching 1–4 `envoy_*` keys. */
function randomConfig(rng: Prng): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const n = 1 + rng.int(4);
  for (let i = 0; i < n; i++) {
    const key = rng.pick(KEYS);
    let value: unknown = randomJson(rng);
    if (key.endsWith("_json") && rng.chance(0.6)) value = randomJsonText(rng);
    if (key === "envoy_bootstrap_json_tpl" && rng.chance(0.7)) value = randomTemplate(rng);
    config[spelled(rng, key)] = value;
  }
  if (rng.chance(0.2)) config.protocol = randomJson(rng);
  return config;
}

Deno.test("property: the weak decoder never throws; decodeProxyConfig throws only CliError", () => {
  forAll(3000, SEED + 1, (rng) => {
    const config = randomConfig(rng);
    const { settings, errors } = weakDecodeProxyConfig(config);
    for (const e of errors) assert(typeof e === "string" && e !== "", "error texts");
    for (const [field, v] of Object.entries(settings)) {
      const ok = field === "statsTags"
        ? Array.isArray(v) && v.every((s) => typeof s === "string")
        : typeof v === "string";
      assert(ok, `${field} decoded to ${JSON.stringify(v)} from ${JSON.stringify(config)}`);
    }
    const decoded = returnsOrCliError(() => decodeProxyConfig(config), config);
    assert((decoded === undefined) === (errors.length > 0), "throws exactly when errors exist");
  });
});

Deno.test("property: renderBootstrap returns valid JSON or throws CliError", async () => {
  const cases: { proxyConfig: Record<string, unknown>; input: BootstrapInput }[] = [];
  forAll(2000, SEED + 2, (rng) => {
    const proxyConfig = randomConfig(rng);
    const input = sidecarInput({ proxyConfig, token: rng.chance(0.3) ? 'to"k\\en' : "" });
    cases.push({ proxyConfig, input });
  });
  let built = 0;
  for (const [i, { proxyConfig, input }] of cases.entries()) {
    const text = await resolvesOrCliError(() => renderBootstrap(input, NO_ENV), proxyConfig);
    if (text === undefined) continue;
    built++;
    try {
      JSON.parse(text);
    } catch (err) {
      throw new Error(
        `iteration ${i}: success with invalid JSON (${err}) for ${JSON.stringify(proxyConfig)}`,
      );
    }
  }
  assert(built > 100, `only ${built} random configs produced a bootstrap`);
});
