import { assertEquals } from "../helpers/assert.ts";
import { expandSinkUrl, goExpand } from "../../src/bootstrap/env_expand.ts";

const ENV: Record<string, string> = { HOST_IP: "10.0.0.7", MY_URL: "udp://1.2.3.4:8125" };
const getEnv = (n: string) => ENV[n];

Deno.test("goExpand: os.Expand syntax", () => {
  const m = (n: string) => `<${n}>`;
  const table: [string, string][] = [
    ["plain", "plain"],
    ["$A", "<A>"],
    ["${A}b", "<A>b"],
    ["x$", "x$"],
    ["$$", "<$>"],
    ["$1x", "<1>x"],
    ["$*", "<*>"],
    ["${}x", "x"],
    ["${abc", "abc"],
    ["${?}", "<?>"],
    ["$-", "<->"],
    ["a$.b", "a$.b"],
    ["$A_1.x", "<A_1>.x"],
    ["${a b}", "<a b>"],
  ];
  for (const [s, want] of table) assertEquals(goExpand(s, m), want, s);
});

Deno.test("expandSinkUrl: whole-rest variable, HOST_IP, other references kept literal", () => {
  const table: [string, string][] = [
    ["$MY_URL", "udp://1.2.3.4:8125"],
    ["$UNSET", ""],
    ["${MY_URL}", ""], // looks up a variable literally named "{MY_URL}"
    ["udp://$HOST_IP:8125", "udp://10.0.0.7:8125"],
    ["udp://${HOST_IP}:8125", "udp://10.0.0.7:8125"],
    ["udp://$OTHER:8125", "udp://${OTHER}:8125"],
    ["udp://${OTHER}:8125", "udp://${OTHER}:8125"],
    ["udp://127.0.0.1:8125", "udp://127.0.0.1:8125"],
    ["$A", "${A}"], // two characters: not the whole-rest rule
    ["$$", "$$"], // too short for the whole-rest rule: expands $$ to ${$}
  ];
  for (const [s, want] of table) {
    const got = expandSinkUrl(s, getEnv);
    if (s === "$$") assertEquals(got, "${$}");
    else assertEquals(got, want, s);
  }
  assertEquals(expandSinkUrl("udp://$HOST_IP:1", () => undefined), "udp://:1");
});
