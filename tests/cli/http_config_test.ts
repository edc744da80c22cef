import { assert, assertEquals, assertRejects, assertStringIncludes } from "../helpers/assert.ts";
import { CliError } from "../../src/errors.ts";
import { memoryIo } from "../helpers/memory_io.ts";
import type { Env, HttpFlags } from "../../src/cli/options.ts";
import type { HttpConfig } from "../../src/agent/config.ts";
import { resolveHttpConfig } from "../../src/cli/http_config.ts";

/** A fake file system: path → content; missing paths throw like Deno does. */
function files(map: Record<string, string> = {}) {
  const reads: string[] = [];
  return {
    reads,
    readTextFile(path: string): string {
      reads.push(path);
      if (!Object.hasOwn(map, path)) {
        throw new Deno.errors.NotFound(
          `No such file or directory (os error 2): readfile '${path}'`,
        );
      }
      return map[path];
    },
  };
}

function resolve(flags: HttpFlags, env: Env, fs = files()): Promise<HttpConfig> {
  return resolveHttpConfig(flags, env, { ...fs, io: memoryIo() });
}

async function failure(flags: HttpFlags, env: Env, fs = files()): Promise<CliError> {
  return await assertRejects(() => resolve(flags, env, fs), CliError) as CliError;
}

Deno.test("defaults with an empty environment", async () => {
  assertEquals(await resolve({}, {}), {
    address: "localhost:8500",
    scheme: "http",
    hostPort: "localhost:8500",
    unixSocket: "",
    pathPrefix: "",
    token: "",
    caFile: "",
    caPath: "",
    clientCert: "",
    clientKey: "",
    tlsServerName: "",
    insecureSkipVerify: false,
    namespace: "",
    partition: "",
  });
});

Deno.test("env overlay, flag overlay, empty values re-defaulted", async () => {
  const table: [keyof HttpFlags, string, keyof HttpConfig][] = [
    ["httpAddr", "CONSUL_HTTP_ADDR", "address"],
    ["caFile", "CONSUL_CACERT", "caFile"],
    ["caPath", "CONSUL_CAPATH", "caPath"],
    ["clientCert", "CONSUL_CLIENT_CERT", "clientCert"],
    ["clientKey", "CONSUL_CLIENT_KEY", "clientKey"],
    ["tlsServerName", "CONSUL_TLS_SERVER_NAME", "tlsServerName"],
    ["namespace", "CONSUL_NAMESPACE", "namespace"],
    ["partition", "CONSUL_PARTITION", "partition"],
  ];
  for (const [flag, envName, field] of table) {
    const fallback = field === "address" ? "localhost:8500" : "";
    assertEquals((await resolve({}, { [envName]: "env-v" }))[field], "env-v", `${envName} applies`);
    assertEquals(
      (await resolve({}, { [envName]: "" }))[field],
      fallback,
      `empty ${envName} is unset`,
    );
    assertEquals(
      (await resolve({ [flag]: "flag-v" }, { [envName]: "env-v" }))[field],
      "flag-v",
      `${flag} wins`,
    );
    assertEquals(
      (await resolve({ [flag]: "" }, { [envName]: "env-v" }))[field],
      "env-v",
      `empty ${flag} re-defaults`,
    );
    assertEquals((await resolve({ [flag]: "" }, {}))[field], fallback, `empty ${flag}, no env`);
  }
});

