import { assertEquals, assertThrows } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import {
  adminAccessLoggers,
  DEFAULT_JSON_FORMAT,
  sortKeysDeep,
} from "../../src/bootstrap/access_logs.ts";

const FILE_LOGGER = (path: string) => ({
  name: "envoy.access_loggers.file",
  typed_config: {
    "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
    path,
  },
});
const STDOUT = "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog";
const STDERR = "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StderrAccessLog";
const FILE = "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog";

Deno.test("adminAccessLoggers: default file logger when absent or disabled", () => {
  for (const logs of [undefined, {}, { Enabled: false }, { enabled: "false" }, { Enabled: null }]) {
    assertEquals(adminAccessLoggers(logs, "/dev/null") as unknown, {
      loggers: [FILE_LOGGER("/dev/null")],
      fromProxyDefaults: false,
    });
  }
});

Deno.test("adminAccessLoggers: enabled, each type, path only for file", () => {
  const table: [Record<string, unknown>, string, string | undefined][] = [
    [{ Enabled: true }, STDOUT, undefined],
    [{ Enabled: true, Type: "stdout", Path: "/ignored" }, STDOUT, undefined],
    [{ enabled: true, type: "stderr" }, STDERR, undefined],
    [{ Enabled: true, Type: "file", Path: "/var/log/consul.log" }, FILE, "/var/log/consul.log"],
    [{ Enabled: true, Type: "file" }, FILE, undefined],
  ];
  for (const [logs, atType, path] of table) {
    const { loggers, fromProxyDefaults } = adminAccessLoggers(logs, "/admin.log");
    assertEquals(fromProxyDefaults, true);
    assertEquals(loggers as unknown, [{
      name: "Consul Listener Filter Log",
      typedConfig: {
        "@type": atType,
        ...(path !== undefined ? { path } : {}),
        logFormat: { jsonFormat: DEFAULT_JSON_FORMAT },
      },
    }]);
    assertEquals(
      Object.keys((loggers[0] as { typedConfig: object }).typedConfig),
      path !== undefined ? ["@type", "path", "logFormat"] : ["@type", "logFormat"],
    );
  }
});

Deno.test("adminAccessLoggers: format choice", () => {
  const fmt = (logs: Record<string, unknown>) =>
    (adminAccessLoggers({ Enabled: true, ...logs }, "").loggers[0] as {
      typedConfig: { logFormat: unknown };
    }).typedConfig.logFormat;
  assertEquals(fmt({ TextFormat: "MY START TIME %START_TIME%" }), {
    textFormatSource: { inlineString: "MY START TIME %START_TIME%\n" },
  });
  assertEquals(fmt({ TextFormat: "already\n" }), {
    textFormatSource: { inlineString: "already\n" },
  });
  // JSON wins over text; keys sorted recursively
  const json = fmt({
    TextFormat: "x",
    JSONFormat: '{"z": 1, "a": {"y": true, "b": null}, "m": [{"k": 2, "c": 1e21}]}',
  });
  assertEquals(
    JSON.stringify(json),
    '{"jsonFormat":{"a":{"b":null,"y":true},"m":[{"c":1e+21,"k":2}],"z":1}}',
  );
  assertEquals(Object.keys(DEFAULT_JSON_FORMAT), [...Object.keys(DEFAULT_JSON_FORMAT)].sort());
  assertEquals(Object.keys(DEFAULT_JSON_FORMAT).length, 24);
});

Deno.test("adminAccessLoggers: error texts", () => {
  const table: [Record<string, unknown>, string][] = [
    [
      { Enabled: true, Type: "syslog" },
      "failure generating Envoy access log configuration: failed to get logger: unsupported log format: syslog",
    ],
    [
      { Enabled: true, JSONFormat: "{not json" },
      "failure generating Envoy access log configuration: failed to get logger: could not get envoy log format: could not unmarshal JSON format string: ",
    ],
    [
      { Enabled: true, JSONFormat: "[1]" },
      "failure generating Envoy access log configuration: failed to get logger: could not get envoy log format: could not unmarshal JSON format string: ",
    ],
    [
      { Enabled: true, JSONFormat: '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000) },
      "failure generating Envoy access log configuration: AccessLogs.JSONFormat is nested more than 100 levels deep",
    ],
  ];
  for (const [logs, msg] of table) assertThrows(() => adminAccessLoggers(logs, ""), CliError, msg);
});

Deno.test("sortKeysDeep", () => {
  assertEquals(
    JSON.stringify(sortKeysDeep({ b: [{ d: 1, c: 2 }], a: "x" })),
    '{"a":"x","b":[{"c":2,"d":1}]}',
  );
  assertEquals(
    JSON.stringify(sortKeysDeep(JSON.parse('{"__proto__": {"x": 1}, "a": 2}'))),
    '{"__proto__":{"x":1},"a":2}',
  );
});
