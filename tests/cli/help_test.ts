import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { helpText, USAGE_WRAP_WIDTH } from "../../src/cli/help.ts";
import { FLAGS } from "../../src/cli/flags.ts";
import denoJson from "../../deno.json" with { type: "json" };

const HTTP_ONLY = [
  "ca-file",
  "ca-path",
  "client-cert",
  "client-key",
  "http-addr",
  "tls-server-name",
  "token",
  "token-file",
];

function sectionNames(text: string, title: string, next?: string): string[] {
  const start = text.indexOf(`\n${title}\n\n`);
  assert(start >= 0, `section ${title} present`);
  const end = next === undefined ? text.length : text.indexOf(`\n${next}\n\n`);
  return [...text.slice(start, end).matchAll(/^ {2}-([a-z-]+)/gm)].map((m) => m[1]);
}

Deno.test("help: usage line first, no TABs, one trailing newline", () => {
  const text = helpText("linux");
  assert(text.startsWith("Usage: connect-envoy [options] [-- pass-through options]\n\n"));
  assert(!text.includes("\t"), "no TAB characters");
  assert(text.endsWith("\n") && !text.endsWith("\n\n"), "exactly one trailing newline");
});

Deno.test("help: sections hold the right flags in byte order", () => {
  const text = helpText("linux");
  assert(text.indexOf("\nHTTP API Options\n\n") < text.indexOf("\nCommand Options\n\n"));
  assertEquals(sectionNames(text, "HTTP API Options", "Command Options"), HTTP_ONLY);
  const commandNames = FLAGS.map((f) => f.name).filter((n) => !HTTP_ONLY.includes(n)).sort();
  assertEquals(sectionNames(text, "Command Options"), commandNames);
  assert(commandNames.includes("namespace") && commandNames.includes("partition"));
});

Deno.test("help: entry heads use the back-quoted word, type word, or nothing for bools", () => {
  const text = helpText("linux");
  for (
    const head of [
      "  -http-addr=<address>\n",
      "  -token=<string>\n",
      "  -address=<value>\n",
      "  -bind-address=<value>\n",
      "  -envoy-ready-bind-port=<int>\n",
      "  -wait-for-registration=<duration>\n",
      "  -bootstrap\n",
      "  -version\n",
      "  -validate\n",
    ]
  ) assertStringIncludes(text, head);
});

Deno.test("help: usage bodies are indented by 5 spaces and wrapped to 67 columns", () => {
  const lines = helpText("linux").split("\n");
  const firstEntry = lines.findIndex((l) => l === "HTTP API Options");
  let bodyLines = 0;
  for (const line of lines.slice(firstEntry)) {
    if (!line.startsWith("     ")) continue;
    bodyLines++;
    const body = line.slice(5);
    assert(!body.startsWith(" "), `exactly 5 spaces: ${JSON.stringify(line)}`);
    assert(
      body.length <= USAGE_WRAP_WIDTH,
      `wrapped to ${USAGE_WRAP_WIDTH}: ${JSON.stringify(line)}`,
    );
  }
  assert(bodyLines > FLAGS.length, "every flag has a usage body");
  // Each entry is followed by a blank line.
  assert(/\n {2}-token-file=<string>\n( {5}\S.*\n)+\nCommand Options\n/.test(helpText("linux")));
});

Deno.test("help: mentions version, precedence chains and env variables", () => {
  const text = helpText("linux");
  const flat = text.replace(/\s+/g, " ");
  assertStringIncludes(flat, `connect-envoy ${denoJson.version}`);
  assertStringIncludes(flat, "-proxy-id, else by CONNECT_PROXY_ID, else by CONSUL_PROXY_ID");
  assertStringIncludes(
    flat,
    "-token-file, -token, CONSUL_HTTP_TOKEN_FILE, CONSUL_HTTP_TOKEN, CONSUL_PROXY_TOKEN",
  );
  assertStringIncludes(flat, "-sidecar-for web -- ");
  for (const spec of FLAGS) {
    for (const name of spec.env ?? []) assertStringIncludes(flat, name, `${spec.name} env ${name}`);
  }
});

Deno.test("help: names every environment variable the program reads", async () => {
  const flat = helpText("linux").replace(/\s+/g, " ");
  // Every CONSUL_*/CONNECT_* name in the sources (the test-only CONNECT_ENVOY_BIN aside).
  const names = new Set<string>();
  const root = new URL("../../src/", import.meta.url);
  const walk = async (dir: URL): Promise<void> => {
    for await (const e of Deno.readDir(dir)) {
      const url = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
      if (e.isDirectory) await walk(url);
      else if (e.name.endsWith(".ts") && e.name !== "permissions.ts") {
        const text = await Deno.readTextFile(url);
        for (const m of text.matchAll(/\b(?:CONSUL|CONNECT)_[A-Z_]+\b/g)) names.add(m[0]);
      }
    }
  };
  await walk(root);
  for (const name of ["CONSUL_HTTP_AUTH", "CONSUL_HTTP_SSL", "CONSUL_HTTP_SSL_VERIFY"]) {
    assert(names.has(name), `${name} is read somewhere`);
  }
  for (const name of [...names, "PATH", "TMPDIR"]) assertStringIncludes(flat, name, name);
});

Deno.test("help: the null-device default follows the OS", () => {
  const linux = helpText("linux").replace(/\s+/g, " ");
  const windows = helpText("windows").replace(/\s+/g, " ");
  assertStringIncludes(linux, "Defaults to /dev/null.");
  assertStringIncludes(windows, "Defaults to NUL.");
});
