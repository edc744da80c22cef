import { assertEquals } from "../helpers/assert.ts";
import { parseEnvoyVersion } from "../../src/exec/envoy_version.ts";

const SHA = "69958e4fe32da561376d8b1d367b5e6942dfba24";

Deno.test("parseEnvoyVersion: real `envoy --version` outputs", () => {
  const table: { name: string; out: string; want: string | undefined }[] = [
    {
      name: "release",
      out: `\nenvoy  version: ${SHA}/1.35.6/Clean/RELEASE/BoringSSL\n\n`,
      want: "1.35.6",
    },
    {
      name: "release, modified tree, FIPS",
      out: `envoy  version: ${SHA}/1.32.12/Modified/RELEASE/BoringSSL-FIPS\n`,
      want: "1.32.12",
    },
    {
      name: "dev build with a label",
      out: `envoy  version: ${SHA}/1.36.0-dev/Clean/DEBUG/BoringSSL\n`,
      want: "1.36.0-dev",
    },
    {
      name: "distribution label with dots",
      out: `envoy  version: ${SHA}/1.34.7-contrib.2/Distribution/RELEASE/BoringSSL\n`,
      want: "1.34.7-contrib.2",
    },
    {
      name: "binary path containing version-like digits",
      out: `\n/opt/envoy-1.20.3/bin/envoy-1.31  version: ${SHA}/1.33.9/Clean/RELEASE/BoringSSL\n`,
      want: "1.33.9",
    },
    {
      name: "sha made only of digits",
      out: `envoy  version: 1234567890/1.35.0/Clean/RELEASE/BoringSSL`,
      want: "1.35.0",
    },
    { name: "garbage", out: "Segmentation fault\n", want: undefined },
    { name: "empty", out: "", want: undefined },
    { name: "digits but no version field", out: "envoy 1.35.6 ready\n", want: undefined },
    { name: "version field without sha", out: "envoy  version: 1.35.6/Clean\n", want: undefined },
    {
      name: "non-numeric version",
      out: `envoy  version: ${SHA}/main/Clean/RELEASE/BoringSSL\n`,
      want: undefined,
    },
  ];
  for (const c of table) assertEquals(parseEnvoyVersion(c.out)?.text, c.want, c.name);
});

Deno.test("parseEnvoyVersion: numeric components and label", () => {
  assertEquals(
    parseEnvoyVersion(`envoy  version: ${SHA}/1.36.0-dev/Clean/RELEASE/BoringSSL`),
    { major: 1, minor: 36, patch: 0, label: "dev", text: "1.36.0-dev" },
  );
  assertEquals(
    parseEnvoyVersion(`envoy  version: ${SHA}/1246390.9401081.1238495/Clean/RELEASE/BoringSSL`),
    { major: 1246390, minor: 9401081, patch: 1238495, label: "", text: "1246390.9401081.1238495" },
  );
});
