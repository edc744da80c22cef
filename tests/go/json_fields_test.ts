/** Case-insensitive field access on decoded agent answers. */
import { assertEquals } from "../helpers/assert.ts";
import { field, isObject, objectField, stringField } from "../../src/go/json_fields.ts";

Deno.test("field: case-insensitive, the last matching key wins (Go encoding/json)", () => {
  const obj = { xDS: 1, XDS: 2, proxy: { a: 1 }, Name: "n", Num: 3, Arr: [] };
  assertEquals(field(obj, "XDS"), 2);
  assertEquals(field(obj, "xDS"), 2);
  assertEquals(field({ XDS: 2, xDS: 1 }, "XDS"), 1);
  assertEquals(field(obj, "missing"), undefined);
  assertEquals(stringField(obj, "name"), "n");
  assertEquals(stringField(obj, "Num"), "");
  assertEquals(objectField(obj, "Proxy"), { a: 1 });
  assertEquals(objectField(obj, "Arr"), undefined);
  assertEquals(objectField(obj, "Name"), undefined);
});

Deno.test("isObject: a decoded JSON object, not null or an array", () => {
  const table: [unknown, boolean][] = [
    [{}, true],
    [{ a: 1 }, true],
    [null, false],
    [[], false],
    [
      "s",
      false,
    ],
    [1, false],
    [undefined, false],
  ];
  for (const [v, want] of table) assertEquals(isObject(v), want, JSON.stringify(v));
});
