/**
 * The supervising process idles: no polling loop, so (almost) no CPU while
 * Envoy runs. A 2 s window here; `deno task supervise-idle` measures 10 s.
 */

import { assert } from "../helpers/assert.ts";
import { measureIdle } from "./idle_measure.ts";

Deno.test({
  name: "supervise: the idle supervisor uses under 2% of one CPU",
  ignore: Deno.build.os !== "linux",
  fn: async () => {
    const cost = await measureIdle(2, 500);
    assert(cost.cpuPercent < 2, JSON.stringify(cost));
    assert(cost.vmRssKiB > 0, "RSS read");
  },
});
