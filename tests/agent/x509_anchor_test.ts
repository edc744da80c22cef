/**
 * The direct-signature check behind the Deno TLS fast path for a given CA:
 * true only when the named issuer is a given CA and its key verifies the
 * signature, for every key kind handled; false for another CA, an
 * intermediate in between, a forged signature, or malformed input.
 */
import { assert, assertEquals } from "../helpers/assert.ts";
import {
  derOf,
  INTERMEDIATE_EXT,
  KEY_KINDS,
  makeCa,
  makeSigned,
  SERVER_EXT,
  tempCertDir,
} from "../helpers/cert_kinds.ts";
import {
  certParts,
  ecdsaRaw,
  isCertificateDer,
  signedByOneOf,
  x509Time,
} from "../../src/agent/x509_anchor.ts";

const dir = await tempCertDir();

Deno.test("signedByOneOf: a leaf signed by a given CA of each key kind", async (t) => {
  const other = await derOf((await makeCa(dir, "unrelated", "EC P-256")).cert);
  for (const [i, kind] of Object.keys(KEY_KINDS).entries()) {
    await t.step(kind, async () => {
      const ca = await makeCa(dir, `ca${i}`, kind);
      const leaf = await derOf((await makeSigned(dir, `leaf${i}`, ca, SERVER_EXT)).cert);
      const caDer = await derOf(ca.cert);
      assert(await signedByOneOf(leaf, [caDer]), "the issuing CA");
      assert(await signedByOneOf(leaf, [other, caDer]), "the issuing CA among others");
      assertEquals(await signedByOneOf(leaf, [other]), false, "another CA only");
      assertEquals(await signedByOneOf(leaf, []), false, "no CA");
    });
  }
});

Deno.test("signedByOneOf: false for a forged signature, a same-named CA, an intermediate, junk", async () => {
  const ca = await makeCa(dir, "root", "EC P-256");
  const caDer = await derOf(ca.cert);
  const leaf = await derOf((await makeSigned(dir, "srv", ca, SERVER_EXT)).cert);
  const forged = leaf.slice();
  forged[forged.length - 5] ^= 0x01;
  assertEquals(await signedByOneOf(forged, [caDer]), false, "forged signature");
  const tbsFlip = leaf.slice();
  tbsFlip[40] ^= 0x01;
  assertEquals(await signedByOneOf(tbsFlip, [caDer]), false, "altered signed part");
  // Another CA with the same name (same issuer bytes) but a different key.
  const twinDir = await Deno.makeTempDir({ dir });
  const twin = await derOf((await makeCa(twinDir, "root", "EC P-256")).cert);
  assertEquals(await signedByOneOf(leaf, [twin]), false, "same name, other key");
  const mid = await makeSigned(dir, "intermediate", ca, INTERMEDIATE_EXT);
  const deep = await derOf((await makeSigned(dir, "deep", mid, SERVER_EXT)).cert);
  assertEquals(await signedByOneOf(deep, [caDer]), false, "root only, intermediate between");
  assert(await signedByOneOf(deep, [await derOf(mid.cert)]), "the intermediate given");
  for (
    const junk of [new Uint8Array(0), new Uint8Array([0x30, 0x82, 0xff]), caDer.subarray(0, 50)]
  ) {
    assertEquals(await signedByOneOf(junk, [caDer]), false);
  }
});

Deno.test("ecdsaRaw: DER integers to fixed-width r || s", () => {
  // SEQUENCE { INTEGER 0x00ff (sign byte), INTEGER 0x01 }
  const der = new Uint8Array([0x30, 0x07, 0x02, 0x02, 0x00, 0xff, 0x02, 0x01, 0x01]);
  assertEquals(Array.from(ecdsaRaw(der, 4)), [0, 0, 0, 0xff, 0, 0, 0, 1]);
});

Deno.test("isCertificateDer: whole certificates only (CA file blocks that do not parse are skipped)", async () => {
  const good = await derOf((await makeCa(dir, "shape", "RSA 2048")).cert);
  const cases: [string, Uint8Array, boolean][] = [
    ["a certificate", good, true],
    ["truncated", good.subarray(0, good.length - 1), false],
    ["trailing bytes", Uint8Array.from([...good, 0]), false],
    ["empty", new Uint8Array(0), false],
    ["three zero bytes", new Uint8Array([0, 0, 0]), false],
    ["an empty sequence", new Uint8Array([0x30, 0x00]), false],
  ];
  for (const [name, der, want] of cases) assertEquals(isCertificateDer(der), want, name);
});

Deno.test("signedByOneOf: a CA outside its validity window proves nothing (node:tls decides)", async () => {
  const ca = await makeCa(dir, "dated", "EC P-256");
  const caDer = await derOf(ca.cert);
  const leaf = await derOf((await makeSigned(dir, "dated-srv", ca, SERVER_EXT)).cert);
  const { notBefore, notAfter } = certParts(caDer);
  assert(Number.isFinite(notBefore) && Number.isFinite(notAfter) && notBefore < notAfter);
  assert(await signedByOneOf(leaf, [caDer], notBefore), "valid from its first second");
  assertEquals(await signedByOneOf(leaf, [caDer], notBefore - 1000), false, "not yet valid");
  assertEquals(await signedByOneOf(leaf, [caDer], notAfter + 1000), false, "expired");
});

Deno.test("x509Time: UTCTime (RFC 5280 century rule) and GeneralizedTime", () => {
  const time = (tag: number, text: string) => {
    const body = new TextEncoder().encode(text);
    const der = new Uint8Array([tag, body.length, ...body]);
    return x509Time(der, { tag, start: 0, body: 2, end: der.length });
  };
  assertEquals(time(0x17, "491231235959Z"), Date.UTC(2049, 11, 31, 23, 59, 59));
  assertEquals(time(0x17, "500101000000Z"), Date.UTC(1950, 0, 1));
  assertEquals(time(0x18, "21260101000000Z"), Date.UTC(2126, 0, 1));
  assert(Number.isNaN(time(0x17, "5001010000Z")), "no seconds");
  assert(Number.isNaN(time(0x04, "500101000000Z")), "not a time");
});
