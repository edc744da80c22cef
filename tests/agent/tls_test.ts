/**
 * TLS material loading at client construction (as Consul's API client does it
 * before the first request): every error
 * text, the CA path walk order, and that it happens for plain HTTP too.
 */
import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";
import { httpConfig } from "../helpers/http_config.ts";
import { tlsFixtures } from "../helpers/tls_fixtures.ts";
import { createAgentClient } from "../../src/agent/client.ts";
import { CliError } from "../../src/errors.ts";
import type { HttpConfig } from "../../src/agent/config.ts";
import { loadCaPath, loadTlsMaterial, type TlsFs } from "../../src/agent/tls.ts";

const f = await tlsFixtures();
const dir = await Deno.makeTempDir({ prefix: "connect-envoy-tls-load-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
const ca = await Deno.readTextFile(f.caCert);
await Deno.writeTextFile(`${dir}/not-pem.txt`, "hello\n");
await Deno.writeTextFile(
  `${dir}/bad-block.pem`,
  "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
);
await Deno.writeTextFile(`${dir}/key-only.pem`, await Deno.readTextFile(f.clientKey));
// CA path with a non-PEM file after a good one
await Deno.mkdir(`${dir}/capath-bad/a`, { recursive: true });
await Deno.writeTextFile(`${dir}/capath-bad/a/ca.pem`, ca);
await Deno.writeTextFile(`${dir}/capath-bad/b.txt`, "junk");
// CA path with a symlink to a directory
await Deno.mkdir(`${dir}/capath-link`, { recursive: true });
await Deno.writeTextFile(`${dir}/capath-link/ca.pem`, ca);
await Deno.symlink(`${dir}/capath-bad/a`, `${dir}/capath-link/z-dir`);
// CA path with a symlink to a file (read as a file: fine)
await Deno.mkdir(`${dir}/capath-filelink`, { recursive: true });
await Deno.symlink(f.caCert, `${dir}/capath-filelink/ca.pem`);

const TOKEN = "load-s3cret";

Deno.test("TLS loading errors become 'Error connecting to Consul agent: <cause>'", async (t) => {
  const cases: { name: string; over: Partial<HttpConfig>; want: string }[] = [
    {
      name: "CA file missing",
      over: { caFile: `${dir}/missing.pem` },
      want: `Error loading CA File: open ${dir}/missing.pem: no such file or directory`,
    },
    {
      name: "CA file not PEM",
      over: { caFile: `${dir}/not-pem.txt` },
      want: `Error loading CA File: Couldn't parse PEM in: ${dir}/not-pem.txt`,
    },
    {
      name: "CA file with an unparsable certificate block",
      over: { caFile: `${dir}/bad-block.pem` },
      want: `Error loading CA File: Couldn't parse PEM in: ${dir}/bad-block.pem`,
    },
    {
      name: "CA file holds only a key",
      over: { caFile: `${dir}/key-only.pem` },
      want: `Error loading CA File: Couldn't parse PEM in: ${dir}/key-only.pem`,
    },
    {
      name: "CA file is a directory",
      over: { caFile: dir },
      want: `Error loading CA File: read ${dir}: is a directory`,
    },
    {
      name: "CA path missing",
      over: { caPath: `${dir}/nope` },
      want: `lstat ${dir}/nope: no such file or directory`,
    },
    {
      name: "CA path with a non-PEM file",
      over: { caPath: `${dir}/capath-bad` },
      want: `Error loading CA Path: Couldn't parse PEM in: ${dir}/capath-bad/b.txt`,
    },
    {
      name: "CA path with a symlink to a directory",
      over: { caPath: `${dir}/capath-link` },
      want: `Error loading file from CAPath: read ${dir}/capath-link/z-dir: is a directory`,
    },
    {
      name: "client cert without key",
      over: { clientCert: f.clientCert },
      want: "both client cert and client key must be provided",
    },
    {
      name: "client key without cert",
      over: { clientKey: f.clientKey },
      want: "both client cert and client key must be provided",
    },
    {
      name: "client cert file missing",
      over: { clientCert: `${dir}/nocert.pem`, clientKey: f.clientKey },
      want: `open ${dir}/nocert.pem: no such file or directory`,
    },
    {
      name: "client key file missing",
      over: { clientCert: f.clientCert, clientKey: `${dir}/nokey.pem` },
      want: `open ${dir}/nokey.pem: no such file or directory`,
    },
    {
      name: "client cert not PEM",
      over: { clientCert: `${dir}/not-pem.txt`, clientKey: f.clientKey },
      want: "tls: failed to find any PEM data in certificate input",
    },
    {
      name: "client key not PEM",
      over: { clientCert: f.clientCert, clientKey: `${dir}/not-pem.txt` },
      want: "tls: failed to find any PEM data in key input",
    },
    {
      name: "client key does not match the cert",
      over: { clientCert: f.clientCert, clientKey: f.otherKey },
      want: "tls: private key does not match public key",
    },
    {
      name: "client pair is checked before the CA (Consul's order)",
      over: { clientCert: f.clientCert, caFile: `${dir}/missing.pem` },
      want: "both client cert and client key must be provided",
    },
  ];
  for (const k of cases) {
    await t.step(k.name, async () => {
      for (const scheme of ["http", "https"] as const) {
        const err = await assertRejects(
          () => createAgentClient(httpConfig("127.0.0.1:1", { scheme, token: TOKEN, ...k.over })),
          CliError,
        );
        assertEquals(err.message, `Error connecting to Consul agent: ${k.want}`);
        assert(!err.message.includes(TOKEN));
      }
    });
  }
});

Deno.test("TLS loading: good material loads; CA file wins over CA path", async () => {
  const m = await loadTlsMaterial(
    httpConfig("h:1", {
      caFile: f.caCert,
      caPath: `${dir}/nope`,
      clientCert: f.clientCert,
      clientKey: f.clientKey,
    }),
  );
  assertEquals(m.ca?.length, 1);
  assert(m.cert?.includes("BEGIN CERTIFICATE"));
  assert(m.key?.includes("PRIVATE KEY"));
  const linked = await loadCaPath(`${dir}/capath-filelink`);
  assertEquals(linked.length, 1, "a symlink to a file is read as a file");
  assertEquals((await loadTlsMaterial(httpConfig("h:1"))).ca, undefined, "system roots");
});

Deno.test("TLS loading: the CA path is walked depth-first in bytewise order", async () => {
  const tree: Record<string, string[] | string> = {
    "/ca": ["b", "A", "a", "c.pem"],
    "/ca/A": ["x.pem"],
    "/ca/A/x.pem": ca,
    "/ca/a": ["y.pem"],
    "/ca/a/y.pem": ca,
    "/ca/b": ca,
    "/ca/c.pem": ca,
  };
  const reads: string[] = [];
  const fs: TlsFs = {
    readTextFile: (p) => {
      reads.push(p);
      const v = tree[p];
      return typeof v === "string"
        ? Promise.resolve(v)
        : Promise.reject(new Deno.errors.NotFound());
    },
    lstat: (p) =>
      p in tree
        ? Promise.resolve({ isDirectory: Array.isArray(tree[p]), isSymlink: false })
        : Promise.reject(new Deno.errors.NotFound()),
    readDir: (p) => Promise.resolve([...tree[p] as string[]]),
  };
  const certs = await loadCaPath("/ca", fs);
  assertEquals(certs.length, 4);
  assertEquals(reads, ["/ca/A/x.pem", "/ca/a/y.pem", "/ca/b", "/ca/c.pem"]);
});
