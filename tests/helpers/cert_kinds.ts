/**
 * Throw-away CAs and certificates of several key kinds (EC P-256, EC P-384,
 * RSA, Ed25519), an intermediate CA, and a leaf signed by it, generated with
 * `openssl` into a temp dir once per test process.
 *
 * @module
 */

/** A certificate (PEM path) and its key. */
export interface CertFiles {
  cert: string;
  key: string;
}

/** Key kinds as `openssl req -newkey` arguments. */
export const KEY_KINDS: Record<string, string[]> = {
  "EC P-256": ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
  "EC P-384": ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
  "RSA 2048": ["-newkey", "rsa:2048"],
  "Ed25519": ["-newkey", "ed25519"],
};

async function openssl(dir: string, args: string[]): Promise<void> {
  const out = await new Deno.Command("openssl", { args, cwd: dir, stdout: "null", stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`openssl ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/** A self-signed CA `name` with the key kind `kind`. */
export async function makeCa(dir: string, name: string, kind: string): Promise<CertFiles> {
  await openssl(dir, [
    "req",
    "-x509",
    ...KEY_KINDS[kind],
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
  return { cert: `${dir}/${name}.pem`, key: `${dir}/${name}.key` };
}

/** A certificate `name` (P-256 key) signed by `ca`, with extensions `ext`. */
export async function makeSigned(
  dir: string,
  name: string,
  ca: CertFiles,
  ext: string,
): Promise<CertFiles> {
  await openssl(dir, [
    "req",
    ...KEY_KINDS["EC P-256"],
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
    ca.cert,
    "-CAkey",
    ca.key,
    "-CAcreateserial",
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-extfile",
    `${name}.ext`,
  ]);
  return { cert: `${dir}/${name}.pem`, key: `${dir}/${name}.key` };
}

/** Extensions of a server certificate for 127.0.0.1. */
export const SERVER_EXT = "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n";
/** Extensions of an intermediate CA. */
export const INTERMEDIATE_EXT =
  "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";

/** The DER of the first certificate in a PEM file. */
export async function derOf(path: string): Promise<Uint8Array> {
  const pem = await Deno.readTextFile(path);
  const b64 = pem.split("-----")[2].replace(/\s/g, "");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** A temp dir removed when the process exits. */
export async function tempCertDir(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "connect-envoy-certs-" });
  globalThis.addEventListener("unload", () => {
    try {
      Deno.removeSync(dir, { recursive: true });
    } catch { /* already gone */ }
  });
  return dir;
}
