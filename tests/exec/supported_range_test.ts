import { assertEquals } from "../helpers/assert.ts";
import {
  agentEnvoyVersions,
  chooseSupportedRange,
  displayAgentAddress,
  unsupportedEnvoyMessage,
} from "../../src/exec/supported_range.ts";
import { checkCompatibility, describeRange } from "../../src/exec/compatibility.ts";
import { parseEnvoyVersion } from "../../src/exec/envoy_version.ts";
import { DEFAULT_ENVOY_VERSION, ENVOY_VERSIONS } from "../../src/exec/supported_versions.ts";
import { DEFAULT_ENVOY_VERSION as FLAG_DEFAULT } from "../../src/cli/flags.ts";

const AGENT_LIST = ["1.38.2", "1.37.4", "1.36.8", "1.35.12"];
const selfWith = (envoy: unknown) => ({ xDS: { SupportedProxies: { envoy } } });

Deno.test("agentEnvoyVersions: the agent's list, newest first, X.Y.Z entries only", () => {
  const table: [unknown, string[] | undefined][] = [
    [selfWith(AGENT_LIST), AGENT_LIST],
    [selfWith(["1.35.12", "1.38.2", "1.36.8", "1.37.4"]), AGENT_LIST],
    [selfWith(["1.38.2", "1.38.2", "banana", 7, " 1.35.0 "]), ["1.38.2", "1.35.0"]],
    [selfWith(["1.10.0", "1.9.0"]), ["1.10.0", "1.9.0"]],
    [selfWith([]), undefined],
    [selfWith(["banana"]), undefined],
    [selfWith("1.38.2"), undefined],
    [{ xDS: { Ports: { Plaintext: 8502 } } }, undefined],
    [{ xDS: null }, undefined],
    [{}, undefined],
    [undefined, undefined],
    [null, undefined],
  ];
  for (const [self, want] of table) {
    assertEquals(agentEnvoyVersions(self), want, JSON.stringify(self));
  }
});

Deno.test("chooseSupportedRange: agent list wins; built-in list otherwise", () => {
  assertEquals(chooseSupportedRange(selfWith(AGENT_LIST), "127.0.0.1:8500"), {
    versions: AGENT_LIST,
    source: { kind: "agent", address: "127.0.0.1:8500" },
  });
  assertEquals(chooseSupportedRange({}, "127.0.0.1:8500"), {
    versions: ENVOY_VERSIONS,
    source: { kind: "builtin" },
  });
  assertEquals(chooseSupportedRange(undefined, "x").source, { kind: "builtin" });
});

Deno.test("displayAgentAddress drops credentials only", () => {
  const table: [string, string][] = [
    ["127.0.0.1:8500", "127.0.0.1:8500"],
    ["https://user:secret@consul:8501", "https://consul:8501"],
    ["https://consul:8501/prefix", "https://consul:8501/prefix"],
    ["unix:///run/consul.sock", "unix:///run/consul.sock"],
  ];
  for (const [input, want] of table) assertEquals(displayAgentAddress(input), want);
});

Deno.test("Consul's rule on the agent's list: lowest minor .0 to every patch of the highest", () => {
  const table: [string, string | null][] = [
    ["1.34.9", "1.34.x"],
    ["1.35.0", null],
    ["1.35.12", null],
    ["1.36.0", null],
    ["1.38.1", null],
    ["1.38.2", null],
    ["1.38.99", null],
    ["1.39.0", "1.39.x"],
    ["1.39.0-dev", "1.39.x"],
    ["2.0.0", "2.0.x"],
  ];
  const versions = agentEnvoyVersions(selfWith(AGENT_LIST))!;
  for (const [text, reported] of table) {
    const v = parseEnvoyVersion(`envoy  version: abc/${text}/Clean/RELEASE/BoringSSL`)!;
    const got = checkCompatibility(v, versions);
    assertEquals(
      got,
      reported === null
        ? { kind: "supported" }
        : { kind: "unsupported", reported, range: "1.35.0 to 1.38.x" },
      text,
    );
  }
});

Deno.test("the built-in list: Consul main's 1.35–1.38, and -envoy-version's default comes from it", () => {
  assertEquals(describeRange(ENVOY_VERSIONS), "1.35.0 to 1.38.x");
  assertEquals(DEFAULT_ENVOY_VERSION, ENVOY_VERSIONS[0]);
  assertEquals(FLAG_DEFAULT, ENVOY_VERSIONS[0]);
});

Deno.test("unsupportedEnvoyMessage: Consul's version wording, found version, range and source", () => {
  assertEquals(
    unsupportedEnvoyMessage("1.39.x", "1.39.0", "1.35.0 to 1.38.x", {
      kind: "agent",
      address: "127.0.0.1:8500",
    }),
    "Envoy version 1.39.x is not supported (found 1.39.0; the Consul agent at 127.0.0.1:8500 " +
      "supports 1.35.0 to 1.38.x); -ignore-envoy-compatibility skips this check",
  );
  assertEquals(
    unsupportedEnvoyMessage("1.34.x", "1.34.0", "1.35.0 to 1.38.x", { kind: "builtin" }),
    "Envoy version 1.34.x is not supported (found 1.34.0; connect-envoy's built-in list " +
      "supports 1.35.0 to 1.38.x); -ignore-envoy-compatibility skips this check",
  );
});