Deno.test("address schemes", async () => {
  type Want = Pick<HttpConfig, "scheme" | "hostPort" | "unixSocket" | "pathPrefix">;
  const cases: [string, Env, Want][] = [
    ["h:8500", {}, { scheme: "http", hostPort: "h:8500", unixSocket: "", pathPrefix: "" }],
    ["h:8500", { CONSUL_HTTP_SSL: "true" }, {
      scheme: "https",
      hostPort: "h:8500",
      unixSocket: "",
      pathPrefix: "",
    }],
    ["h:8500", { CONSUL_HTTP_SSL: "0" }, {
      scheme: "http",
      hostPort: "h:8500",
      unixSocket: "",
      pathPrefix: "",
    }],
    ["http://h:8500", {}, { scheme: "http", hostPort: "h:8500", unixSocket: "", pathPrefix: "" }],
    ["http://h:8500", { CONSUL_HTTP_SSL: "1" }, {
      scheme: "https",
      hostPort: "h:8500",
      unixSocket: "",
      pathPrefix: "",
    }],
    ["https://h:8501", {}, { scheme: "https", hostPort: "h:8501", unixSocket: "", pathPrefix: "" }],
    ["https://h:8501", { CONSUL_HTTP_SSL: "false" }, {
      scheme: "https",
      hostPort: "h:8501",
      unixSocket: "",
      pathPrefix: "",
    }],
    ["http://h:8500/consul", {}, {
      scheme: "http",
      hostPort: "h:8500",
      unixSocket: "",
      pathPrefix: "/consul",
    }],
    ["https://[::1]:8501/a/b", {}, {
      scheme: "https",
      hostPort: "[::1]:8501",
      unixSocket: "",
      pathPrefix: "/a/b",
    }],
    ["unix:///run/consul.sock", {}, {
      scheme: "http",
      hostPort: "",
      unixSocket: "/run/consul.sock",
      pathPrefix: "",
    }],
    ["unix:///run/consul.sock", { CONSUL_HTTP_SSL: "T" }, {
      scheme: "https",
      hostPort: "",
      unixSocket: "/run/consul.sock",
      pathPrefix: "",
    }],
  ];
  for (const [addr, env, want] of cases) {
    const viaFlag = await resolve({ httpAddr: addr }, env);
    const { scheme, hostPort, unixSocket, pathPrefix } = viaFlag;
    assertEquals(
      { scheme, hostPort, unixSocket, pathPrefix },
      want,
      `${addr} ${JSON.stringify(env)}`,
    );
    assertEquals(viaFlag.address, addr);
    const viaEnv = await resolve({}, { ...env, CONSUL_HTTP_ADDR: addr });
    assertEquals(viaEnv.hostPort, want.hostPort, `env ${addr}`);
  }
});

Deno.test("address scheme errors", async () => {
  for (
    const [addr, cause] of [["ftp://h:1", "Unknown protocol scheme: ftp"], [
      "HTTP://h:1",
      "Unknown protocol scheme: HTTP",
    ], ["://h", "Unknown protocol scheme: "]]
  ) {
    assertEquals(
      (await failure({ httpAddr: addr }, {})).message,
      `Error connecting to Consul agent: ${cause}`,
    );
  }
  assertStringIncludes(
    (await failure({}, { CONSUL_HTTP_ADDR: "unix://" })).message,
    "Error connecting to Consul agent: ",
  );
});

