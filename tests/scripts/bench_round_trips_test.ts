import { assertEquals, assertThrowsMatching } from "../helpers/assert.ts";
import { criticalPath, type RequestInterval } from "../../scripts/bench/round_trips.ts";

const iv = (startMs: number, endMs: number): RequestInterval => ({ startMs, endMs });

Deno.test("criticalPath counts the longest chain of requests that waited for each other", () => {
  const table: [string, RequestInterval[], number, number[]][] = [
    ["no requests", [], 0, []],
    ["one request", [iv(0, 20)], 1, [0]],
    [
      "five one after another (Consul)",
      [
        iv(0, 20),
        iv(21, 41),
        iv(42, 62),
        iv(63, 83),
        iv(84, 104),
      ],
      5,
      [0, 1, 2, 3, 4],
    ],
    ["all concurrent", [iv(0, 20), iv(1, 21), iv(2, 22), iv(3, 23)], 1, [0]],
    [
      "R1 ‖ R2, then R5 ‖ R6 ‖ R7",
      [
        iv(0, 20),
        iv(0.5, 20.5),
        iv(21, 41),
        iv(21.2, 41.2),
        iv(21.4, 41.4),
      ],
      2,
      [0, 2],
    ],
    ["touching intervals are sequential", [iv(0, 10), iv(10, 20)], 2, [0, 1]],
    ["input order does not matter", [iv(42, 62), iv(0, 20), iv(21, 41)], 3, [1, 2, 0]],
    [
      "a long request spanning a short chain",
      [
        iv(0, 100),
        iv(1, 10),
        iv(11, 20),
        iv(21, 30),
        iv(101, 110),
      ],
      4,
      [1, 2, 3, 4],
    ],
    [
      "a late overlapping request does not extend the chain",
      [
        iv(0, 20),
        iv(5, 25),
        iv(22, 42),
        iv(24, 44),
      ],
      2,
      [0, 2],
    ],
  ];
  for (const [name, reqs, trips, chain] of table) {
    const got = criticalPath(reqs);
    assertEquals(got.roundTrips, trips, name);
    assertEquals(got.chain, chain, name);
    for (let k = 1; k < got.chain.length; k++) {
      const before = reqs[got.chain[k - 1]];
      const after = reqs[got.chain[k]];
      assertEquals(after.startMs >= before.endMs, true, `${name}: chain link ${k}`);
    }
  }
});

Deno.test("criticalPath rejects a request that ends before it starts", () => {
  assertThrowsMatching(() => criticalPath([iv(5, 4)]), /ends before it starts/);
});
