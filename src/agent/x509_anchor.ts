/**
 * Is a server certificate signed directly by one of the given CA
 * certificates? Reads just enough DER (issuer and subject names, the public
 * key, the signature) and checks the signature with Web Crypto, so the
 * answer costs no Node compatibility. Used after a Deno TLS handshake, which
 * trusts the given CAs in addition to the default roots: only a `true` here
 * proves the chain ends at a given CA. Anything this module cannot decide
 * (an unknown algorithm, an intermediate certificate between the CA and the
 * server, malformed DER) is `false`, and the caller then asks a verifier
 * that trusts only the given CAs.
 *
 * @module
 */

/** One DER element: its tag, where its header starts, where its content starts and ends. */
export interface Tlv {
  tag: number;
  start: number;
  body: number;
  end: number;
}

/** The DER element at `at` (definite lengths of up to 4 bytes only). */
function tlv(der: Uint8Array, at: number, limit = der.length): Tlv {
  if (at + 2 > limit) throw new RangeError("truncated DER");
  const tag = der[at];
  let len = der[at + 1];
  let body = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || body + n > limit) throw new RangeError("bad DER length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[body + i];
    body += n;
  }
  const end = body + len;
  if (end > limit) throw new RangeError("truncated DER");
  return { tag, start: at, body, end };
}

/** The child elements of a constructed element. */
function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.body; at < parent.end;) {
    const t = tlv(der, at, parent.end);
    out.push(t);
    at = t.end;
  }
  return out;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const whole = (der: Uint8Array, t: Tlv) => der.subarray(t.start, t.end);
const content = (der: Uint8Array, t: Tlv) => der.subarray(t.body, t.end);

/** The parts of a certificate this check needs. */
export interface CertParts {
  /** The signed part, as signed. */
  tbs: Uint8Array;
  /** Signature algorithm OID (hex of its DER content). */
  sigAlg: string;
  /** Signature bits (without the unused-bits byte). */
  signature: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  /** SubjectPublicKeyInfo, as encoded. */
  spki: Uint8Array;
  /** Key algorithm OID and its parameter OID (curve), hex; "" when absent. */
  keyAlg: string;
  keyParam: string;
  /** Validity window, milliseconds since the epoch (`NaN` when unreadable). */
  notBefore: number;
  notAfter: number;
}

/** An X.509 `Time` (UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ`) in ms; `NaN` if not one. */
export function x509Time(der: Uint8Array, t: Tlv | undefined): number {
  if (t === undefined || (t.tag !== 0x17 && t.tag !== 0x18)) return NaN;
  const text = new TextDecoder().decode(content(der, t));
  const m = t.tag === 0x17
    ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
    : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) return NaN;
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year >= 50 ? 1900 : 2000; // RFC 5280's UTCTime rule
  const [mo, d, h, mi, sec] = m.slice(2).map(Number);
  return Date.UTC(year, mo - 1, d, h, mi, sec);
}

/** Split a DER certificate; throws on malformed input. */
export function certParts(der: Uint8Array): CertParts {
  const [tbsT, algT, sigT] = children(der, tlv(der, 0));
  if (tbsT?.tag !== 0x30 || algT?.tag !== 0x30 || sigT?.tag !== 0x03) {
    throw new RangeError("not a certificate");
  }
  const tbs = children(der, tbsT);
  const f = tbs[0].tag === 0xa0 ? tbs.slice(1) : tbs;
  const [, , issuer, validity, subject, spki] = f;
  if (spki?.tag !== 0x30) throw new RangeError("not a certificate");
  const [keyAlgT] = children(der, spki);
  const [keyOid, keyParam] = children(der, keyAlgT);
  return {
    tbs: whole(der, tbsT),
    sigAlg: hex(content(der, children(der, algT)[0])),
    signature: content(der, sigT).subarray(1),
    issuer: whole(der, issuer),
    subject: whole(der, subject),
    spki: whole(der, spki),
    keyAlg: hex(content(der, keyOid)),
    keyParam: keyParam?.tag === 0x06 ? hex(content(der, keyParam)) : "",
    ...validityOf(der, validity),
  };
}

function validityOf(der: Uint8Array, validity: Tlv | undefined) {
  const [from, to] = validity?.tag === 0x30 ? children(der, validity) : [];
  return { notBefore: x509Time(der, from), notAfter: x509Time(der, to) };
}

/**
 * True when `der` is exactly one certificate whose structure this module
 * can read down to the public key (Go skips CA file blocks that do not
 * parse as certificates; this is the check used for that here).
 */
