import { assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import {
  checkCompatibility,
  type Compatibility,
  describeRange,
  unsupportedVersionMessage,
} from "../../src/exec/compatibility.ts";
import { parseEnvoyVersion } from "../../src/exec/envoy_version.ts";
import { ENVOY_VERSIONS, UNSUPPORTED_ENVOY_VERSIONS } from "../../src/exec/supported_versions.ts";

function v(text: string) {
  const parsed = parseEnvoyVersion(`envoy  version: abc/${text}/Clean/RELEASE/BoringSSL`);
  if (parsed === undefined) throw new Error(`bad test version ${text}`);
  return parsed;
}

Deno.test("the supported list is the baseline's", () => {
  assertEquals([...ENVOY_VERSIONS], ["1.35.6", "1.34.7", "1.33.9", "1.32.12"]);
  assertEquals([...UNSUPPORTED_ENVOY_VERSIONS], []);
  assertEquals(describeRange(), "1.32.0 to 1.35.x");
});

Deno.test("checkCompatibility: edges of the range", () => {
  const table: [string, string | null][] = [
    ["1.31.99", "1.31.x"],
    ["1.31.9", "1.31.x"],
    ["1.32.0", null],
    ["1.32.0-dev", null],
    ["1.32.12", null],
    ["1.33.0", null],
    ["1.34.7", null],
    ["1.35.6", null],
    ["1.35.99", null],
    ["1.36.0", "1.36.x"],
    ["1.36.0-dev", "1.36.x"],
    ["2.0.0", "2.0.x"],
    ["0.0.0", "0.0.x"],
    ["1.3.0", "1.3.x"],
  ];
  for (const [version, reported] of table) {
    const got = checkCompatibility(v(version));
    const want: Compatibility = reported === null
      ? { kind: "supported" }
      : { kind: "unsupported", reported, range: "1.32.0 to 1.35.x" };
    assertEquals(got, want, version);
  }
});

Deno.test("checkCompatibility: explicitly unsupported releases report the full version", () => {
  const list = ["1.35.6", "1.34.7"];
  const bad = ["1.34.2"];
  assertEquals(checkCompatibility(v("1.34.2"), list, bad), {
    kind: "unsupported",
    reported: "1.34.2",
    range: "1.34.0 to 1.35.x",
  });
  assertEquals(checkCompatibility(v("1.34.3"), list, bad), { kind: "supported" });
  assertEquals(checkCompatibility(v("1.33.0"), list, bad).kind, "unsupported");
});

Deno.test("checkCompatibility: a malformed list is an error (warn and proceed)", () => {
  const table: [string[], string[]][] = [
    [[], []],
    [["1.35"], []],
    [["1.34.7", "1.35.6"], []],
    [["1.35.6", "1.35.6"], []],
    [["1.35.6"], ["x"]],
  ];
  for (const [list, bad] of table) {
    assertEquals(checkCompatibility(v("1.35.0"), list, bad).kind, "error", JSON.stringify(list));
  }
});

Deno.test("unsupportedVersionMessage keeps Consul's text and names the range", () => {
  const msg = unsupportedVersionMessage("1.31.x", "1.32.0 to 1.35.x");
  assertStringIncludes(
    msg,
    "Envoy version 1.31.x is not supported. If there is a reason you need to use this version " +
      "of envoy use the ignore-envoy-compatibility flag. Using an unsupported version of Envoy " +
      "is not recommended and your experience may vary. For more information on compatibility " +
      "see https://developer.hashicorp.com/consul/docs/connect/proxies/envoy#envoy-and-consul-client-agent",
  );
  assertStringIncludes(msg, "1.32.0 to 1.35.x");
  assertEquals(msg.includes("\n"), false);
});
