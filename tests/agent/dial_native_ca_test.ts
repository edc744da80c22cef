/**
 * The Deno TLS dialer for a given CA: a server certificate signed by the CA
 * is served without the fallback; anything else (a certificate from another
 * CA, a leaf behind an intermediate, a server that does not speak TLS, a
 * name mismatch) closes the Deno connection and lets the fallback decide.
 */
import { assert, assertEquals, assertRejects } from "../helpers/assert.ts";
import {
  INTERMEDIATE_EXT,
  makeCa,
  makeSigned,
  SERVER_EXT,
  tempCertDir,
} from "../helpers/cert_kinds.ts";
import { nativeCaDialer, peerCertificateKey } from "../../src/agent/dial_native_ca.ts";
import type { Duplex } from "../../src/agent/transport_http1.ts";

const dir = await tempCertDir();
const ca = await makeCa(dir, "ca", "EC P-256");
const otherCa = await makeCa(dir, "other", "EC P-256");
const direct = await makeSigned(dir, "direct", ca, SERVER_EXT);
const mid = await makeSigned(dir, "mid", ca, INTERMEDIATE_EXT);
const deep = await makeSigned(dir, "deep", mid, SERVER_EXT);
const read = (p: string) => Deno.readTextFileSync(p);

/** A TLS server on 127.0.0.1 answering one HTTP response per connection. */
function serve(certPem: string, keyPem: string) {
  const listener = Deno.listenTls({ hostname: "127.0.0.1", port: 0, cert: certPem, key: keyPem });
  const done = (async () => {
    for await (const conn of listener) {
      (async () => {
        try {
          await conn.read(new Uint8Array(1024));
          await conn.write(
            new TextEncoder().encode("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
          );
        } catch { /* the client went away */ }
        conn.close();
      })();
    }
  })();
  const port = (listener.addr as Deno.NetAddr).port;
  return { port, close: async () => (listener.close(), await done) };
}

/** Dial with a fallback that records that it ran. */
async function dial(port: number, caPems: string[], serverName = "") {
  let fellBack = 0;
  const fallback = (): Promise<Duplex> => {
    fellBack++;
    return Promise.reject(new Error("fallback"));
  };
  const target = { kind: "tcp" as const, hostname: "127.0.0.1", port, hostHeader: "" };
  const d = nativeCaDialer(target, { ca: caPems, serverName }, fallback);
  const conn = await d().catch((e: Error) => e);
  if (!(conn instanceof Error)) conn.close();
  return { ok: !(conn instanceof Error), fellBack };
}

Deno.test("this Deno exposes the peer certificate (else every dial takes node:tls)", () => {
  assert(peerCertificateKey() !== undefined);
});

Deno.test("native CA dialer: fast path only when a given CA signed the server certificate", async (t) => {
  const cases: { name: string; cert: string; key: string; ca: string[]; ok: boolean }[] = [
    { name: "signed by the CA", cert: direct.cert, key: direct.key, ca: [ca.cert], ok: true },
    {
      name: "signed by the CA, listed after another",
      cert: direct.cert,
      key: direct.key,
      ca: [otherCa.cert, ca.cert],
      ok: true,
    },
    { name: "another CA given", cert: direct.cert, key: direct.key, ca: [otherCa.cert], ok: false },
    {
      name: "leaf behind an intermediate (chain sent)",
      cert: deep.cert + "+" + mid.cert,
      key: deep.key,
      ca: [ca.cert],
      ok: false,
    },
  ];
  for (const c of cases) {
    await t.step(c.name, async () => {
      const pem = c.cert.split("+").map(read).join("");
      const server = serve(pem, read(c.key));
      try {
        const r = await dial(server.port, c.ca.map(read));
        assertEquals(r, { ok: c.ok, fellBack: c.ok ? 0 : 1 });
      } finally {
        await server.close();
      }
    });
  }
});

Deno.test("native CA dialer: a name mismatch or a plain server goes to the fallback; a refused port does not", async () => {
  const server = serve(read(direct.cert), read(direct.key));
  try {
    assertEquals(await dial(server.port, [read(ca.cert)], "consul.test"), {
      ok: false,
      fellBack: 1,
    });
  } finally {
    await server.close();
  }
  const plain = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted = (async () => {
    for await (const c of plain) {
      await c.write(new TextEncoder().encode("HTTP/1.1 400 Bad Request\r\n\r\n")).catch(() => {});
      c.close();
    }
  })();
  try {
    const port = (plain.addr as Deno.NetAddr).port;
    assertEquals(await dial(port, [read(ca.cert)]), { ok: false, fellBack: 1 });
  } finally {
    plain.close();
    await accepted;
  }
  const gone = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (gone.addr as Deno.NetAddr).port;
  gone.close();
  const target = { kind: "tcp" as const, hostname: "127.0.0.1", port, hostHeader: "" };
  const d = nativeCaDialer(target, { ca: [read(ca.cert)], serverName: "" }, () => {
    throw new Error("fallback must not run");
  });
  await assertRejects(d, Deno.errors.ConnectionRefused);
});

Deno.test("native CA dialer: a server CA that Deno trusts through its root store is still not accepted without the fallback", async () => {
  const server = serve(read(direct.cert), read(direct.key));
  const moduleUrl = new URL("../../src/agent/dial_native_ca.ts", import.meta.url).href;
  const code = `
    const { nativeCaDialer } = await import(${JSON.stringify(moduleUrl)});
    const target = { kind: "tcp", hostname: "127.0.0.1", port: ${server.port}, hostHeader: "" };
    const other = Deno.readTextFileSync(${JSON.stringify(otherCa.cert)});
    const tcp = await Deno.connect({ hostname: "127.0.0.1", port: ${server.port} });
    const plain = await Deno.startTls(tcp, { hostname: "127.0.0.1", caCerts: [other] });
    await plain.handshake();
    plain.close();
    let fellBack = 0;
    const d = nativeCaDialer(target, { ca: [other], serverName: "" }, () => {
      fellBack++;
      return Promise.reject(new Error("fallback"));
    });
    await d().catch(() => {});
    console.log(JSON.stringify({ handshakeTrustedStore: true, fellBack }));
  `;
  try {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--no-config", code],
      env: { DENO_CERT: ca.cert, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert(out.success, stderr);
    const got = JSON.parse(new TextDecoder().decode(out.stdout));
    // Deno's handshake accepts the server (its CA is in the store), the check does not.
    assertEquals(got, { handshakeTrustedStore: true, fellBack: 1 });
  } finally {
    await server.close();
  }
});

Deno.test("native CA dialer: every connection is checked; a proven certificate is remembered byte for byte", async () => {
  const good = serve(read(direct.cert), read(direct.key));
  let fellBack = 0;
  const fallback = (): Promise<Duplex> => {
    fellBack++;
    return Promise.reject(new Error("fallback"));
  };
  const target = { kind: "tcp" as const, hostname: "127.0.0.1", port: good.port, hostHeader: "" };
  const d = nativeCaDialer(
    target,
    { ca: [read(ca.cert), read(mid.cert)], serverName: "" },
    fallback,
  );
  try {
    for (let i = 0; i < 3; i++) (await d()).close();
    assertEquals(fellBack, 0);
  } finally {
    await good.close();
  }
  // A server certificate no given CA signed directly still goes to the fallback.
  const other = serve(read(deep.cert) + read(mid.cert), read(deep.key));
  const t2 = { ...target, port: other.port };
  const d2 = nativeCaDialer(t2, { ca: [read(ca.cert)], serverName: "" }, fallback);
  try {
    (await d2()).close();
  } catch { /* the fallback refused */ }
  assertEquals(fellBack, 1);
  await other.close();
});
