import { assertEquals } from "../helpers/assert.ts";
import {
  lockedNpmPackages,
  metadataPath,
  missingMetadata,
  registryDir,
} from "../../scripts/warm_npm_cache.ts";
import { join } from "node:path";

Deno.test("lockedNpmPackages reads name and version from the lockfile's npm keys", () => {
  const cases: [unknown, { name: string; version: string }[]][] = [
    [{ npm: { "undici@8.12.4": {} } }, [{ name: "undici", version: "8.12.4" }]],
    [{ npm: { "@scope/pkg@1.2.3_peer@2.0.0": {} } }, [{ name: "@scope/pkg", version: "1.2.3" }]],
    [{ version: "5" }, []],
    [null, []],
  ];
  for (const [lock, want] of cases) assertEquals(lockedNpmPackages(lock), want);
});

Deno.test("registryDir and metadataPath follow Deno's npm cache layout", () => {
  assertEquals(
    registryDir("/c/npm", "https://registry.npmjs.org/"),
    join("/c/npm", "registry.npmjs.org"),
  );
  assertEquals(registryDir("/c/npm", "http://localhost:4873/"), join("/c/npm", "localhost_4873"));
  assertEquals(metadataPath("/r", "@scope/pkg"), join("/r", "@scope", "pkg", "registry.json"));
});

Deno.test("missingMetadata lists only packages without registry.json", () => {
  const have = new Set([metadataPath("/r", "a")]);
  const got = missingMetadata(
    [{ name: "a", version: "1.0.0" }, { name: "b", version: "2.0.0" }],
    "/r",
    (p) => have.has(p),
  );
  assertEquals(got, [{ name: "b", version: "2.0.0" }]);
});
