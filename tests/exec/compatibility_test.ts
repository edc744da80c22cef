import { assertEquals } from "../helpers/assert.ts";
import {
  checkCompatibility,
  type Compatibility,
  describeRange,
} from "../../src/exec/compatibility.ts";
import { parseEnvoyVersion } from "../../src/exec/envoy_version.ts";
import { ENVOY_VERSIONS, UNSUPPORTED_ENVOY_VERSIONS } from "../../src/exec/supported_versions.ts";

function v(text: string) {
  const parsed = parseEnvoyVersion(`envoy  version: abc/${text}/Clean/RELEASE/BoringSSL`);
  if (parsed === undefined) throw new Error(`bad test version ${text}`);
  return parsed;
}

Deno.test("the built-in list is Consul main's (1.35 to 1.38)", () => {
  assertEquals([...ENVOY_VERSIONS], ["1.38.2", "1.37.4", "1.36.8", "1.35.12"]);
  assertEquals([...UNSUPPORTED_ENVOY_VERSIONS], []);
  assertEquals(describeRange(), "1.35.0 to 1.38.x");
});

const BASELINE = ["1.35.6", "1.34.7", "1.33.9", "1.32.12"];

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
    const got = checkCompatibility(v(version), BASELINE);
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
