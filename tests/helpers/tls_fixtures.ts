/**
 * Throw-away TLS material for tests, generated with `openssl` into a temp
 * dir: a CA, a server certificate for `consul.test` only (no IP SAN, so
 * reaching 127.0.0.1 needs an SNI/verification-name override), a server
 * certificate for `127.0.0.1`, a client certificate, and a second unrelated
 * CA. Generated once per test process; removed when the process exits.
 *
 * @module
 */

/** Paths of the generated PEM files. */
export interface TlsFixtures {
  dir: string;
  caCert: string;
  otherCaCert: string;
  /** Server cert/key for DNS name `consul.test`. */
  serverCert: string;
  serverKey: string;
  /** Server cert/key for IP `127.0.0.1`. */
  ipCert: string;
  ipKey: string;
  clientCert: string;
  clientKey: string;
  /** A second, unrelated key (does not match `clientCert`). */
  otherKey: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", {
    args,
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`openssl ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
}

async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(dir, [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-subj",
    `/CN=${name}`,
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
}

async function makeLeaf(dir: string, name: string, ext: string, ca = "ca"): Promise<void> {
  await openssl(dir, [
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-keyout",
    `${name}.key`,
    "-out",
    `${name}.csr`,
    "-subj",
    `/CN=${name}`,
  ]);
  await Deno.writeTextFile(`${dir}/${name}.ext`, ext);
  await openssl(dir, [
    "x509",
    "-req",
    "-in",
    `${name}.csr`,
    "-CA",
    `${ca}.pem`,
    "-CAkey",
    `${ca}.key`,
    "-CAcreateserial",
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-extfile",
    `${name}.ext`,
  ]);
}

let cached: Promise<TlsFixtures> | undefined;

/** Generate (once per process) and return the fixture paths. */
export function tlsFixtures(): Promise<TlsFixtures> {
  cached ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "connect-envoy-tls-" });
    globalThis.addEventListener("unload", () => {
      try {
        Deno.removeSync(dir, { recursive: true });
      } catch {
        // already gone
      }
    });
    await makeCa(dir, "ca");
    await makeCa(dir, "other-ca");
    const serverExt = "subjectAltName=DNS:consul.test\nextendedKeyUsage=serverAuth\n";
    await makeLeaf(dir, "server", serverExt);
    await makeLeaf(dir, "ip", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    await makeLeaf(dir, "client", "extendedKeyUsage=clientAuth\n");
    await makeLeaf(dir, "other", "extendedKeyUsage=clientAuth\n", "other-ca");
    return {
      dir,
      caCert: `${dir}/ca.pem`,
      otherCaCert: `${dir}/other-ca.pem`,
      serverCert: `${dir}/server.pem`,
      serverKey: `${dir}/server.key`,
      ipCert: `${dir}/ip.pem`,
      ipKey: `${dir}/ip.key`,
      clientCert: `${dir}/client.pem`,
      clientKey: `${dir}/client.key`,
      otherKey: `${dir}/other.key`,
    };
  })();
  return cached;
}