Deno.test("token precedence (-token-file, -token, their variables) plus CONSUL_PROXY_TOKEN", async () => {
  const fs = { "/flag": "flag-file-token\n", "/env": "  env-file-token \n", "/empty": " \n" };
  type Case = [string, HttpFlags, Env, string];
  const cases: Case[] = [
    ["nothing", {}, {}, ""],
    ["env token", {}, { CONSUL_HTTP_TOKEN: "env-tok" }, "env-tok"],
    ["env file over env token", {}, {
      CONSUL_HTTP_TOKEN: "env-tok",
      CONSUL_HTTP_TOKEN_FILE: "/env",
    }, "env-file-token"],
    [
      "flag token over env file",
      { token: "flag-tok" },
      { CONSUL_HTTP_TOKEN_FILE: "/env" },
      "flag-tok",
    ],
    ["flag file over flag token", { token: "flag-tok", tokenFile: "/flag" }, {
      CONSUL_HTTP_TOKEN_FILE: "/env",
    }, "flag-file-token"],
    [
      "empty flag file keeps flag token",
      { token: "flag-tok", tokenFile: "/empty" },
      {},
      "flag-tok",
    ],
    ["empty env file keeps env token", {}, {
      CONSUL_HTTP_TOKEN: "env-tok",
      CONSUL_HTTP_TOKEN_FILE: "/empty",
    }, "env-tok"],
    ["flag file equal to env file is not 'new'", { token: "flag-tok", tokenFile: "/env" }, {
      CONSUL_HTTP_TOKEN_FILE: "/env",
    }, "flag-tok"],
    ["flag token equal to env token falls to env file", { token: "same" }, {
      CONSUL_HTTP_TOKEN: "same",
      CONSUL_HTTP_TOKEN_FILE: "/env",
    }, "env-file-token"],
    [
      "explicit empty -token does not clear env",
      { token: "" },
      { CONSUL_HTTP_TOKEN: "env-tok" },
      "env-tok",
    ],
    ["proxy token is the last resort", {}, { CONSUL_PROXY_TOKEN: "proxy-tok" }, "proxy-tok"],
    ["proxy token loses to env token", {}, {
      CONSUL_PROXY_TOKEN: "proxy-tok",
      CONSUL_HTTP_TOKEN: "env-tok",
    }, "env-tok"],
    [
      "proxy token loses to flag token",
      { token: "flag-tok" },
      { CONSUL_PROXY_TOKEN: "proxy-tok" },
      "flag-tok",
    ],
    ["proxy token when files are empty", { tokenFile: "/empty" }, {
      CONSUL_PROXY_TOKEN: "proxy-tok",
    }, "proxy-tok"],
    [
      "empty CONSUL_HTTP_TOKEN is unset",
      {},
      { CONSUL_HTTP_TOKEN: "", CONSUL_PROXY_TOKEN: "p" },
      "p",
    ],
  ];
  for (const [label, flags, env, want] of cases) {
    assertEquals((await resolve(flags, env, files(fs))).token, want, label);
  }
});

Deno.test("token file content is trimmed; read failure names the file, never the token", async () => {
  assertEquals(
    (await resolve({ tokenFile: "/t" }, {}, files({ "/t": "\t abc-123 \r\n" }))).token,
    "abc-123",
  );
  const err = await failure({ tokenFile: "/missing", token: "sekrit-token" }, {
    CONSUL_PROXY_TOKEN: "proxy-sekrit",
  });
  assertEquals(
    err.message,
    "Error connecting to Consul agent: Error loading token file /missing : open /missing: no such file or directory",
  );
  assert(!err.message.includes("sekrit"));
  const envErr = await failure({}, { CONSUL_HTTP_TOKEN_FILE: "/gone" });
  assertStringIncludes(envErr.message, "Error loading token file /gone : ");
  const other = await assertRejects(
    () =>
      resolveHttpConfig({ tokenFile: "/x" }, {}, {
        readTextFile: () => {
          throw new Error("boom");
        },
      }),
    CliError,
  );
  assertEquals(
    other.message,
    "Error connecting to Consul agent: Error loading token file /x : boom",
  );
});

Deno.test("a token file Deno refuses to open (/proc/self/mem) gives no --allow-all advice", async () => {
  const err = await assertRejects(
    () =>
      resolveHttpConfig({ tokenFile: "/proc/self/mem" }, {}, {
        readTextFile: () => {
          throw new Deno.errors.NotCapable(
            'Requires all access to "/proc/self/mem", run again with the --allow-all flag',
          );
        },
      }),
    CliError,
  );
  assertEquals(
    err.message,
    "Error connecting to Consul agent: Error loading token file /proc/self/mem : " +
      "open /proc/self/mem: permission denied (a special file connect-envoy may not read)",
  );
});