export function isCertificateDer(der: Uint8Array): boolean {
  try {
    if (tlv(der, 0).end !== der.length) return false;
    const parts = certParts(der);
    return parts.keyAlg !== "" && parts.issuer.length > 0 && parts.subject.length > 0;
  } catch {
    return false;
  }
}

const SIG_ALGS: Record<string, { kind: "ecdsa" | "rsa" | "ed25519"; hash?: string }> = {
  "2a8648ce3d040302": { kind: "ecdsa", hash: "SHA-256" },
  "2a8648ce3d040303": { kind: "ecdsa", hash: "SHA-384" },
  "2a8648ce3d040304": { kind: "ecdsa", hash: "SHA-512" },
  "2a864886f70d01010b": { kind: "rsa", hash: "SHA-256" },
  "2a864886f70d01010c": { kind: "rsa", hash: "SHA-384" },
  "2a864886f70d01010d": { kind: "rsa", hash: "SHA-512" },
  "2b6570": { kind: "ed25519" },
};
const KEY_RSA = "2a864886f70d010101";
const KEY_EC = "2a8648ce3d0201";
const KEY_ED25519 = "2b6570";
const CURVES: Record<string, { name: string; size: number }> = {
  "2a8648ce3d030107": { name: "P-256", size: 32 },
  "2b81040022": { name: "P-384", size: 48 },
};

/** A DER ECDSA signature as the fixed-width `r || s` Web Crypto expects. */
export function ecdsaRaw(sig: Uint8Array, size: number): Uint8Array {
  const [r, s] = children(sig, tlv(sig, 0)).map((t) => content(sig, t));
  const out = new Uint8Array(2 * size);
  for (const [i, n] of [r, s].entries()) {
    const trimmed = n.subarray(Math.max(0, n.findIndex((b) => b !== 0)));
    if (trimmed.length > size) throw new RangeError("bad ECDSA signature");
    out.set(trimmed, (i + 1) * size - trimmed.length);
  }
  return out;
}

/** Does `issuer`'s key verify `cert`'s signature? `false` for any algorithm not handled here. */
async function verifiedBy(cert: CertParts, issuer: CertParts): Promise<boolean> {
  const alg = SIG_ALGS[cert.sigAlg];
  const subtle = crypto.subtle;
  const spki = issuer.spki as Uint8Array<ArrayBuffer>;
  const tbs = cert.tbs as Uint8Array<ArrayBuffer>;
  if (alg?.kind === "ecdsa" && issuer.keyAlg === KEY_EC && CURVES[issuer.keyParam]) {
    const curve = CURVES[issuer.keyParam];
    const key = await subtle.importKey(
      "spki",
      spki,
      {
        name: "ECDSA",
        namedCurve: curve.name,
      },
      false,
      ["verify"],
    );
    const sig = ecdsaRaw(cert.signature, curve.size) as Uint8Array<ArrayBuffer>;
    return await subtle.verify({ name: "ECDSA", hash: alg.hash! }, key, sig, tbs);
  }
  if (alg?.kind === "rsa" && issuer.keyAlg === KEY_RSA) {
    const params = { name: "RSASSA-PKCS1-v1_5", hash: alg.hash! };
    const key = await subtle.importKey("spki", spki, params, false, ["verify"]);
    const sig = cert.signature as Uint8Array<ArrayBuffer>;
    return await subtle.verify(params, key, sig, tbs);
  }
  if (alg?.kind === "ed25519" && issuer.keyAlg === KEY_ED25519) {
    const key = await subtle.importKey("spki", spki, { name: "Ed25519" }, false, ["verify"]);
    return await subtle.verify("Ed25519", key, cert.signature as Uint8Array<ArrayBuffer>, tbs);
  }
  return false;
}

/** Byte-for-byte equality. */
export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * True when `leafDer` names one of `caDers` as its issuer, that CA is within
 * its validity window at `now` (Go checks the root's dates too), and the
 * CA's key verifies the leaf's signature. Never throws: undecidable input is
 * `false`.
 */
export async function signedByOneOf(
  leafDer: Uint8Array,
  caDers: Uint8Array[],
  now: number = Date.now(),
): Promise<boolean> {
  try {
    const leaf = certParts(leafDer);
    for (const caDer of caDers) {
      try {
        const ca = certParts(caDer);
        const current = ca.notBefore <= now && now <= ca.notAfter;
        if (current && sameBytes(leaf.issuer, ca.subject) && await verifiedBy(leaf, ca)) {
          return true;
        }
      } catch { /* not this CA */ }
    }
  } catch { /* undecidable */ }
  return false;
}
