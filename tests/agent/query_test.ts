/** Go-compatible query encoding, path escaping and quoting. */
import { assertEquals } from "../helpers/assert.ts";
import { encodeQuery, escapePath, formEncode } from "../../src/agent/query.ts";

Deno.test("formEncode follows url.QueryEscape", () => {
  const cases: [string, string][] = [
    ["Kind == `mesh-gateway`", "Kind+%3D%3D+%60mesh-gateway%60"],
    ['ID == "x"', "ID+%3D%3D+%22x%22"],
    ["a-b_c.d~e", "a-b_c.d~e"],
    ["/?&+#", "%2F%3F%26%2B%23"],
    ["é", "%C3%A9"],
  ];
  for (const [input, want] of cases) assertEquals(formEncode(input), want, input);
});

Deno.test("escapePath follows Go URL path escaping", () => {
  const cases: [string, string][] = [
    ["a b", "a%20b"],
    ["a?b#c", "a%3Fb%23c"],
    ["x/y", "x/y"],
    ["$&+,:;=@", "$&+,:;=@"],
    ["100%", "100%25"],
    ["é", "%C3%A9"],
  ];
  for (const [input, want] of cases) assertEquals(escapePath(input), want, input);
});

Deno.test("encodeQuery sorts keys bytewise and writes empty values as k=", () => {
  assertEquals(encodeQuery({}), "");
  assertEquals(
    encodeQuery({ partition: "p", "merge-central-config": "", filter: "a b", ns: "n", Z: "1" }),
    "Z=1&filter=a+b&merge-central-config=&ns=n&partition=p",
  );
});
