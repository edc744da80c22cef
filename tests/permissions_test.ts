import { assert, assertEquals } from "./helpers/assert.ts";
import { join } from "node:path";
import {
  cliCommand,
  denoRunArgs,
  PERMISSION_FLAGS,
  PERMISSION_GRANTS,
  repoRoot,
  RUNTIME_FLAGS,
} from "../src/permissions.ts";

Deno.test("permission list: explicit grants only, each with a reason, one per kind", () => {
  const kinds = PERMISSION_FLAGS.map((f) => f.replace(/=.*/, ""));
  assertEquals(new Set(kinds).size, kinds.length, "one flag per permission kind");
  for (const g of PERMISSION_GRANTS) {
    assert(/^--allow-(read|write|env|net|run|ffi|sys)(=.+)?$/.test(g.flag), g.flag);
    assert(g.reason.length > 20, `${g.flag} has a reason`);
  }
  assert(!PERMISSION_FLAGS.includes("--allow-all") && !PERMISSION_FLAGS.includes("-A"));
  assert(!kinds.includes("--allow-import"), "no remote imports at run time");
  assertEquals(RUNTIME_FLAGS, ["--no-prompt"]);
});

Deno.test("denoRunArgs runs <repo>/main.ts with the repo config and exactly the grants", () => {
  const root = repoRoot();
  assertEquals(denoRunArgs(["-bootstrap", "-x"]), [
    "run",
    "--no-prompt",
    ...PERMISSION_FLAGS,
    `--config=${join(root, "deno.json")}`,
    join(root, "main.ts"),
    "-bootstrap",
    "-x",
  ]);
  assertEquals(denoRunArgs([], "/r", ["--allow-read"]).slice(0, 3), [
    "run",
    "--no-prompt",
    "--allow-read",
  ]);
  const stat = Deno.statSync(join(root, "deno.json"));
  assert(stat.isFile, "repoRoot holds deno.json");
});

Deno.test("cliCommand runs a given compiled binary with the arguments only", async () => {
  // A stand-in "binary": the deno executable itself, printing its argv.
  const script = await Deno.makeTempFile({ suffix: ".ts" });
  try {
    await Deno.writeTextFile(script, "console.log(JSON.stringify(Deno.args));");
    const out = await cliCommand(["run", script, "-a", "b"], { binary: Deno.execPath() }).output();
    assertEquals(out.code, 0);
    assertEquals(JSON.parse(new TextDecoder().decode(out.stdout)), ["-a", "b"]);
  } finally {
    await Deno.remove(script);
  }
});

Deno.test("the permissions table in README.md lists exactly the grants", async () => {
  const doc = await Deno.readTextFile(join(repoRoot(), "README.md"));
  const section = doc.split("## Permissions")[1].split("\n## ")[0];
  const listed = [...section.matchAll(/^\| `(--allow-[^`]+)`\s*\|/gm)].map((m) => m[1]);
  assertEquals(listed, [...PERMISSION_FLAGS]);
  const install = doc.split("### With Deno")[1].split("\n### ")[0].replace(/\\\n\s*/g, " ");
  for (const flag of [...RUNTIME_FLAGS, ...PERMISSION_FLAGS]) {
    assert(install.includes(` ${flag} `), `deno install command has ${flag}`);
  }
});

Deno.test("`deno run src/permissions.ts` prints the flags for shell scripts", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", join(repoRoot(), "src", "permissions.ts")],
    stdout: "piped",
  }).output();
  assertEquals(out.code, 0);
  assertEquals(
    new TextDecoder().decode(out.stdout),
    [...RUNTIME_FLAGS, ...PERMISSION_FLAGS].join(" ") + "\n",
  );
});
