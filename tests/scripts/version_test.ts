import { assertEquals, assertMatch } from "../helpers/assert.ts";
import { tagMismatch, VERSION } from "../../scripts/version.ts";

Deno.test("VERSION is deno.json's version", async () => {
  const json = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assertEquals(VERSION, json.version);
  assertMatch(VERSION, /^\d+\.\d+\.\d+/);
});

Deno.test("tagMismatch accepts v<version>, <version> and refs/tags/ forms only", () => {
  const table: [string, boolean][] = [
    ["v1.2.3", true],
    ["1.2.3", true],
    ["refs/tags/v1.2.3", true],
    ["v1.2.4", false],
    ["v1.2.3-rc1", false],
    ["", false],
  ];
  for (const [tag, ok] of table) {
    const problem = tagMismatch(tag, "1.2.3");
    assertEquals(problem === "", ok, tag);
    if (!ok) assertMatch(problem, /does not match version 1\.2\.3 in deno\.json$/);
  }
});
