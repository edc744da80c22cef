import { assertEquals } from "../helpers/assert.ts";
import {
  formatFloatNoExponent,
  lookupKey,
  weakString,
  weakStringList,
} from "../../src/go/weak_decode.ts";

Deno.test("formatFloatNoExponent: shortest round-trip decimal, never exponent", () => {
  const table: [number, string][] = [
    [9000, "9000"],
    [1.5, "1.5"],
    [-2.25, "-2.25"],
    [0, "0"],
    [-0, "-0"],
    [1e21, "1000000000000000000000"],
    [1.5e22, "15000000000000000000000"],
    [0.000001, "0.000001"],
    [1e-7, "0.0000001"],
    [1.25e-8, "0.0000000125"],
    [-3e-7, "-0.0000003"],
    [123456789.125, "123456789.125"],
    [0.1, "0.1"],
  ];
  for (const [f, want] of table) assertEquals(formatFloatNoExponent(f), want, `for ${f}`);
});

Deno.test("weakString: every JSON value type", () => {
  const table: [unknown, string | null][] = [
    ["udp://x:1", "udp://x:1"],
    ["", ""],
    [9000, "9000"],
    [1.5, "1.5"],
    [true, "1"],
    [false, "0"],
    [{ a: 1 }, null],
    [{}, null],
    [[], null],
    [["a"], null],
  ];
  for (const [value, want] of table) {
    const r = weakString("k", value);
    if (want === null) {
      const type = Array.isArray(value) ? "[]interface {}" : "map[string]interface {}";
      assertEquals(r, {
        ok: false,
        error: `'k' expected type 'string', got unconvertible type '${type}'`,
      });
    } else {
      assertEquals(r, { ok: true, value: want }, `for ${JSON.stringify(value)}`);
    }
  }
});

Deno.test("weakStringList: arrays, scalars, objects", () => {
  const table: [unknown, string[] | string[][]][] = [
    [["a=b", "c"], ["a=b", "c"]],
    [[1, true, false, 2.5], ["1", "1", "0", "2.5"]],
    [[null, "x"], ["", "x"]],
    ["solo", ["solo"]],
    [42, ["42"]],
    [true, ["1"]],
    [{}, []],
    [[], []],
  ];
  for (const [value, want] of table) {
    assertEquals(weakStringList("tags", value), { ok: true, value: want as string[] });
  }
  assertEquals(weakStringList("tags", ["ok", { a: 1 }, ["x"]]), {
    ok: false,
    errors: [
      "'tags[1]' expected type 'string', got unconvertible type 'map[string]interface {}'",
      "'tags[2]' expected type 'string', got unconvertible type '[]interface {}'",
    ],
  });
  assertEquals(weakStringList("tags", { a: "b" }), {
    ok: false,
    errors: ["'tags[0]' expected type 'string', got unconvertible type 'map[string]interface {}'"],
  });
});

Deno.test("lookupKey: exact match first, then case-insensitive", () => {
  assertEquals(lookupKey({ ENVOY_X: 1, envoy_x: 2 }, "envoy_x"), 2);
  assertEquals(lookupKey({ ENVOY_X: 1 }, "envoy_x"), 1);
  assertEquals(lookupKey({ Envoy_X: 3, other: 1 }, "envoy_x"), 3);
  assertEquals(lookupKey({ other: 1 }, "envoy_x"), undefined);
});
