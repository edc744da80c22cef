/**
 * A token with a line break (LF or CRLF inside it) from each of the five
 * sources, on the http and https paths: it is refused before any request
 * with one line that names the sources, and no part of it reaches stderr in
 * any form (as written, folded onto one line, or escaped).
 */
import { assert, assertEquals, assertStringIncludes } from "../helpers/assert.ts";
import { tlsFixtures } from "../helpers/tls_fixtures.ts";
import { startFakeAgent } from "../../scripts/fake_agent.ts";
import { demoSpec } from "../helpers/demo_agent.ts";
import { runCli } from "../helpers/cli.ts";
import { makeScratch, runInProcess } from "./harness.ts";

const PART1 = "ctl7f3a-first-half";
const PART2 = "ctl9b2e-second-half";

type Source = (token: string) => { args?: string[]; env?: Record<string, string>; file?: string };

const SOURCES: Record<string, Source> = {
  "-token": (t) => ({ args: ["-token", t] }),
  "-token-file": (t) => ({ args: ["-token-file", "{file}"], file: t }),
  CONSUL_HTTP_TOKEN: (t) => ({ env: { CONSUL_HTTP_TOKEN: t } }),
  CONSUL_HTTP_TOKEN_FILE: (t) => ({ env: { CONSUL_HTTP_TOKEN_FILE: "{file}" }, file: t }),
  CONSUL_PROXY_TOKEN: (t) => ({ env: { CONSUL_PROXY_TOKEN: t } }),
};

const BREAKS: Record<string, string> = { LF: "\n", CRLF: "\r\n" };

function assertNoTokenPart(text: string) {
  for (const part of [PART1, PART2]) assert(!text.includes(part), "a token part reached stderr");
}

Deno.test("token with a line break: refused before sending, never echoed (http and https)", async (t) => {
  const f = await tlsFixtures();
  const plain = await startFakeAgent(demoSpec());
  const tls = await startFakeAgent({
    ...demoSpec(),
    tls: { certFile: f.ipCert, keyFile: f.ipKey },
  });
  const paths = {
    http: { CONSUL_HTTP_ADDR: plain.addr },
    https: { CONSUL_HTTP_ADDR: `https://${tls.addr}`, CONSUL_CACERT: f.caCert },
  };
  try {
    for (const [pathName, base] of Object.entries(paths)) {
      for (const [srcName, source] of Object.entries(SOURCES)) {
        for (const [breakName, br] of Object.entries(BREAKS)) {
          await t.step(`${pathName} ${srcName} ${breakName}`, async () => {
            const s = source(`${PART1}${br}${PART2}`);
            const dir = await makeScratch(s.file === undefined ? {} : { t: s.file });
            const fill = (v: string) => v.replaceAll("{file}", `${dir}/t`);
            try {
              const env: Record<string, string> = { ...base };
              for (const [k, v] of Object.entries(s.env ?? {})) env[k] = fill(v);
              const args = [...(s.args ?? []).map(fill), "-bootstrap", "-sidecar-for", "web"];
              const before = plain.requests.length + tls.requests.length;
              const r = await runInProcess(args, env);
              assertEquals(r.code, 1, r.stderr);
              assertEquals(r.stdout, "");
              assertEquals(r.stderr.trim().split("\n").length, 1);
              assertStringIncludes(r.stderr, "ACL token");
              assertStringIncludes(r.stderr, "control character");
              assertNoTokenPart(r.stderr);
              assertEquals(plain.requests.length + tls.requests.length, before, "nothing sent");
            } finally {
              await Deno.remove(dir, { recursive: true });
            }
          });
        }
      }
    }
    await t.step("the real CLI, https, CONSUL_HTTP_TOKEN with CRLF", async () => {
      const r = await runCli(["-bootstrap", "-sidecar-for", "web"], {
        ...paths.https,
        CONSUL_HTTP_TOKEN: `${PART1}\r\n${PART2}`,
      });
      assertEquals(r.code, 1, r.stderr);
      assertNoTokenPart(r.stderr);
    });
  } finally {
    await plain.close();
    await tls.close();
  }
});
