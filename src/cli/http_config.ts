/**
 * The agent HTTP-client configuration, resolved as Consul's API client does:
 * defaults, then the `CONSUL_*` environment, then the HTTP flags present on
 * the command line, then normalisation — re-defaulting of empty values,
 * address schemes and path prefix, token precedence (plus the
 * connect-envoy `CONSUL_PROXY_TOKEN` fallback), basic auth, TLS settings.
 * CA files are not read here (the agent client loads them).
 *
 * @module
 */

import { CliError, errorText } from "../errors.ts";
import type { Io } from "../io.ts";
import type { HttpConfig } from "../agent/config.ts";
import type { Env, HttpFlags } from "./options.ts";
import { goQuote } from "../go/quote.ts";
import { splitHostPort } from "../go/net_ip.ts";
import { parseGoBool } from "../go/parse_bool.ts";

/** Default agent address when neither env nor flag gives one. */
export const DEFAULT_HTTP_ADDR = "localhost:8500";

/** Effects {@linkcode resolveHttpConfig} needs. */
export interface HttpConfigDeps {
  /**
   * Reads a token file, sync or async (fails like `Deno.readTextFile`; the
   * real one is bounded in size and time: `src/files/token_file.ts`).
   */
  readTextFile(path: string): string | Promise<string>;
  /** Where the `CONSUL_HTTP_SSL` parse warning goes (omitted: not printed). */
  io?: Io;
  /** Clock for the warning's timestamp (defaults to the current time). */
  now?: () => Date;
}

/** Non-empty environment value, else `""` (empty counts as unset). */
function envValue(env: Env, name: string): string {
  return env[name] ?? "";
}

function fail(cause: string): CliError {
  return new CliError(`Error connecting to Consul agent: ${cause}`);
}

/** Go-like text for a failed file read (`open <path>: <reason>`). */
function readFailureText(path: string, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const reasons: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "is a directory",
    ENOTDIR: "not a directory",
  };
  if (typeof code === "string" && Object.hasOwn(reasons, code)) {
    return code === "EISDIR" ? `read ${path}: ${reasons[code]}` : `open ${path}: ${reasons[code]}`;
  }
  if (err instanceof Deno.errors.NotFound) return `open ${path}: no such file or directory`;
  if (err instanceof Deno.errors.PermissionDenied) return `open ${path}: permission denied`;
  if (err instanceof Deno.errors.IsADirectory) return `read ${path}: is a directory`;
  // Deno refuses special files such as /proc/self/mem whatever --allow-read says.
  if (err instanceof Deno.errors.NotCapable) {
    return `open ${path}: permission denied (a special file connect-envoy may not read)`;
  }
  return errorText(err);
}

/** The trimmed content of a token file; throws Consul's error when it cannot be read. */
async function readTokenFile(path: string, deps: HttpConfigDeps): Promise<string> {
  let text: string;
  try {
    text = await deps.readTextFile(path);
  } catch (err) {
    throw fail(`Error loading token file ${path} : ${readFailureText(path, err)}`);
  }
  return text.trim();
}

/**
 * Token precedence: a new `-token-file`, a new `-token`, the
 * `CONSUL_HTTP_TOKEN_FILE` file, `CONSUL_HTTP_TOKEN`; then (connect-envoy)
 * `CONSUL_PROXY_TOKEN` when everything else is empty.
 */
async function resolveToken(flags: HttpFlags, env: Env, deps: HttpConfigDeps): Promise<string> {
  const envToken = envValue(env, "CONSUL_HTTP_TOKEN");
  const envFile = envValue(env, "CONSUL_HTTP_TOKEN_FILE");
  let token = flags.token ?? envToken;
  const file = flags.tokenFile ?? envFile;
  if (file !== "" && file !== envFile) {
    const content = await readTokenFile(file, deps);
    if (content !== "") token = content;
  } else if (token !== "" && token !== envToken) {
    // An explicit -token that differs from the environment: keep it.
  } else if (envFile !== "") {
    const content = await readTokenFile(envFile, deps);
    if (content !== "") token = content;
  } else {
    token = envToken;
  }
  return token !== "" ? token : envValue(env, "CONSUL_PROXY_TOKEN");
}

/** `CONSUL_HTTP_SSL`: unparsable ⇒ a warning line on stderr and false, as in Consul. */
function sslFromEnv(env: Env, deps: HttpConfigDeps): boolean {
  const raw = envValue(env, "CONSUL_HTTP_SSL");
  if (raw === "") return false;
  const parsed = parseGoBool(raw);
  if (parsed !== undefined) return parsed;
  const cause = `strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`;
  const stamp = (deps.now ?? (() => new Date()))().toISOString();
  deps.io?.stderr(
    `${stamp} [WARN]  consul-api: could not parse CONSUL_HTTP_SSL: error=${goQuote(cause)}\n`,
  );
  return false;
}

