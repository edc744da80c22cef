import { assert, assertEquals } from "../helpers/assert.ts";
import { fileURLToPath } from "node:url";
import { loadFixture } from "../../scripts/fake_agent.ts";

const DIR = fileURLToPath(new URL("../../scripts/fixtures/doctor/", import.meta.url));

Deno.test("doctor fixtures: every one loads; extends replaces whole top-level keys", async () => {
  const base = await loadFixture(`${DIR}healthy.json`);
  assert(base.services?.["web-sidecar-proxy"] !== undefined);
  const names = [...Deno.readDirSync(DIR)].map((e) => e.name).filter((n) => n.endsWith(".json"));
  assert(names.length >= 10, names.join(" "));
  for (const name of names) {
    const spec = await loadFixture(`${DIR}${name}`);
    assert(spec.self !== undefined, name);
    assertEquals("extends" in spec, false, name);
  }
  const denied = await loadFixture(`${DIR}denied_write.json`);
  assertEquals(denied.acl?.deny, ["service:write:web"]);
  assertEquals(denied.services, base.services);
  assertEquals(denied.acl?.tokenInfo, undefined);
});

Deno.test("loadFixture: a cycle of extends is an error, not a hang", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.json`, JSON.stringify({ extends: "b.json" }));
    await Deno.writeTextFile(`${dir}/b.json`, JSON.stringify({ extends: "a.json" }));
    let message = "";
    try {
      await loadFixture(`${dir}/a.json`);
    } catch (err) {
      message = (err as Error).message;
    }
    assert(message.includes("nests too deeply"), message);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
