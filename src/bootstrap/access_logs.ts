/**
 * The admin listener's access loggers:
 * the default file logger, or the proxy-defaults `AccessLogs` logger rendered
 * as protobuf-JSON. Pure.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import type { AccessLogger, JsonValue, ProxyDefaultsAccessLogger } from "./types.ts";
import { lookupKey, weakString } from "../go/weak_decode.ts";
import { depthError } from "./json_depth.ts";

const PREFIX = "failure generating Envoy access log configuration: ";

/** Envoy's `@type` for each supported `AccessLogs.Type`. */
const LOGGER_TYPES: Record<string, string> = {
  "": "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
  stdout: "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
  stderr: "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StderrAccessLog",
  file: "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
};

/** Consul's default JSON access-log format (keys already sorted). */
export const DEFAULT_JSON_FORMAT: Readonly<Record<string, string>> = {
  authority: "%REQ(:AUTHORITY)%",
  bytes_received: "%BYTES_RECEIVED%",
  bytes_sent: "%BYTES_SENT%",
  connection_termination_details: "%CONNECTION_TERMINATION_DETAILS%",
  downstream_local_address: "%DOWNSTREAM_LOCAL_ADDRESS%",
  downstream_remote_address: "%DOWNSTREAM_REMOTE_ADDRESS%",
  duration: "%DURATION%",
  method: "%REQ(:METHOD)%",
  path: "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
  protocol: "%PROTOCOL%",
  request_id: "%REQ(X-REQUEST-ID)%",
  requested_server_name: "%REQUESTED_SERVER_NAME%",
  response_code: "%RESPONSE_CODE%",
  response_code_details: "%RESPONSE_CODE_DETAILS%",
  response_flags: "%RESPONSE_FLAGS%",
  route_name: "%ROUTE_NAME%",
  start_time: "%START_TIME%",
  upstream_cluster: "%UPSTREAM_CLUSTER%",
  upstream_host: "%UPSTREAM_HOST%",
  upstream_local_address: "%UPSTREAM_LOCAL_ADDRESS%",
  upstream_service_time: "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%",
  upstream_transport_failure_reason: "%UPSTREAM_TRANSPORT_FAILURE_REASON%",
  user_agent: "%REQ(USER-AGENT)%",
  x_forwarded_for: "%REQ(X-FORWARDED-FOR)%",
};

/** Re-emit a JSON value with object keys sorted recursively (protobuf `Struct` output). */
export function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const k of Object.keys(value).sort()) {
      // defineProperty: a "__proto__" key must stay an ordinary key.
      Object.defineProperty(out, k, {
        value: sortKeysDeep(value[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** The default admin logger writing to `path`. */
export function fileAccessLogger(path: string): AccessLogger {
  return {
    name: "envoy.access_loggers.file",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
      path,
    },
  };
}

function stringField(logs: Record<string, unknown>, key: string): string {
  const r = weakString(`AccessLogs.${key}`, lookupKey(logs, key));
  if (!r.ok) throw new CliError(PREFIX + r.error);
  return r.value;
}

/** Go's `strconv.ParseBool` plus mapstructure's weak number/bool rules. */
function enabled(logs: Record<string, unknown>): boolean {
  const v = lookupKey(logs, "Enabled");
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
    if (["", "0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
    throw new CliError(`${PREFIX}cannot parse 'AccessLogs.Enabled' as bool: ${JSON.stringify(v)}`);
  }
  if (v === undefined || v === null) return false;
  throw new CliError(`${PREFIX}'AccessLogs.Enabled' expected type 'bool'`);
}

function logFormat(
  logs: Record<string, unknown>,
): ProxyDefaultsAccessLogger["typedConfig"]["logFormat"] {
  const json = stringField(logs, "JSONFormat");
  const text = stringField(logs, "TextFormat");
  if (json !== "") {
    let parsed: JsonValue;
    const tooDeep = depthError(json);
    if (tooDeep !== undefined) throw new CliError(`${PREFIX}AccessLogs.JSONFormat ${tooDeep}`);
    try {
      parsed = JSON.parse(json) as JsonValue;
    } catch (err) {
      throw new CliError(
        `${PREFIX}failed to get logger: could not get envoy log format: could not unmarshal JSON format string: ${
          err instanceof Error ? err.message : String(err)
        }`,
      );
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new CliError(
        `${PREFIX}failed to get logger: could not get envoy log format: could not unmarshal JSON format string: the format must be a JSON object`,
      );
    }
    return { jsonFormat: sortKeysDeep(parsed) as Record<string, JsonValue> };
  }
  if (text !== "") {
    return { textFormatSource: { inlineString: text.endsWith("\n") ? text : text + "\n" } };
  }
  return { jsonFormat: { ...DEFAULT_JSON_FORMAT } };
}

/** The proxy-defaults logger for an enabled `AccessLogs` block. */
export function proxyDefaultsAccessLogger(
  logs: Record<string, unknown>,
): ProxyDefaultsAccessLogger {
  const format = logFormat(logs);
  const type = stringField(logs, "Type");
  const atType = Object.hasOwn(LOGGER_TYPES, type) ? LOGGER_TYPES[type] : undefined;
  if (atType === undefined) {
    throw new CliError(`${PREFIX}failed to get logger: unsupported log format: ${type}`);
  }
  const path = type === "file" ? stringField(logs, "Path") : "";
  return {
    name: "Consul Listener Filter Log",
    typedConfig: { "@type": atType, ...(path !== "" ? { path } : {}), logFormat: format },
  };
}

/**
 * The admin access loggers: the proxy-defaults one when `AccessLogs.Enabled`
 * is true (the path flag is then ignored; `fromProxyDefaults` is then true),
 * else the default file logger. Throws `CliError`
 * `failure generating Envoy access log configuration: …`.
 */
export function adminAccessLoggers(
  accessLogs: Record<string, unknown> | undefined,
  adminAccessLogPath: string,
): { loggers: AccessLogger[]; fromProxyDefaults: boolean } {
  if (accessLogs && typeof accessLogs === "object" && enabled(accessLogs)) {
    return { loggers: [proxyDefaultsAccessLogger(accessLogs)], fromProxyDefaults: true };
  }
  return { loggers: [fileAccessLogger(adminAccessLogPath)], fromProxyDefaults: false };
}