/** `CONSUL_HTTP_SSL_VERIFY`: false ⇒ skip verification; unparsable ⇒ error (fail closed). */
function insecureFromEnv(env: Env): boolean {
  const raw = envValue(env, "CONSUL_HTTP_SSL_VERIFY");
  if (raw === "") return false;
  const verify = parseGoBool(raw);
  if (verify === undefined) {
    throw fail(`CONSUL_HTTP_SSL_VERIFY: invalid boolean value ${goQuote(raw)}`);
  }
  return !verify;
}

/** `CONSUL_HTTP_AUTH`: `user:password`, split at the first `:`. */
function authFromEnv(env: Env): HttpConfig["auth"] {
  const raw = envValue(env, "CONSUL_HTTP_AUTH");
  if (raw === "") return undefined;
  const colon = raw.indexOf(":");
  if (colon < 0) return { username: raw, password: "" };
  return { username: raw.slice(0, colon), password: raw.slice(colon + 1) };
}

/** `-tls-server-name`: drop a `:port` suffix (Consul's `SetupTLSConfig`). */
function serverName(name: string): string {
  if (name.lastIndexOf(":") <= name.lastIndexOf("]")) return name;
  try {
    return splitHostPort(name).host;
  } catch (err) {
    throw fail((err as Error).message);
  }
}

/** Address schemes: `http://`, `https://`, `unix://`, or none. */
function splitAddress(
  address: string,
  sslScheme: "http" | "https",
): Pick<HttpConfig, "scheme" | "hostPort" | "unixSocket" | "pathPrefix"> {
  const sep = address.indexOf("://");
  if (sep < 0) return { scheme: sslScheme, hostPort: address, unixSocket: "", pathPrefix: "" };
  const scheme = address.slice(0, sep);
  const rest = address.slice(sep + 3);
  if (scheme === "unix") {
    if (rest === "") throw fail(`missing socket path in address ${goQuote(address)}`);
    return { scheme: sslScheme, hostPort: "", unixSocket: rest, pathPrefix: "" };
  }
  if (scheme !== "http" && scheme !== "https") throw fail(`Unknown protocol scheme: ${scheme}`);
  const slash = rest.indexOf("/");
  return {
    // `http://` never downgrades an https scheme requested by CONSUL_HTTP_SSL.
    scheme: scheme === "https" ? "https" : sslScheme,
    hostPort: slash < 0 ? rest : rest.slice(0, slash),
    unixSocket: "",
    pathPrefix: slash < 0 ? "" : rest.slice(slash),
  };
}

/**
 * Build the HTTP-client configuration from the present HTTP flags and the
 * environment. Throws `CliError("Error connecting to Consul agent: <cause>")`
 * for an unknown scheme, an unreadable token file, an unparsable
 * `CONSUL_HTTP_SSL_VERIFY` or a malformed server name; prints the
 * `CONSUL_HTTP_SSL` warning on `deps.io.stderr`. Never puts the token in a
 * message.
 */
export async function resolveHttpConfig(
  flags: HttpFlags,
  env: Env,
  deps: HttpConfigDeps,
): Promise<HttpConfig> {
  // Flag if present (even empty), else env; empty results fall back to the
  // env/default value again.
  const pick = (flag: string | undefined, envName: string, fallback = ""): string => {
    const fromEnv = envValue(env, envName) || fallback;
    const merged = flag ?? fromEnv;
    return merged === "" ? fromEnv : merged;
  };
  const address = pick(flags.httpAddr, "CONSUL_HTTP_ADDR", DEFAULT_HTTP_ADDR);
  const ssl = sslFromEnv(env, deps);
  const insecureSkipVerify = insecureFromEnv(env);
  const parts = splitAddress(address, ssl ? "https" : "http");
  const tlsServerName = serverName(pick(flags.tlsServerName, "CONSUL_TLS_SERVER_NAME"));
  const token = await resolveToken(flags, env, deps);
  const config: HttpConfig = {
    address,
    ...parts,
    token,
    caFile: pick(flags.caFile, "CONSUL_CACERT"),
    caPath: pick(flags.caPath, "CONSUL_CAPATH"),
    clientCert: pick(flags.clientCert, "CONSUL_CLIENT_CERT"),
    clientKey: pick(flags.clientKey, "CONSUL_CLIENT_KEY"),
    tlsServerName,
    insecureSkipVerify,
    namespace: pick(flags.namespace, "CONSUL_NAMESPACE"),
    partition: pick(flags.partition, "CONSUL_PARTITION"),
  };
  const auth = authFromEnv(env);
  if (auth !== undefined) config.auth = auth;
  return config;
}