Deno.test("CONSUL_HTTP_AUTH splits at the first colon", async () => {
  assertEquals((await resolve({}, {})).auth, undefined);
  assertEquals((await resolve({}, { CONSUL_HTTP_AUTH: "" })).auth, undefined);
  assertEquals((await resolve({}, { CONSUL_HTTP_AUTH: "user" })).auth, {
    username: "user",
    password: "",
  });
  assertEquals((await resolve({}, { CONSUL_HTTP_AUTH: "u:p:q" })).auth, {
    username: "u",
    password: "p:q",
  });
  assertEquals((await resolve({}, { CONSUL_HTTP_AUTH: ":p" })).auth, {
    username: "",
    password: "p",
  });
});

Deno.test("CONSUL_HTTP_SSL: unparsable ⇒ one warning line and http", async () => {
  const io = memoryIo();
  const cfg = await resolveHttpConfig({}, { CONSUL_HTTP_SSL: "yes" }, {
    readTextFile: () => "",
    io,
    now: () => new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
  });
  assertEquals(cfg.scheme, "http");
  assertEquals(
    io.err,
    '2025-01-02T03:04:05.000Z [WARN]  consul-api: could not parse CONSUL_HTTP_SSL: error="strconv.ParseBool: parsing \\"yes\\": invalid syntax"\n',
  );
  assertEquals(io.out, "");
  // Parsable values print nothing; no io is fine too.
  const quiet = memoryIo();
  await resolveHttpConfig({}, { CONSUL_HTTP_SSL: "true" }, { readTextFile: () => "", io: quiet });
  assertEquals(quiet.err, "");
  assertEquals(
    (await resolveHttpConfig({}, { CONSUL_HTTP_SSL: "x" }, { readTextFile: () => "" })).scheme,
    "http",
  );
});

Deno.test("CONSUL_HTTP_SSL_VERIFY: false skips verification, unparsable fails closed", async () => {
  assertEquals((await resolve({}, {})).insecureSkipVerify, false);
  assertEquals((await resolve({}, { CONSUL_HTTP_SSL_VERIFY: "" })).insecureSkipVerify, false);
  assertEquals((await resolve({}, { CONSUL_HTTP_SSL_VERIFY: "true" })).insecureSkipVerify, false);
  assertEquals((await resolve({}, { CONSUL_HTTP_SSL_VERIFY: "false" })).insecureSkipVerify, true);
  assertEquals((await resolve({}, { CONSUL_HTTP_SSL_VERIFY: "0" })).insecureSkipVerify, true);
  assertEquals(
    (await failure({}, { CONSUL_HTTP_SSL_VERIFY: "nope" })).message,
    'Error connecting to Consul agent: CONSUL_HTTP_SSL_VERIFY: invalid boolean value "nope"',
  );
});

Deno.test("-tls-server-name strips a :port suffix", async () => {
  const cases: [string, string][] = [
    ["consul.example", "consul.example"],
    ["consul.example:8501", "consul.example"],
    ["[::1]:8501", "::1"],
    ["[::1]", "[::1]"],
    ["10.0.0.1:", "10.0.0.1"],
  ];
  for (const [given, want] of cases) {
    assertEquals((await resolve({ tlsServerName: given }, {})).tlsServerName, want, given);
  }
  assertEquals((await resolve({}, { CONSUL_TLS_SERVER_NAME: "s:1" })).tlsServerName, "s");
  assertEquals(
    (await failure({ tlsServerName: "a:b:c" }, {})).message,
    "Error connecting to Consul agent: address a:b:c: too many colons in address",
  );
});

Deno.test("CA and client-cert paths are not opened here", async () => {
  const fs = files();
  const cfg = await resolve({ caFile: "/nope/ca.pem", clientCert: "/c", clientKey: "/k" }, {
    CONSUL_CAPATH: "/nope",
  }, fs);
  assertEquals([cfg.caFile, cfg.caPath, cfg.clientCert, cfg.clientKey], [
    "/nope/ca.pem",
    "/nope",
    "/c",
    "/k",
  ]);
  assertEquals(fs.reads, []);
});
