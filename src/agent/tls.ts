/**
 * Loading the agent client's TLS material at construction time, as Consul's
 * API client does (before any request, whatever the scheme), with Consul's error texts: client cert and
 * key (both or neither, then loaded as a pair), and the CA file or, failing
 * that, the CA path walked recursively in lexical order without following
 * symbolic links. Runs regardless of the scheme.
 *
 * @module
 */

import type { HttpConfig } from "./config.ts";
import { joinPath } from "../go/path.ts";
import { boundedFs } from "../files/bounded_read.ts";

/** File-system calls used here (injectable for tests). */
export interface TlsFs {
  readTextFile(path: string): Promise<string>;
  lstat(path: string): Promise<{ isDirectory: boolean; isSymlink: boolean }>;
  readDir(path: string): Promise<string[]>;
}

/** The real file system; files are read with a size cap and a time limit. */
export const denoTlsFs: TlsFs = boundedFs();

/** Certificates and client key pair to use; `ca` undefined ⇒ system roots. */
export interface TlsMaterial {
  /** PEM certificates to trust exclusively (may be empty: an empty CA path). */
  ca?: string[];
  /** Client certificate chain (PEM) and key (PEM). */
  cert?: string;
  key?: string;
}

/** Go-style OS error reason (`no such file or directory`, ...). */
export function osReason(err: unknown): string {
  if (err instanceof Deno.errors.NotFound) return "no such file or directory";
  if (err instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (err instanceof Deno.errors.IsADirectory) return "is a directory";
  if (err instanceof Deno.errors.NotADirectory) return "not a directory";
  const msg = err instanceof Error ? err.message : String(err);
  if (/is a directory/i.test(msg)) return "is a directory";
  return msg.replace(/,? ?\(os error \d+\)/, "").replace(/: '.*'$/, "").trim();
}

/** Read error in Go's `open <p>: <reason>` / `read <p>: is a directory` form. */
function readErrorText(path: string, err: unknown): string {
  const reason = osReason(err);
  return `${reason === "is a directory" ? "read" : "open"} ${path}: ${reason}`;
}

interface PemBlock {
  type: string;
  text: string;
  der: Uint8Array | undefined;
}

/** The PEM blocks of `text` (undecodable base64 ⇒ `der` undefined). */
export function pemBlocks(text: string): PemBlock[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  const out: PemBlock[] = [];
  for (const m of text.matchAll(re)) {
    const b64 = m[2].split(/\r?\n/).filter((l) => !l.includes(":")).join("").replace(/\s/g, "");
    let der: Uint8Array | undefined;
    try {
      der = /^[A-Za-z0-9+/]*={0,2}$/.test(b64) && b64.length > 0
        ? Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
        : undefined;
    } catch {
      der = undefined;
    }
    out.push({ type: m[1], text: m[0] + "\n", der });
  }
  return out;
}

/** Certificates of a PEM text that parse as X.509 (Go `AppendCertsFromPEM`). */
export async function parseCertificates(text: string): Promise<string[]> {
  // Go skips blocks that do not parse. Checked without node:crypto, so that
  // a CA file alone never loads Node compatibility.
  const { isCertificateDer } = await import("./x509_anchor.ts");
  return pemBlocks(text)
    .filter((b) => b.type === "CERTIFICATE" && b.der !== undefined && isCertificateDer(b.der))
    .map((b) => b.text);
}

/** Load `caFile`: `Error loading CA File: ...` on failure. */
export async function loadCaFile(path: string, fs: TlsFs = denoTlsFs): Promise<string[]> {
  let text: string;
  try {
    text = await fs.readTextFile(path);
  } catch (err) {
    throw new Error(`Error loading CA File: ${readErrorText(path, err)}`);
  }
  const certs = await parseCertificates(text);
  if (certs.length === 0) throw new Error(`Error loading CA File: Couldn't parse PEM in: ${path}`);
  return certs;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Walk `caPath` (lexical order, no symlink following); every file must hold certificates. */
export async function loadCaPath(root: string, fs: TlsFs = denoTlsFs): Promise<string[]> {
  const certs: string[] = [];
  const walk = async (p: string): Promise<void> => {
    let st: { isDirectory: boolean; isSymlink: boolean };
    try {
      st = await fs.lstat(p);
    } catch (err) {
      throw new Error(`lstat ${p}: ${osReason(err)}`);
    }
    if (st.isDirectory) {
      let names: string[];
      try {
        names = (await fs.readDir(p)).sort(byteOrder);
      } catch (err) {
        throw new Error(`open ${p}: ${osReason(err)}`);
      }
      for (const name of names) await walk(joinPath([p, name]));
      return;
    }
    let text: string;
    try {
      text = await fs.readTextFile(p);
    } catch (err) {
      throw new Error(`Error loading file from CAPath: ${readErrorText(p, err)}`);
    }
    const found = await parseCertificates(text);
    if (found.length === 0) throw new Error(`Error loading CA Path: Couldn't parse PEM in: ${p}`);
    certs.push(...found);
  };
  await walk(root);
  return certs;
}

/** Load the client certificate and key as a pair (Go `tls.LoadX509KeyPair` errors). */
export async function loadKeyPair(
  certFile: string,
  keyFile: string,
  fs: TlsFs = denoTlsFs,
): Promise<{ cert: string; key: string }> {
  let cert: string, key: string;
  try {
    cert = await fs.readTextFile(certFile);
  } catch (err) {
    throw new Error(readErrorText(certFile, err));
  }
  try {
    key = await fs.readTextFile(keyFile);
  } catch (err) {
    throw new Error(readErrorText(keyFile, err));
  }
  const certBlocks = pemBlocks(cert).filter((b) => b.type === "CERTIFICATE");
  if (certBlocks.length === 0) {
    throw new Error("tls: failed to find any PEM data in certificate input");
  }
  const keyBlock = pemBlocks(key).find((b) =>
    b.type === "PRIVATE KEY" || b.type.endsWith(" PRIVATE KEY")
  );
  if (keyBlock === undefined) throw new Error("tls: failed to find any PEM data in key input");
  const { X509Certificate, createPrivateKey } = await import("node:crypto");
  let x509;
  try {
    x509 = new X509Certificate(certBlocks[0].text);
  } catch (err) {
    throw new Error(`tls: failed to parse certificate: ${(err as Error).message}`);
  }
  let pk;
  try {
    pk = createPrivateKey(keyBlock.text);
  } catch {
    throw new Error("tls: failed to parse private key");
  }
  if (!x509.checkPrivateKey(pk)) throw new Error("tls: private key does not match public key");
  return { cert, key };
}

/**
 * All TLS material of `config`, in Consul's order: client cert/key (both or
 * neither), then the CA file, else the CA path. Throws `Error` with the
 * `<cause>` text (the caller adds `Error connecting to Consul agent: `).
 */
export async function loadTlsMaterial(
  config: HttpConfig,
  fs: TlsFs = denoTlsFs,
): Promise<TlsMaterial> {
  const out: TlsMaterial = {};
  if (config.clientCert !== "" || config.clientKey !== "") {
    if (config.clientCert === "" || config.clientKey === "") {
      throw new Error("both client cert and client key must be provided");
    }
    Object.assign(out, await loadKeyPair(config.clientCert, config.clientKey, fs));
  }
  if (config.caFile !== "") out.ca = await loadCaFile(config.caFile, fs);
  else if (config.caPath !== "") out.ca = await loadCaPath(config.caPath, fs);
  return out;
}
